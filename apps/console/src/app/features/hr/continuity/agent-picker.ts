import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import {
  MatAutocompleteModule,
  MatAutocompleteSelectedEvent,
  MatAutocompleteTrigger,
} from '@angular/material/autocomplete';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import type { AgentDto } from '@telework/contracts';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { DirectoryApi } from '../../../core/api/directory-api';
import { serverError } from '../../../shared/server-errors';

/** How long the search waits after the last key, and how many agents it offers. */
export const AGENT_SEARCH_DEBOUNCE_MS = 250;
export const AGENT_SEARCH_SIZE = 20;

function nameOf(a: Pick<AgentDto, 'firstName' | 'lastName' | 'employeeNumber'>): string {
  return `${a.lastName} ${a.firstName} (${a.employeeNumber})`;
}

/**
 * A list of agents for a form control holding their ids: chips (each with its own "Retirer")
 * and a search field (`GET /api/agents?q=`, two characters at least) whose suggestions are
 * chosen with the keyboard or the pointer. The names of ids the control already holds (an event
 * being edited) are read once with `GET /api/agents/:id`.
 */
@Component({
  selector: 'tw-agent-picker',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="tw-agent-field">
      <mat-label>{{ label() }}</mat-label>
      <mat-chip-grid #grid [formControl]="control()" [attr.aria-label]="label()">
        @for (id of ids(); track id) {
          <!-- the row's value is the id: the chip grid writes its rows' values back into the control -->
          <mat-chip-row [value]="id" (removed)="remove(id)" [attr.data-agent]="id">
            {{ names()[id] ?? id }}
            <button matChipRemove type="button" [attr.aria-label]="'continuity.form.agentRemove' | translate: { name: names()[id] ?? id }">
              <mat-icon svgIcon="tw-close" aria-hidden="true" />
            </button>
          </mat-chip-row>
        }
        <input
          #search
          class="tw-agent-search"
          [placeholder]="'continuity.form.agentSearch' | translate"
          [formControl]="query"
          [matChipInputFor]="grid"
          [matAutocomplete]="auto"
        />
      </mat-chip-grid>
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="add($event)">
        @for (a of options(); track a.id) {
          <mat-option [value]="a" [disabled]="ids().includes(a.id)">
            {{ a.lastName }} {{ a.firstName }} ({{ a.employeeNumber }}) — {{ a.siteName }}
          </mat-option>
        }
        @if (searched() && options().length === 0) {
          <mat-option disabled>{{ (failed() ? 'continuity.form.agentsUnavailable' : 'continuity.form.agentNone') | translate }}</mat-option>
        }
      </mat-autocomplete>
      <mat-hint>{{ 'continuity.form.agentSearchHint' | translate }}</mat-hint>
      @if (serverError(control()); as m) {
        <mat-error>{{ m }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host { display: block; }
    .tw-agent-field { width: 100%; max-width: 640px; }
  `,
})
export class AgentPicker {
  private readonly api = inject(DirectoryApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly control = input.required<FormControl<string[]>>();
  /** already translated */
  readonly label = input.required<string>();

  protected readonly serverError = serverError;
  protected readonly query = new FormControl<string | AgentDto>('', { nonNullable: true });
  protected readonly options = signal<AgentDto[]>([]);
  protected readonly searched = signal(false);
  protected readonly failed = signal(false);
  /** id → "Nom Prénom (matricule)" for the chips */
  protected readonly names = signal<Partial<Record<string, string>>>({});
  protected readonly ids = signal<string[]>([]);
  private readonly asked = new Set<string>();
  private readonly injector = inject(Injector);
  private readonly trigger = viewChild(MatAutocompleteTrigger);
  private readonly search = viewChild<ElementRef<HTMLInputElement>>('search');

  constructor() {
    this.query.valueChanges
      .pipe(
        map((v) => (typeof v === 'string' ? v.trim() : '')),
        debounceTime(AGENT_SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        switchMap((q) => {
          if (q.length < 2) return of(null);
          return this.api.listAgents({ q, page: 1, pageSize: AGENT_SEARCH_SIZE, sort: 'lastName' }).pipe(
            map((page) => ({ items: page.items, failed: false })),
            catchError(() => of({ items: [] as AgentDto[], failed: true })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((answer) => {
        this.searched.set(answer !== null);
        this.failed.set(answer?.failed ?? false);
        this.options.set(answer?.items ?? []);
        // once the answer's options are drawn, the panel (opened empty while typing) shows them
        afterNextRender(
          () => {
            if (document.activeElement === this.search()?.nativeElement) this.trigger()?.openPanel();
          },
          { injector: this.injector },
        );
      });

    // the control's ids, followed (a reset or a new event replaces them)
    effect((onCleanup) => {
      const control = this.control();
      const sub = control.valueChanges
        .pipe(startWith(control.value))
        .subscribe((ids) => {
          this.ids.set(ids ?? []);
          untracked(() => this.resolveNames(ids ?? []));
        });
      onCleanup(() => sub.unsubscribe());
    });
  }

  protected add(event: MatAutocompleteSelectedEvent): void {
    const agent = event.option.value as AgentDto;
    const control = this.control();
    this.names.update((n) => ({ ...n, [agent.id]: nameOf(agent) }));
    this.asked.add(agent.id);
    if (!control.value.includes(agent.id)) {
      control.setValue([...control.value, agent.id]);
      control.markAsDirty();
    }
    this.query.setValue('');
    this.options.set([]);
    this.searched.set(false);
  }

  protected remove(id: string): void {
    const control = this.control();
    control.setValue(control.value.filter((x) => x !== id));
    control.markAsDirty();
  }

  private resolveNames(ids: string[]): void {
    for (const id of ids) {
      if (this.asked.has(id)) continue;
      this.asked.add(id);
      this.api
        .getAgent(id)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (agent) => this.names.update((n) => ({ ...n, [id]: nameOf(agent) })),
          error: () => undefined, // the chip keeps the id
        });
    }
  }
}
