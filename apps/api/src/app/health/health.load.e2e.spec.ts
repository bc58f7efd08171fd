import { ApiHarness, startApi } from '../../testing/api-harness';
import { PlanningRunner } from '../capacity/planning-runner';
import { bundlePlanningWorker } from '../capacity/worker-bundle.testing';

jest.setTimeout(300_000);

const FROM = '2026-12-07';
const TO = '2027-01-03';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Item 14: the engine never runs on the API's event loop. While a rotation draft of the
 * département (5,000 agents, 4 weeks) is computed, GET /api/health keeps answering about as
 * fast as when idle. Timings are compared as ratios, measured in the same minutes on the same
 * machine (absolute figures go to the log and the benchmark): against an idle health call, and
 * against the same draft computed on the event loop (the behaviour before), which stalls it.
 * PostgreSQL: the département is seeded on the server.
 */
describe('GET /api/health while the engine computes, on postgres', () => {
  let api: ApiHarness;
  let hr: string;
  let runner: PlanningRunner;

  beforeAll(async () => {
    api = await startApi('postgres', { DEMO_SCENARIO: 'departement' });
    hr = await api.login(api.startup.demoLogins.find((login) => login.role === 'HR')?.email as string);
    runner = api.app.get(PlanningRunner);
  });

  afterAll(async () => api?.close());

  async function timedHealth(): Promise<number> {
    const started = performance.now();
    const response = await api.call('GET', '/api/health');
    expect(response.status).toBe(200);
    return performance.now() - started;
  }

  async function idleLatencies(count: number): Promise<number[]> {
    const latencies: number[] = [];
    for (let i = 0; i < count; i++) latencies.push(await timedHealth());
    return latencies;
  }

  /** Health calls, one after the other, for as long as a draft of the département is being computed. */
  async function latenciesDuringDraft(): Promise<{ latencies: number[]; draftMs: number }> {
    const started = performance.now();
    let done = false;
    const draft = api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: TO } }).finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 20)); // the draft's request is in
    while (!done) latencies.push(await timedHealth());
    const response = await draft;
    expect(response.status).toBe(201);
    expect(response.body.cells.length).toBeGreaterThan(0);
    return { latencies, draftMs: performance.now() - started };
  }

  it('answers health checks as fast as when idle while a draft of the département is planned in a worker thread', async () => {
    await idleLatencies(10); // warm up
    runner.workerScript = bundlePlanningWorker();
    const idle = await idleLatencies(15);
    const threaded = await latenciesDuringDraft();

    runner.workerScript = null; // the behaviour before: the engine on the event loop
    const idleAgain = await idleLatencies(15);
    const inline = await latenciesDuringDraft();

    const figures = {
      idleMedianMs: +median([...idle, ...idleAgain]).toFixed(1),
      threaded: { draftMs: Math.round(threaded.draftMs), calls: threaded.latencies.length,
        medianMs: +median(threaded.latencies).toFixed(1), maxMs: +Math.max(...threaded.latencies).toFixed(1) },
      inline: { draftMs: Math.round(inline.draftMs), calls: inline.latencies.length,
        medianMs: +median(inline.latencies).toFixed(1), maxMs: +Math.max(...inline.latencies).toFixed(1) },
    };
    console.log(`GET /api/health during a rotation draft of the département: ${JSON.stringify(figures)}`);

    // the loop kept turning: many health calls were answered during the draft, at about idle speed
    expect(threaded.latencies.length).toBeGreaterThanOrEqual(5);
    expect(figures.threaded.medianMs).toBeLessThan(10 * figures.idleMedianMs);
    // whereas on the event loop one health call waits for most of the solve
    expect(figures.inline.maxMs).toBeGreaterThan(10 * figures.threaded.medianMs);
  });
});
