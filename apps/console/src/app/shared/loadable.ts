import {
  computed,
  DestroyRef,
  effect,
  inject,
  Injector,
  Signal,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  catchError,
  defer,
  map,
  Observable,
  of,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import {
  describeHttpError,
  ErrorText,
  MessageLocale,
} from '../core/api/api-error';
import { LanguageService } from '../core/i18n/language.service';

/**
 * What a page reads of something it loads from the API: the answer (kept on screen while the
 * next one loads, so a table does not blink empty between two pages), whether a load is under
 * way, why it failed in the reader's language (worded again when the language changes), whether
 * the answer has nothing to show, and "load again".
 */
export interface Loadable<T> {
  /** the last answer; `initial` before the first one, after a failure and while idle */
  readonly value: Signal<T>;
  /** a load (the first, a new one after its parameters changed, or a reload) is under way */
  readonly loading: Signal<boolean>;
  /** why the last load failed, in the reader's language; null otherwise, or when the page says it elsewhere */
  readonly error: Signal<ErrorText | null>;
  /** the last load's failure as it came (an HttpErrorResponse), for a page that reads its code */
  readonly failure: Signal<unknown>;
  /** loaded without error, and the answer has nothing to show */
  readonly empty: Signal<boolean>;
  /** Loads again with the same parameters ("Réessayer", or after a change made elsewhere). */
  reload(): void;
  /** Shows `value` as the answer (a row saved, a row deleted) without asking the API again. */
  set(value: T): void;
  update(change: (value: T) => T): void;
}

export interface LoadableOptions<T, P> {
  /**
   * What the load depends on (filters, page, week…): each change loads again, the answer still
   * awaited for the previous ones being dropped. `undefined` waits. Loads once without it.
   */
  params?: () => P | undefined;
  /** The API call. It may answer more than once (the list first, then its details). */
  stream: (params: P) => Observable<T>;
  /** What `value` holds before the first answer and after a failure. */
  initial: T;
  /** Whether an answer has nothing to show; by default an empty array or a page without items. */
  isEmpty?: (value: T) => boolean;
  /**
   * How a failure is said; by default `describeHttpError` (the API's code in the reader's words).
   * null: the page says it elsewhere (a refused filter, on its form's fields), so no alert.
   */
  describe?: (failure: unknown, locale: MessageLocale) => ErrorText | null;
  injector?: Injector;
}

/** An empty array, or an API page (`{items, total}`) with no items. */
export function isEmptyList(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (value && typeof value === 'object' && 'items' in value) {
    const items: unknown = (value as { items: unknown }).items;
    return Array.isArray(items) && items.length === 0;
  }
  return value === null || value === undefined;
}

type Status = 'idle' | 'loading' | 'loaded' | 'failed';

interface State<T> {
  status: Status;
  value: T;
  failure: unknown;
}

/**
 * The console's one way of loading something to show: the load follows its parameters (a new
 * one drops the answer still awaited, as `switchMap` does), keeps the previous answer on screen
 * while loading, words the failure for the reader and tells emptiness. Pair it with
 * `<tw-load-state>` for the progress, the « Réessayer » alert and the empty message. Call it in
 * an injection context (a field initializer or a constructor) or pass `injector`.
 *
 * Why not Angular's `rxResource` itself: a resource holds the application "unstable" for as
 * long as a load is awaited, so `whenStable()` (every page spec's way to let the view settle)
 * never resolves while a request is pending — and the console, not rendered on a server, has no
 * use for that; and its reload is ignored while a load is under way, where a page reloading
 * after a change wants a fresh answer. The states are the same (idle, loading, value, error,
 * a value set locally).
 */
export function loadable<T, P = null>(options: LoadableOptions<T, P>): Loadable<T> {
  const injector = options.injector ?? inject(Injector);
  const language = injector.get(LanguageService);
  const describe = options.describe ?? describeHttpError;
  const isEmpty = options.isEmpty ?? isEmptyList;

  const params = computed(() => (options.params ? options.params() : (null as P)));
  const state = signal<State<T>>({ status: 'idle', value: options.initial, failure: null });
  const requests = new Subject<{ params: P | undefined }>();

  requests
    .pipe(
      switchMap(({ params: p }) => {
        if (p === undefined) return of<State<T>>({ status: 'idle', value: options.initial, failure: null });
        // kept while loading (a new page of a table keeps the old one until it comes); dropped
        // after a failure, so nothing stale stands beside the error
        const { status, value } = state();
        const kept = status === 'failed' ? options.initial : value;
        return defer(() => options.stream(p)).pipe(
          map((answer): State<T> => ({ status: 'loaded', value: answer, failure: null })),
          catchError((failure: unknown) =>
            of<State<T>>({ status: 'failed', value: options.initial, failure }),
          ),
          startWith<State<T>>({ status: 'loading', value: kept, failure: null }),
        );
      }),
      takeUntilDestroyed(injector.get(DestroyRef)),
    )
    .subscribe((next) => state.set(next));
  // the first load, and one each time the parameters change
  effect(
    () => {
      const p = params();
      untracked(() => requests.next({ params: p }));
    },
    { injector },
  );

  const loading = computed(() => state().status === 'loading');
  const failure = computed(() => state().failure);
  const error = computed(() => {
    const s = state();
    return s.status === 'failed' ? describe(s.failure, language.current()) : null;
  });
  const empty = computed(() => {
    const s = state();
    return s.status === 'loaded' && isEmpty(s.value);
  });
  const set = (value: T) => state.set({ status: 'loaded', value, failure: null });

  return {
    value: computed(() => state().value),
    loading,
    error,
    failure,
    empty,
    // at once (a reload asked while a load is under way drops that load: its answer may predate
    // what the reload is for)
    reload: () => requests.next({ params: untracked(params) }),
    set,
    update: (change) => set(change(state().value)),
  };
}
