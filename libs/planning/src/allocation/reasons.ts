import { getISODay, parseISO } from 'date-fns';
import { formatCount } from '../format/figures';
import { PlanningContext } from '../model/context';
import { Period } from '../model/snapshot';

/**
 * Refusal reasons, in DESIGN.md's words, with the figures. The console reads these shapes back
 * to show them in French (apps/console/src/app/shared/allocation-reason.ts): keep both in step.
 */
export const reasons = {
  notEligible(agentId: string): string {
    return `agent not eligible: ${agentId} is not telework-eligible`;
  },
  notWorking(ctx: PlanningContext, agent: number, date: string, period: Period): string {
    const { from, to } = ctx.snapshot.horizon;
    let why: string;
    if (date < from || date > to) why = `${date} is outside the horizon ${from} to ${to}`;
    else if (ctx.snapshot.closedDates.includes(date)) why = `${date} is closed`;
    else if (getISODay(parseISO(date)) > 5) why = `${date} is a weekend day`;
    else why = `${ctx.snapshot.agents[agent].id} is off on ${date} ${period}`;
    return `not a working half-day: ${why}`;
  },
  weeklyMax(max: number, isoWeek: number): string {
    return `weekly max of ${max} half-days reached in week ${isoWeek}`;
  },
  poolFull(poolId: string, date: string, period: Period, used: number, cap: number, reserved: number): string {
    return (
      `${poolId} full on ${date} ${period}: ${formatCount(used)} of ${formatCount(cap)} seats` +
      (reserved > 0 ? ` (${formatCount(reserved)} reserved for events)` : '')
    );
  },
  standardShareFull(poolId: string, date: string, period: Period, used: number, cap: number, reserve: number): string {
    return (
      `${poolId} STANDARD share full on ${date} ${period}: ${formatCount(used)} of ${formatCount(cap - reserve)} seats ` +
      `(capacity ${formatCount(cap)} minus ${formatCount(reserve)} kept for ELECTED, DIRECTOR and ESSENTIAL agents)`
    );
  },
  onSiteConflict(agentId: string, date: string, period: Period): string {
    return `an approved ON_SITE request of ${agentId} covers ${date} ${period}`;
  },
};
