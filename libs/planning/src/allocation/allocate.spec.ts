import { recordText, type Refusal } from '@telework/contracts';
import { checkPlan } from '../checker/check-plan';
import { PlanningSnapshot, RequestSnapshot } from '../model/snapshot';
import { planSnapshot, RotationConflictError } from '../pipeline/plan-snapshot';
import { tinySnapshot } from '../testing/fixtures';

/** tiny.json with a kept rotation: G1 remote Thu 10 and Fri 11, G2 remote Mon 14 and Tue 15. */
function tinyWithRotation(extra: Omit<RequestSnapshot, 'status'>[] = []): PlanningSnapshot {
  const s = tinySnapshot();
  s.rotation = [
    ...['2026-12-10', '2026-12-11'].flatMap((date) => (['AM', 'PM'] as const).map((period) => ({ groupId: 'G1', date, period }))),
    ...['2026-12-14', '2026-12-15'].flatMap((date) => (['AM', 'PM'] as const).map((period) => ({ groupId: 'G2', date, period }))),
  ];
  s.requests = [...(s.requests ?? []), ...extra.map((r) => ({ ...r, status: 'APPROVED' as const }))];
  return s;
}

/** Each request's status and record wording, "REFUSED: <reason>"; the refusals as data in `refusals`. */
function statuses(s: PlanningSnapshot, refusals: Record<string, Refusal> = {}): Record<string, string> {
  const plan = planSnapshot(s);
  for (const r of plan.requests) {
    if (r.refusal) refusals[r.id] = r.refusal;
    // the wording is the record text of the refusal, never written apart from it
    expect(r.reason).toBe(r.refusal ? recordText(r.refusal) : undefined);
  }
  return Object.fromEntries(plan.requests.map((r) => [r.id, r.reason ? `${r.status}: ${r.reason}` : r.status]));
}

