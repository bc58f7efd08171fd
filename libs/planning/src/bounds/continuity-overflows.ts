/**
 * What a plan of a snapshot with continuity events counts above the events' hard caps, for the
 * bench (issue 9: "overflow count, must be 0"), read from the plan's modes with the events
 * resolved apart from the engine (event-cover.ts):
 * - a listed site's agents on site beyond its event capacity, the agents who must stay on site
 *   allowed above it (SPEC: they stay, with a warning);
 * - a pool's remote agents + reserved seats beyond its capacity on the event half-day, and its
 *   STANDARD remote agents + reserved beyond capacity − reserve;
 * - N outside event half-days, or on a half-day where the agent's site is not listed.
 */
import { buildPlanningContext, STANDARD_RANK, works } from '../model/context';
import type { Plan } from '../model/plan';
import type { PlanningSnapshot } from '../model/snapshot';
import { normaliseSnapshot } from '../validation/normalised-snapshot';
import { eventCover } from './event-cover';

export interface ContinuityOverflows {
  /** Σ over event half-days × listed sites of the agents on site beyond max(capacity, must-stay agents there) */
  site: number;
  /** Σ over event half-days × pools of remote + reserved beyond the capacity */
  pool: number;
  /** Σ over event half-days × pools of STANDARD remote + reserved beyond capacity − reserve (when some STANDARD agent is remote) */
  standardShare: number;
  /** N where no event lists the agent's site (or no event at all) */
  unjustifiedN: number;
  /** agents on site above a listed site's capacity because they must stay (allowed, warned) */
  mustStayAboveCapacity: number;
  /** a few examples, worded */
  samples: string[];
}

export function continuityOverflows(snapshot: PlanningSnapshot, plan: Plan): ContinuityOverflows {
  const ctx = buildPlanningContext(normaliseSnapshot(snapshot));
  const cover = eventCover(snapshot, ctx);
  const out: ContinuityOverflows = { site: 0, pool: 0, standardShare: 0, unjustifiedN: 0, mustStayAboveCapacity: 0, samples: [] };
  const sample = (text: string) => {
    if (out.samples.length < 5) out.samples.push(text);
  };
  const column = new Map(plan.halfDays.map((k, i) => [k, i] as const));
  const modes = new Map(plan.agents.map((a) => [a.id, a.modes]));
  const agentModes = ctx.snapshot.agents.map((a) => modes.get(a.id) ?? '');
  for (const hd of ctx.halfDays) {
    const i = column.get(hd.key);
    if (i === undefined) continue;
    const c = cover.byHalfDay[hd.index];
    const onSite = new Int32Array(ctx.nS);
    const stay = new Int32Array(ctx.nS);
    const remote = new Int32Array(ctx.nP);
    const standard = new Int32Array(ctx.nP);
    for (let a = 0; a < ctx.nA; a++) {
      const m = agentModes[a][i];
      const s = ctx.agentSite[a];
      if (m === 'N' && (!c || c.siteCap[s] < 0)) {
        out.unjustifiedN++;
        sample(`${ctx.snapshot.agents[a].id} N on ${hd.key} where no event lists its site`);
      }
      if (!c) continue;
      if (m === 'S') {
        if (c.onSite[a] && works(ctx, a, hd.index)) stay[s]++;
        else onSite[s]++;
      } else if (m === 'R') {
        const own = ctx.eligible[a] && ctx.agentPool[a] >= 0 ? ctx.agentPool[a] : (c.extraPools.get(a) ?? [-1])[0];
        if (own < 0) continue; // the checker's ineligible rule catches it
        remote[own]++;
        if (ctx.tierRank[a] === STANDARD_RANK) standard[own]++;
      }
    }
    if (!c) continue;
    for (let s = 0; s < ctx.nS; s++) {
      const cap = c.siteCap[s];
      if (cap < 0) continue;
      const over = Math.max(0, onSite[s] + stay[s] - Math.max(cap, stay[s]));
      if (over > 0) {
        out.site += over;
        sample(`site ${ctx.snapshot.sites[s].id} on ${hd.key}: ${onSite[s] + stay[s]} on site (${stay[s]} must stay) for ${cap} desks`);
      }
      out.mustStayAboveCapacity += Math.max(0, stay[s] - cap);
    }
    for (let p = 0; p < ctx.nP; p++) {
      const cap = c.poolCap[p];
      const reserved = ctx.reserved[p][hd.index];
      const over = Math.max(0, remote[p] + reserved - cap);
      if (remote[p] > 0 && over > 0) {
        out.pool += over;
        sample(`pool ${ctx.snapshot.pools[p].id} on ${hd.key}: ${remote[p]} remote + ${reserved} reserved for ${cap} seats`);
      }
      const stdOver = Math.max(0, standard[p] + reserved - (cap - ctx.reserve[p]));
      if (standard[p] > 0 && stdOver > 0) {
        out.standardShare += Math.min(stdOver, standard[p]);
        sample(`pool ${ctx.snapshot.pools[p].id} on ${hd.key}: ${standard[p]} STANDARD remote + ${reserved} reserved for ${cap - ctx.reserve[p]} open seats`);
      }
    }
  }
  return out;
}
