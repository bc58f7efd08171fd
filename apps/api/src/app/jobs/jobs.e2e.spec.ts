import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ENGINE_JOB_ID_HEADER, formatMessage } from '@telework/contracts';
import { generateScenario } from '@telework/planning';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(180_000);

const FROM = '2026-12-07';
const TO = '2026-12-20';

/**
 * Engine jobs over HTTP: a call names its job with X-Engine-Job-Id, its author and the job's
 * end are stored, HR and ADMIN read every job and others only theirs, a running job is
 * cancelled (the waiting call answers JOB_CANCELLED, the audit says who), and bad ids are 400s.
 */
describe.each(TEST_DATABASE_MODES)('engine jobs over HTTP on %s', (mode) => {
  let api: ApiHarness;
  let hr: string;
  let agent: string;

  beforeAll(async () => {
    api = await startApi(mode);
    const login = (role: string) => api.login(api.startup.demoLogins.find((l) => l.role === role)?.email as string);
    hr = await login('HR');
    agent = await login('AGENT');
  });

  afterAll(async () => api?.close());

  /** A call with the job header (the harness sets no extra headers). */
  async function callWithJob(method: string, path: string, token: string, jobId: string, body?: unknown) {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [ENGINE_JOB_ID_HEADER]: jobId },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('names a draft’s job after the header and records its author and end; only its readers see it', async () => {
    const id = randomUUID();
    const draft = await callWithJob('POST', '/api/rotations', hr, id, { from: FROM, to: TO });
    expect(draft.status).toBe(201);
    const job = await api.call('GET', `/api/jobs/${id}`, { token: hr });
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({
      id, kind: 'rotationPlan', status: 'DONE', progressPct: 100, runner: 'threads', cancelRequested: false, problem: null,
    });
    const hrEmail = api.startup.demoLogins.find((l) => l.role === 'HR')?.email;
    const [author] = await api.app.get(DataSource).query(`SELECT id FROM users WHERE email = $1`, [hrEmail]);
    expect(job.body.createdBy).toBe(author.id);

    // an agent sees neither HR's job nor it in its list; nobody unauthenticated sees anything
    expect((await api.call('GET', `/api/jobs/${id}`, { token: agent })).status).toBe(404);
    expect((await api.call('POST', `/api/jobs/${id}/cancel`, { token: agent })).status).toBe(404);
    const agentList = await api.call('GET', '/api/jobs', { token: agent });
    expect(agentList.status).toBe(200);
    expect(agentList.body.items.map((j: { id: string }) => j.id)).not.toContain(id);
    const hrList = await api.call('GET', '/api/jobs?pageSize=5', { token: hr });
    expect(hrList.body.items.map((j: { id: string }) => j.id)).toContain(id);
    expect((await api.call('GET', `/api/jobs/${id}`)).status).toBe(401);
  });

  it('refuses a job id that is not a UUID, or one already taken, naming it', async () => {
    const bad = await callWithJob('POST', '/api/rotations', hr, 'not-a-uuid', { from: FROM, to: TO });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: ENGINE_JOB_ID_HEADER, code: 'NOT_A_UUID' })]);
    const id = randomUUID();
    expect((await callWithJob('POST', '/api/rotations', hr, id, { from: FROM, to: TO })).status).toBe(201);
    const again = await callWithJob('POST', '/api/rotations', hr, id, { from: FROM, to: TO });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'JOB_ID_TAKEN', jobId: id });
    expect((await api.call('GET', '/api/jobs/nope', { token: hr })).status).toBe(400);
  });

  it('cancels a running what-if: the waiting call answers JOB_CANCELLED and the audit names who', async () => {
    const snapshot = generateScenario('departement', 1).snapshot;
    const id = randomUUID();
    const whatIf = callWithJob('POST', '/api/what-if', hr, id, { snapshot, overrides: { weeklyMax: 5 } });
    let status = '';
    for (let i = 0; i < 600 && status !== 'RUNNING'; i++) {
      const job = await api.call('GET', `/api/jobs/${id}`, { token: hr });
      status = job.status === 200 ? job.body.status : '';
      if (status === 'DONE') break;
      if (status !== 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe('RUNNING');
    const cancelled = await api.call('POST', `/api/jobs/${id}/cancel`, { token: hr });
    expect(cancelled.status).toBe(201);
    expect(cancelled.body.cancelRequested).toBe(true);
    const answer = await whatIf;
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'JOB_CANCELLED', jobId: id });
    expect(formatMessage(answer.body, 'fr')).toBe('calcul annulé');
    expect((await api.call('GET', `/api/jobs/${id}`, { token: hr })).body).toMatchObject({ status: 'CANCELLED', problem: { code: 'JOB_CANCELLED' } });
    const [audit] = await api.app.get(DataSource).query(
      `SELECT action, entity_type, details FROM audit_log WHERE entity_id = $1`, [id],
    );
    expect(audit).toMatchObject({ action: 'engine-job.cancelled', entity_type: 'engine_job', details: { kind: 'whatIf' } });
  });
});
