import { HttpClient, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import {
  discardPeriodicTasks,
  fakeAsync,
  TestBed,
  tick,
} from '@angular/core/testing';
import { ENGINE_JOB_ID_HEADER } from '@telework/contracts';
import { anEngineJob as aJob } from '../../testing/test-helpers';
import {
  ENGINE_JOB_POLL_MS,
  engineJobCall,
  EngineJobsService,
  EngineJobTracker,
  newEngineJobId,
} from './engine-jobs.service';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('engine jobs', () => {
  let http: HttpTestingController;
  let tracker: EngineJobTracker;
  let client: HttpClient;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    tracker = TestBed.inject(EngineJobsService).tracker();
  });

  afterEach(() => http.verify());

  /** a stand-in engine-job call: POST /api/work with the header engineJobCall gives it */
  function start(): { call: TestRequest; id: string; result: unknown[]; errors: unknown[] } {
    const result: unknown[] = [];
    const errors: unknown[] = [];
    engineJobCall(tracker, (headers) => client.post('/api/work', {}, { headers })).subscribe({
      next: (r) => result.push(r),
      error: (e: unknown) => errors.push(e),
    });
    const call = http.expectOne('/api/work');
    const id = call.request.headers.get(ENGINE_JOB_ID_HEADER) as string;
    return { call, id, result, errors };
  }

  it('names each call with a fresh UUID v4, even without randomUUID (insecure context)', () => {
    const a = start();
    expect(a.id).toMatch(UUID_V4);
    expect(tracker.id()).toBe(a.id);
    expect(tracker.pending()).toBe(true);
    a.call.flush({ ok: true });
    expect(tracker.pending()).toBe(false);
    const b = start();
    expect(b.id).toMatch(UUID_V4);
    expect(b.id).not.toBe(a.id);
    b.call.flush({});

    const randomUUID = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(newEngineJobId()).toMatch(UUID_V4);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });

  it('names the call even when no tracker follows it', () => {
    engineJobCall(null, (headers) => client.get('/api/work', { headers })).subscribe();
    const call = http.expectOne('/api/work');
    expect(call.request.headers.get(ENGINE_JOB_ID_HEADER)).toMatch(UUID_V4);
    call.flush({});
  });

  it('polls GET /api/jobs/:id every 500 ms while the call is pending, past the 404s of the start, and stops when it answers', fakeAsync(() => {
    const { call, id, result } = start();
    expect(tracker.job()).toBeNull();
    expect(tracker.shown()).toBe(false);

    tick(ENGINE_JOB_POLL_MS - 1);
    http.expectNone(`/api/jobs/${id}`);
    tick(1);
    // the API has not stored the job yet: keep asking
    http.expectOne(`/api/jobs/${id}`).flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    expect(tracker.job()).toBeNull();
    expect(tracker.pending()).toBe(true);
    expect(tracker.shown()).toBe(true);
    expect(tracker.elapsedMs()).toBe(ENGINE_JOB_POLL_MS);

    tick(ENGINE_JOB_POLL_MS);
    http.expectOne((r) => r.method === 'GET' && r.url === `/api/jobs/${id}`).flush(aJob({ id, progressPct: 40, stage: 'rotation' }));
    expect(tracker.job()?.progressPct).toBe(40);
    expect(tracker.job()?.stage).toBe('rotation');

    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(aJob({ id, progressPct: 80, stage: 'check' }));
    expect(tracker.elapsedMs()).toBe(3 * ENGINE_JOB_POLL_MS);

    call.flush({ id: 'cal-1' });
    expect(result).toEqual([{ id: 'cal-1' }]);
    expect(tracker.pending()).toBe(false);
    expect(tracker.shown()).toBe(false);
    tick(5 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));

  it('does not pile up polls while one is unanswered, and stops when the call fails or is dropped', fakeAsync(() => {
    const first = start();
    tick(3 * ENGINE_JOB_POLL_MS);
    // one poll in flight, the others skipped
    const poll = http.expectOne(`/api/jobs/${first.id}`);
    first.call.flush({ code: 'JOB_FAILED' }, { status: 500, statusText: 'Internal Server Error' });
    expect(first.errors).toHaveLength(1);
    expect(poll.cancelled).toBe(true);
    tick(3 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${first.id}`);

    const sub = engineJobCall(tracker, (headers) => client.post('/api/work', {}, { headers })).subscribe();
    const second = http.expectOne('/api/work');
    const id = second.request.headers.get(ENGINE_JOB_ID_HEADER) as string;
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(aJob({ id }));
    sub.unsubscribe();
    expect(second.cancelled).toBe(true);
    expect(tracker.pending()).toBe(false);
    tick(3 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
    discardPeriodicTasks();
  }));

  it('cancel() posts /api/jobs/:id/cancel once; the call then answers JOB_CANCELLED', fakeAsync(() => {
    const { call, id, errors } = start();
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(aJob({ id, progressPct: 10 }));

    tracker.cancel();
    tracker.cancel();
    expect(tracker.cancelling()).toBe(true);
    const cancel = http.expectOne((r) => r.method === 'POST' && r.url === `/api/jobs/${id}/cancel`);
    cancel.flush(aJob({ id, progressPct: 10, cancelRequested: true }));
    expect(tracker.job()?.cancelRequested).toBe(true);

    call.flush({ statusCode: 409, code: 'JOB_CANCELLED', message: 'computation cancelled' }, { status: 409, statusText: 'Conflict' });
    expect(errors).toHaveLength(1);
    expect(tracker.pending()).toBe(false);
    expect(tracker.cancelling()).toBe(false);
    tick(3 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));

  it('a failed cancel is kept to be said, and may be tried again', fakeAsync(() => {
    const { call, id } = start();
    tracker.cancel();
    http.expectOne(`/api/jobs/${id}/cancel`).flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    expect(tracker.cancelling()).toBe(false);
    expect(tracker.cancelError()).toBeTruthy();
    tracker.cancel();
    expect(tracker.cancelError()).toBeNull();
    http.expectOne(`/api/jobs/${id}/cancel`).flush(aJob({ id, cancelRequested: true }));
    call.flush({});
    discardPeriodicTasks();
  }));
});
