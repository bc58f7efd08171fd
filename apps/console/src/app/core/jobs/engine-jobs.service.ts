import { HttpClient, HttpHeaders } from '@angular/common/http';
import {
  computed,
  DestroyRef,
  inject,
  Injectable,
  signal,
} from '@angular/core';
import {
  ENGINE_JOB_ID_HEADER,
  type EngineJobDto,
} from '@telework/contracts';
import {
  catchError,
  defer,
  EMPTY,
  exhaustMap,
  finalize,
  Observable,
  Subscription,
  tap,
  timer,
} from 'rxjs';

export const API_JOBS = '/api/jobs';

/** How often a pending engine-job call asks `GET /api/jobs/:id` for its progress. */
export const ENGINE_JOB_POLL_MS = 500;

/** A fresh engine-job id: a UUID v4 (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newEngineJobId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The one way the console makes a call that the API runs as an engine job (rotation drafts,
 * cell checks, publications, licence sizing…): each subscription names a fresh job with the
 * `X-Engine-Job-Id` header and, when a tracker is given, the tracker follows that job until
 * the call ends (answer, error, or unsubscribe). The call still answers its result as before.
 */
export function engineJobCall<T>(
  tracker: EngineJobTracker | null | undefined,
  call: (headers: HttpHeaders) => Observable<T>,
): Observable<T> {
  return defer(() => {
    const id = newEngineJobId();
    tracker?.begin(id);
    return call(new HttpHeaders({ [ENGINE_JOB_ID_HEADER]: id })).pipe(
      finalize(() => tracker?.end(id)),
    );
  });
}

/** `GET /api/jobs/:id` and `POST /api/jobs/:id/cancel`, and the trackers that follow a call's job. */
@Injectable({ providedIn: 'root' })
export class EngineJobsService {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<EngineJobDto> {
    return this.http.get<EngineJobDto>(`${API_JOBS}/${encodeURIComponent(id)}`);
  }

  cancel(id: string): Observable<EngineJobDto> {
    return this.http.post<EngineJobDto>(
      `${API_JOBS}/${encodeURIComponent(id)}/cancel`,
      {},
    );
  }

  /** A tracker for one call site; it stops following when `destroyRef` (the page) goes. */
  tracker(destroyRef?: DestroyRef): EngineJobTracker {
    return new EngineJobTracker(this, destroyRef);
  }
}

/** A tracker for one call site of the current component (call in an injection context). */
export function injectEngineJobTracker(): EngineJobTracker {
  return inject(EngineJobsService).tracker(inject(DestroyRef));
}

/**
 * The live job of one call site: while its call is pending it asks `GET /api/jobs/:id` every
 * ENGINE_JOB_POLL_MS (a 404 means the API has not stored the job yet, a few ms after the call
 * starts: it keeps asking; any other failed poll is skipped too, the call's own answer is what
 * counts) and stops when the call ends. `cancel()` asks the API to stop the job: the call then
 * answers 409 JOB_CANCELLED, shown as any other error.
 */
export class EngineJobTracker {
  private readonly currentId = signal<string | null>(null);
  private readonly startedAt = signal(0);
  private readonly now = signal(0);
  private polling: Subscription | null = null;

  /** the id of the pending call's job; null when no call is pending */
  readonly id = this.currentId.asReadonly();
  /** the job as the API last described it (null before its first answer) */
  readonly job = signal<EngineJobDto | null>(null);
  readonly pending = computed(() => this.currentId() !== null);
  /** time since the call started, on the client's clock, updated at each poll */
  readonly elapsedMs = computed(() =>
    this.pending() ? Math.max(0, this.now() - this.startedAt()) : 0,
  );
  /**
   * Whether the progress is worth showing: the call has lasted one poll interval. A call that
   * answers within half a second (most cell checks) shows nothing but its disabled button.
   */
  readonly shown = computed(() => this.pending() && this.elapsedMs() > 0);
  readonly cancelling = signal(false);
  /** why `cancel()` failed, if it did (the error of `POST /api/jobs/:id/cancel`) */
  readonly cancelError = signal<unknown>(null);

  constructor(
    private readonly jobs: EngineJobsService,
    destroyRef?: DestroyRef,
  ) {
    destroyRef?.onDestroy(() => this.stop());
  }

  /** The call named `id` starts (engineJobCall calls it). */
  begin(id: string): void {
    this.stop();
    const start = Date.now();
    this.currentId.set(id);
    this.job.set(null);
    this.startedAt.set(start);
    this.now.set(start);
    this.cancelling.set(false);
    this.cancelError.set(null);
    this.polling = timer(ENGINE_JOB_POLL_MS, ENGINE_JOB_POLL_MS)
      .pipe(
        tap(() => this.now.set(Date.now())),
        exhaustMap(() => this.jobs.get(id).pipe(catchError(() => EMPTY))),
      )
      .subscribe((job) => {
        if (this.currentId() === id) this.job.set(job);
      });
  }

  /** The call named `id` ended (answered, failed or was dropped). */
  end(id: string): void {
    if (this.currentId() !== id) return;
    this.stop();
  }

  /** Asks the API to stop the pending job. */
  cancel(): void {
    const id = this.currentId();
    if (!id || this.cancelling()) return;
    this.cancelling.set(true);
    this.cancelError.set(null);
    this.jobs.cancel(id).subscribe({
      next: (job) => {
        if (this.currentId() === id) this.job.set(job);
      },
      error: (err: unknown) => {
        if (this.currentId() !== id) return;
        this.cancelling.set(false);
        this.cancelError.set(err);
      },
    });
  }

  private stop(): void {
    this.polling?.unsubscribe();
    this.polling = null;
    this.currentId.set(null);
    this.cancelling.set(false);
  }
}
