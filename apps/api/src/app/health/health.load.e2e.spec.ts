import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EngineJobsConsumer, EngineJobStore, EngineThreadPool } from '@telework/engine-jobs';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(300_000);

const FROM = '2026-12-07';
const TO = '2027-01-03';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The engine never runs on the API's event loop: while a rotation draft of the département
 * (5,000 agents, 4 weeks) is computed, GET /api/health keeps answering about as fast as when
 * idle, without Redis (the draft is an engine job in a thread of the API) and with Redis (the
 * draft goes through BullMQ to a worker; here the worker's consumer runs in the test process,
 * with its own threads, as apps/worker runs it). Latencies are compared with idle ones measured
 * in the same minutes on the same machine; absolute figures go to the log.
 */
describe.each([
  ['without Redis', {}],
  ['with Redis', { REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `tw-health-${randomUUID().slice(0, 8)}` }],
] as const)('GET /api/health while the engine computes a draft, %s, on postgres', (label, env) => {
  let api: ApiHarness;
  let hr: string;
  let consumer: EngineJobsConsumer | undefined;
  let workerPool: EngineThreadPool | undefined;

  beforeAll(async () => {
    api = await startApi('postgres', { DEMO_SCENARIO: 'departement', ...env });
    hr = await api.login(api.startup.demoLogins.find((login) => login.role === 'HR')?.email as string);
    if ('REDIS_URL' in env) {
      workerPool = new EngineThreadPool(process.env['ENGINE_THREAD_SCRIPT'] as string, 1);
      consumer = new EngineJobsConsumer(new EngineJobStore(api.app.get(DataSource)), workerPool, {
        connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null }, prefix: env.QUEUE_PREFIX,
      });
      consumer.start();
    }
  });

  afterAll(async () => {
    await consumer?.close();
    await workerPool?.close();
    await api?.close();
  });

  async function timedHealth(): Promise<number> {
    const started = performance.now();
    const response = await api.call('GET', '/api/health');
    expect(response.status).toBe(200);
    return performance.now() - started;
  }

  it('answers health checks at about idle speed while the draft is planned off the event loop', async () => {
    for (let i = 0; i < 10; i++) await timedHealth(); // warm up
    const idle: number[] = [];
    for (let i = 0; i < 15; i++) idle.push(await timedHealth());

    const started = performance.now();
    let done = false;
    const draft = api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: TO } }).finally(() => {
      done = true;
    });
    const during: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 20)); // the draft's request is in
    while (!done) during.push(await timedHealth());
    const response = await draft;
    expect(response.status).toBe(201);
    expect(response.body.cells.length).toBeGreaterThan(0);

    const figures = {
      idleMedianMs: +median(idle).toFixed(1),
      draftMs: Math.round(performance.now() - started),
      calls: during.length,
      medianMs: +median(during).toFixed(1),
      maxMs: +Math.max(...during).toFixed(1),
    };
    console.log(`GET /api/health during a rotation draft of the département, ${label}: ${JSON.stringify(figures)}`);
    // the loop kept turning: many health calls answered during the draft, at about idle speed
    expect(during.length).toBeGreaterThanOrEqual(5);
    expect(figures.medianMs).toBeLessThan(Math.max(10 * figures.idleMedianMs, 20));

    // the draft was an engine job, run where the mode says
    const [job] = await api.app.get(DataSource).query(
      `SELECT kind, status, runner FROM engine_jobs WHERE kind = 'rotationPlan' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(job).toEqual({ kind: 'rotationPlan', status: 'DONE', runner: 'REDIS_URL' in env ? 'queue' : 'threads' });
  });
});
