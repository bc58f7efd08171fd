import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ENGINE_JOB_ID_HEADER } from '@telework/contracts';
import { AccountsApi } from './accounts-api';
import { CapacityApi } from './capacity-api';
import { DirectoryApi } from './directory-api';
import { MeApi } from './me-api';
import { PlanningApi } from './planning-api';
import { RequestsApi } from './requests-api';

describe('area API clients', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function one(method: string, url: string): TestRequest {
    const req = http.expectOne((r) => r.method === method && r.url === url);
    return req;
  }

  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  /** An engine-job call: its own fresh job id in X-Engine-Job-Id. */
  function engineJob(req: TestRequest): string {
    const id = req.request.headers.get(ENGINE_JOB_ID_HEADER);
    expect(id).toMatch(UUID_V4);
    return id as string;
  }

  it('MeApi: schedule range, calendar link, notices', () => {
    const api = TestBed.inject(MeApi);
    api.schedule('2026-12-07', '2026-12-13').subscribe();
    expect(one('GET', '/api/me/schedule').request.params.toString()).toBe(
      'from=2026-12-07&to=2026-12-13',
    );
    api.calendarLink().subscribe();
    one('GET', '/api/me/calendar-link');
    api.renewCalendarLink().subscribe();
    one('POST', '/api/me/calendar-link');
    api.notices({ unread: true, pageSize: 20 }).subscribe();
    expect(one('GET', '/api/me/notices').request.params.toString()).toBe(
      'unread=true&pageSize=20',
    );
    api.markNoticesRead(['12']).subscribe();
    expect(one('POST', '/api/me/notices/read').request.body).toEqual({
      ids: ['12'],
    });
    api.markNoticesRead().subscribe();
    expect(one('POST', '/api/me/notices/read').request.body).toEqual({});
  });

  it('RequestsApi: list filters, create, cancel, single and bulk decisions', () => {
    const api = TestBed.inject(RequestsApi);
    api.list({ status: 'PENDING', page: 2, pageSize: 50 }).subscribe();
    expect(one('GET', '/api/requests').request.params.toString()).toBe(
      'status=PENDING&page=2&pageSize=50',
    );
    api
      .create({ kind: 'REMOTE', date: '2026-12-08', period: 'PM' })
      .subscribe();
    expect(one('POST', '/api/requests').request.body).toEqual({
      kind: 'REMOTE',
      date: '2026-12-08',
      period: 'PM',
    });
    api.cancel('r1').subscribe();
    one('POST', '/api/requests/r1/cancel');
    api.approve('r1').subscribe();
    expect(one('POST', '/api/requests/r1/approve').request.body).toEqual({});
    api.refuse('r2', 'Service minimum ce jour-là').subscribe();
    expect(one('POST', '/api/requests/r2/refuse').request.body).toEqual({
      comment: 'Service minimum ce jour-là',
    });
    api.approveMany(['a', 'b']).subscribe();
    expect(one('POST', '/api/requests/approve').request.body).toEqual({
      ids: ['a', 'b'],
    });
    api.refuseMany(['a'], 'Non').subscribe();
    expect(one('POST', '/api/requests/refuse').request.body).toEqual({
      ids: ['a'],
      comment: 'Non',
    });
  });

  it('CapacityApi: view, licences, pools, reservations', () => {
    const api = TestBed.inject(CapacityApi);
    api.view('2026-12-07', '2027-01-03').subscribe();
    expect(one('GET', '/api/capacity').request.params.toString()).toBe(
      'from=2026-12-07&to=2027-01-03',
    );
    api.licences({ pool: 'VDI', weeklyMin: 4 }).subscribe();
    const licences = one('GET', '/api/capacity/licences');
    expect(licences.request.params.toString()).toBe('pool=VDI&weeklyMin=4');
    engineJob(licences);
    api.view('2026-12-07', '2027-01-03').subscribe();
    expect(one('GET', '/api/capacity').request.headers.has(ENGINE_JOB_ID_HEADER)).toBe(false);
    api.listPools().subscribe();
    expect(one('GET', '/api/pools').request.params.get('pageSize')).toBe('500');
    api
      .updatePool('p1', {
        capacity: 1700,
        reserve: 100,
        capacityChanges: [{ from: '2027-01-04', capacity: 2000 }],
      })
      .subscribe();
    const put = one('PUT', '/api/pools/p1');
    expect(put.request.body).toEqual({
      capacity: 1700,
      reserve: 100,
      capacityChanges: [{ from: '2027-01-04', capacity: 2000 }],
    });
    api.listReservations({ from: '2026-12-07', to: '2026-12-13' }).subscribe();
    expect(one('GET', '/api/reservations').request.params.toString()).toBe(
      'from=2026-12-07&to=2026-12-13&pageSize=500',
    );
    const body = {
      poolId: 'p1',
      date: '2026-12-10',
      period: 'PM' as const,
      seats: 60,
      label: 'Séance départementale',
    };
    api.createReservation(body).subscribe();
    expect(one('POST', '/api/reservations').request.body).toEqual(body);
    api.deleteReservation('res1').subscribe();
    one('DELETE', '/api/reservations/res1');
  });

  it('PlanningApi: rotations and allocation runs', () => {
    const api = TestBed.inject(PlanningApi);
    api.listRotations().subscribe();
    one('GET', '/api/rotations');
    api.generateRotation('2026-12-07', '2027-01-03').subscribe();
    const draft = one('POST', '/api/rotations');
    expect(draft.request.body).toEqual({
      from: '2026-12-07',
      to: '2027-01-03',
    });
    const draftJob = engineJob(draft);
    api.getRotation('c1').subscribe();
    expect(one('GET', '/api/rotations/c1').request.headers.has(ENGINE_JOB_ID_HEADER)).toBe(false);
    const changes = [
      { groupId: 'g1', date: '2026-12-07', period: 'AM' as const, remote: true },
    ];
    api.patchCells('c1', { changes }).subscribe();
    const patch = one('PATCH', '/api/rotations/c1/cells');
    expect(patch.request.body).toEqual({
      changes,
    });
    const patchJob = engineJob(patch);
    api.publishRotation('c1').subscribe();
    const publishJob = engineJob(one('POST', '/api/rotations/c1/publish'));
    // a fresh job for each call
    expect(new Set([draftJob, patchJob, publishJob]).size).toBe(3);
    api.listRuns({ page: 1, pageSize: 20 }).subscribe();
    expect(one('GET', '/api/allocation-runs').request.params.toString()).toBe(
      'page=1&pageSize=20',
    );
    api.startRun('2026-12-07', '2027-01-03').subscribe();
    expect(one('POST', '/api/allocation-runs').request.body).toEqual({
      from: '2026-12-07',
      to: '2027-01-03',
    });
    api.getRun('run1').subscribe();
    one('GET', '/api/allocation-runs/run1');
  });

  it('AccountsApi: invitations for some agents, or for all without an account', () => {
    const api = TestBed.inject(AccountsApi);
    api.invite({ agentIds: ['a1'] }).subscribe();
    expect(one('POST', '/api/accounts/invitations').request.body).toEqual({
      agentIds: ['a1'],
    });
    api.invite().subscribe();
    expect(one('POST', '/api/accounts/invitations').request.body).toEqual({});
  });

  it('DirectoryApi: one agent, agent schedule, site capacity, org units, groups, auto-form', () => {
    const api = TestBed.inject(DirectoryApi);
    api.getAgent('a1').subscribe();
    one('GET', '/api/agents/a1');
    api.agentSchedule('a1', '2026-12-07', '2026-12-13').subscribe();
    expect(
      one('GET', '/api/agents/a1/schedule').request.params.toString(),
    ).toBe('from=2026-12-07&to=2026-12-13');
    api.updateSite('s1', { capacity: 380 }).subscribe();
    expect(one('PATCH', '/api/sites/s1').request.body).toEqual({
      capacity: 380,
    });
    api.listOrgUnits().subscribe();
    expect(one('GET', '/api/org-units').request.params.get('pageSize')).toBe(
      '500',
    );
    api.listGroups().subscribe();
    expect(one('GET', '/api/groups').request.params.get('pageSize')).toBe('500');
    api.autoFormGroups(true).subscribe();
    expect(one('POST', '/api/groups/auto-form').request.body).toEqual({
      regroupAll: true,
    });
  });
});