describe('allocateRequests (tiny.json, worked by hand)', () => {
  it('grants, refuses and ignores the 14 requests of tiny.json', () => {
    const refusals: Record<string, Refusal> = {};
    expect(statuses(tinyWithRotation(), refusals)).toEqual({
      Q01: 'GRANTED', // A02 is already R (G1 remote on the 10th): changes nothing
      Q02: 'GRANTED',
      Q03: 'GRANTED', // A07 VDI 10 AM: 4 of 5 seats used, STANDARD 3 of 4
      Q04: 'GRANTED', // A09 VPN 10 PM: A05 only, 1 of 2
      Q05: 'REFUSED: not a working half-day: A03 is off on 2026-12-18 AM',
      Q06: 'REFUSED: agent not eligible: A11 is not telework-eligible',
      Q07: 'GRANTED', // ON_SITE on a day G1 is on site anyway
      Q08: 'IGNORED',
      Q09: 'IGNORED',
      Q10: 'REFUSED: not a working half-day: 2026-12-16 is closed',
      Q11: 'GRANTED',
      Q12: 'GRANTED',
      Q13: 'IGNORED',
      Q14: 'REFUSED: not a working half-day: 2026-12-23 is outside the horizon 2026-12-09 to 2026-12-22',
    });
    expect(refusals).toEqual({
      Q05: { code: 'NOT_WORKING', why: 'PART_TIME', agent: 'A03', date: '2026-12-18', period: 'AM' },
      Q06: { code: 'NOT_ELIGIBLE', agent: 'A11' },
      Q10: { code: 'NOT_WORKING', why: 'CLOSED', agent: 'A01', date: '2026-12-16', period: 'AM' },
      Q14: {
        code: 'NOT_WORKING', why: 'OUTSIDE_HORIZON', agent: 'A07', date: '2026-12-23', period: 'AM',
        horizonFrom: '2026-12-09', horizonTo: '2026-12-22',
      },
    });
  });

  it('tells a closed public holiday from another closed day', () => {
    const s = tinyWithRotation();
    // Friday 2026-12-25 is Christmas: a horizon over it, closed as the exporters list holidays
    s.horizon = { ...s.horizon, to: '2026-12-25' };
    s.closedDates = [...(s.closedDates ?? []), '2026-12-25'];
    s.requests = [...(s.requests ?? []).filter((r) => r.id !== 'Q14'), { id: 'X1', agentId: 'A02', date: '2026-12-25', period: 'PM', kind: 'REMOTE', status: 'APPROVED' }];
    const refusals: Record<string, Refusal> = {};
    const st = statuses(s, refusals);
    expect(st['X1']).toBe('REFUSED: not a working half-day: 2026-12-25 is a public holiday');
    expect(refusals['X1']).toEqual({ code: 'NOT_WORKING', why: 'PUBLIC_HOLIDAY', agent: 'A02', date: '2026-12-25', period: 'PM' });
    expect(refusals['Q10']).toMatchObject({ code: 'NOT_WORKING', why: 'CLOSED', date: '2026-12-16' });
  });

  it('applies modes: ON_SITE frees a rotation half-day, REMOTE adds one', () => {
    const s = tinyWithRotation([{ id: 'X1', agentId: 'A04', date: '2026-12-11', period: 'PM', kind: 'ON_SITE' }]);
    const plan = planSnapshot(s);
    const modes = Object.fromEntries(plan.agents.map((a) => [a.id, a.modes]));
    // half-days: 09AM 09PM 10AM 10PM 11AM 11PM 14AM 14PM 15AM 15PM 17AM 17PM 18AM 18PM 21AM 21PM 22AM 22PM
    expect(modes['A04']).toBe('SSRRRSSSSSSSSSSSSS');
    expect(modes['A07']).toBe('SSRSSSRRRRSSSSSSSS'); // Q03 grants 10 AM
    expect(modes['A03']).toBe('SSRROOSSSSSSOOSSSS'); // off on Fridays (11th, 18th)
    expect(modes['A06']).toBe('SSSSSSRRRRSSSSSRSS'); // Q11 grants 21 PM
    expect(modes['A12']).toBe('OOSSSSSSSSSSSSSSSS');
    expect(checkPlan(s, plan).violations).toEqual([]);
  });

  it('serves priority tiers first and explains full pools, the STANDARD share and the weekly max', () => {
    const s = tinyWithRotation([
      // 10 AM: VDI 4 of 5 used by G1, STANDARD 3 of 4; Q03 (A07) takes the last STANDARD seat
      { id: 'X1', agentId: 'A08', date: '2026-12-10', period: 'AM', kind: 'REMOTE' },
      { id: 'X2', agentId: 'A06', date: '2026-12-10', period: 'AM', kind: 'REMOTE' }, // ESSENTIAL: the reserve seat
      // 10 PM: VPN 1 of 2 used by A05 (G1)
      { id: 'X3', agentId: 'A10', date: '2026-12-10', period: 'PM', kind: 'REMOTE' },
      // A04 (max 4) is already R on 4 half-days in week 50
      { id: 'X4', agentId: 'A04', date: '2026-12-09', period: 'AM', kind: 'REMOTE' },
    ]);
    const refusals: Record<string, Refusal> = {};
    const st = statuses(s, refusals);
    expect(st['X2']).toBe('GRANTED');
    // the ESSENTIAL agent took the 5th seat: no STANDARD request fits any more
    expect(st['Q03']).toBe('REFUSED: VDI full on 2026-12-10 AM: 5 of 5 seats');
    expect(st['X1']).toBe('REFUSED: VDI full on 2026-12-10 AM: 5 of 5 seats');
    // A09 (Q04) and A10 (X3) compete for the last VPN session: exactly one gets it
    expect([st['Q04'], st['X3']].sort()).toEqual(['GRANTED', 'REFUSED: VPN full on 2026-12-10 PM: 2 of 2 seats']);
    expect(st['X4']).toBe('REFUSED: weekly max of 4 half-days reached in week 50');
    const vdiFull = { code: 'POOL_FULL', pool: 'VDI', date: '2026-12-10', period: 'AM', used: 5, capacity: 5, reserved: 0 };
    expect(refusals['Q03']).toEqual(vdiFull);
    expect(refusals['X1']).toEqual(vdiFull);
    expect(refusals[st['Q04'] === 'GRANTED' ? 'X3' : 'Q04']).toEqual({ code: 'POOL_FULL', pool: 'VPN', date: '2026-12-10', period: 'PM', used: 2, capacity: 2, reserved: 0 });
    expect(refusals['X4']).toEqual({ code: 'WEEKLY_MAX', max: 4, week: 50 });
  });

  it('says when the STANDARD share is full while reserve seats are left', () => {
    // 17 AM: nobody remote; 5 STANDARD VDI agents ask, the STANDARD share is 5 − 1 = 4
    const s = tinyWithRotation(
      ['A02', 'A03', 'A04', 'A07', 'A08'].map((agentId, i) => ({ id: `X${i}`, agentId, date: '2026-12-17', period: 'AM' as const, kind: 'REMOTE' as const })),
    );
    const refusals: Record<string, Refusal> = {};
    const st = statuses(s, refusals);
    const xs = ['X0', 'X1', 'X2', 'X3', 'X4'].map((id) => st[id]);
    expect(xs.filter((x) => x === 'GRANTED')).toHaveLength(4);
    expect(xs.filter((x) => x !== 'GRANTED')).toEqual([
      'REFUSED: VDI STANDARD share full on 2026-12-17 AM: 4 of 4 seats (capacity 5 minus 1 kept for ELECTED, DIRECTOR and ESSENTIAL agents)',
    ]);
    expect(Object.values(refusals).filter((r) => r.code === 'STANDARD_SHARE_FULL')).toEqual([
      { code: 'STANDARD_SHARE_FULL', pool: 'VDI', date: '2026-12-17', period: 'AM', used: 4, open: 4, capacity: 5, reserve: 1 },
    ]);
  });

  it('counts reservations against the pool', () => {
    // 17 PM: 1 VDI seat reserved; 4 STANDARD VDI agents ask: only 3 fit the STANDARD share (5 − 1 − 1)
    const s = tinyWithRotation(
      ['A02', 'A03', 'A04', 'A07'].map((agentId, i) => ({ id: `X${i}`, agentId, date: '2026-12-17', period: 'PM' as const, kind: 'REMOTE' as const })),
    );
    const refusals: Record<string, Refusal> = {};
    const st = statuses(s, refusals);
    const xs = ['X0', 'X1', 'X2', 'X3'].map((id) => st[id]);
    expect(xs.filter((x) => x === 'GRANTED')).toHaveLength(3);
    expect(xs.filter((x) => x !== 'GRANTED')).toEqual([
      'REFUSED: VDI STANDARD share full on 2026-12-17 PM: 4 of 4 seats (capacity 5 minus 1 kept for ELECTED, DIRECTOR and ESSENTIAL agents)',
    ]);
    // 3 STANDARD agents remote and 1 seat reserved: used 4 of the 4 open to them
    expect(Object.values(refusals).filter((r) => r.code === 'STANDARD_SHARE_FULL')).toEqual([
      { code: 'STANDARD_SHARE_FULL', pool: 'VDI', date: '2026-12-17', period: 'PM', used: 4, open: 4, capacity: 5, reserve: 1 },
    ]);
  });

  it('refuses a kept rotation that breaks a cap, with the figures', () => {
    const s = tinySnapshot();
    s.rotation = [
      { groupId: 'G1', date: '2026-12-10', period: 'AM' },
      { groupId: 'G2', date: '2026-12-10', period: 'AM' },
    ];
    expect(() => planSnapshot(s)).toThrow(RotationConflictError);
    expect(() => planSnapshot(s)).toThrow('VDI over capacity on 2026-12-10 AM: the rotation puts 7 agents remote + 0 reserved = 7 of 5 seats');
  });
});
