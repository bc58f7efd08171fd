import { recordText, type Refusal } from '@telework/contracts';
import { notWorkingWhy } from '../calendar/working-half-day';
import { PlanningContext } from '../model/context';
import { PlanRequest } from '../model/plan';
import { Period } from '../model/snapshot';

/**
 * Why the engine refused a request, as data: a `Refusal` of libs/contracts with its figures.
 * The plan keeps it (`refusal`) beside its record wording (`reason`, DESIGN.md's English);
 * the console, e-mails and the CLI word it from the code, never from the text.
 */
export const refusals = {
  notEligible(agentId: string): Refusal {
    return { code: 'NOT_ELIGIBLE', agent: agentId };
  },
  /** The half-day is not one the agent works: `notWorkingWhy` says why (the engine's own rule). */
  notWorking(ctx: PlanningContext, agent: number, date: string, period: Period): Refusal {
    const { snapshot } = ctx;
    const a = snapshot.agents[agent];
    const why = notWorkingWhy(date, period, a.offHalfDays, snapshot.closedDates, snapshot.horizon);
    if (why === null) throw new Error(`refusals.notWorking: ${a.id} works ${date} ${period}`);
    return why === 'OUTSIDE_HORIZON'
      ? { code: 'NOT_WORKING', why, agent: a.id, date, period, horizonFrom: snapshot.horizon.from, horizonTo: snapshot.horizon.to }
      : { code: 'NOT_WORKING', why, agent: a.id, date, period };
  },
  weeklyMax(max: number, isoWeek: number): Refusal {
    return { code: 'WEEKLY_MAX', max, week: isoWeek };
  },
  /** `used`: seats taken on that half-day, the event reservations included. */
  poolFull(pool: string, date: string, period: Period, used: number, capacity: number, reserved: number): Refusal {
    return { code: 'POOL_FULL', pool, date, period, used, capacity, reserved };
  },
  /** `used`: seats of STANDARD agents and events; the share open to them is capacity − reserve. */
  standardShareFull(pool: string, date: string, period: Period, used: number, capacity: number, reserve: number): Refusal {
    return { code: 'STANDARD_SHARE_FULL', pool, date, period, used, open: capacity - reserve, capacity, reserve };
  },
  onSiteConflict(agentId: string, date: string, period: Period): Refusal {
    return { code: 'ON_SITE_REQUEST', agent: agentId, date, period };
  },
};

/** A REFUSED plan entry: the refusal and its record wording. */
export function refusedEntry(id: string, refusal: Refusal): PlanRequest {
  return { id, status: 'REFUSED', reason: recordText(refusal), refusal };
}
