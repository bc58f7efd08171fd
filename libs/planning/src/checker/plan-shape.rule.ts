import { CheckContext } from './check-context';
import { CheckRule, ViolationList } from './rule';

/**
 * The plan lists the horizon's working half-days in order, one entry per agent with one
 * letter R/S/O per half-day, one entry per request, and rotation cells of known groups.
 */
export const planShapeRule: CheckRule = {
  id: 'plan-shape',
  description: 'halfDays, one agent entry per agent, one request entry per request',
  check(ctx: CheckContext) {
    const v = new ViolationList('plan-shape');
    const { plan, snapshot } = ctx;
    const version = snapshot.version === 2 ? 2 : 1;
    if (plan.version !== version) v.add(`version is ${JSON.stringify(plan.version)}, expected ${version} (the snapshot's)`, 'version');
    const letters = version === 2 ? /^[RSON]*$/ : /^[RSO]*$/;

    const expected = ctx.halfDays.map((h) => h.key);
    const got = Array.isArray(plan.halfDays) ? plan.halfDays : [];
    if (got.length !== expected.length || got.some((k, i) => k !== expected[i])) {
      const i = expected.findIndex((k, j) => got[j] !== k);
      v.add(
        `halfDays has ${got.length} entries, expected the ${expected.length} working half-days` +
          (i >= 0 ? `; first difference at [${i}]: ${JSON.stringify(got[i])} instead of "${expected[i]}"` : ''),
        'halfDays',
      );
    }

    const agentIds = new Set(snapshot.agents.map((a) => a.id));
    const seenAgents = new Set<string>();
    (Array.isArray(plan.agents) ? plan.agents : []).forEach((a, i) => {
      if (!agentIds.has(a.id)) v.add(`unknown agent "${a.id}"`, `agents[${i}].id`);
      else if (seenAgents.has(a.id)) v.add(`agent "${a.id}" listed twice`, `agents[${i}].id`);
      seenAgents.add(a.id);
      if (typeof a.modes !== 'string' || !letters.test(a.modes)) {
        v.add(version === 2 ? 'modes must be letters R, S, O or N' : 'modes must be letters R, S or O', `agents[${i}].modes`);
      } else if (a.modes.length !== expected.length) {
        v.add(`modes has ${a.modes.length} letters for ${expected.length} half-days`, `agents[${i}].modes`);
      }
    });
    snapshot.agents.forEach((a) => {
      if (!seenAgents.has(a.id)) v.add(`agent "${a.id}" has no entry`, 'agents');
    });

    const requestIds = new Set(snapshot.requests.map((r) => r.id));
    const seenRequests = new Set<string>();
    (Array.isArray(plan.requests) ? plan.requests : []).forEach((r, i) => {
      if (!requestIds.has(r.id)) v.add(`unknown request "${r.id}"`, `requests[${i}].id`);
      else if (seenRequests.has(r.id)) v.add(`request "${r.id}" listed twice`, `requests[${i}].id`);
      seenRequests.add(r.id);
      if (!['GRANTED', 'REFUSED', 'IGNORED'].includes(r.status)) {
        v.add(`status ${JSON.stringify(r.status)} is not GRANTED, REFUSED or IGNORED`, `requests[${i}].status`);
      }
    });
    snapshot.requests.forEach((r) => {
      if (!seenRequests.has(r.id)) v.add(`request "${r.id}" has no entry`, 'requests');
    });

    const groupIds = new Set(snapshot.groups.map((g) => g.id));
    (Array.isArray(plan.rotation) ? plan.rotation : []).forEach((c, i) => {
      if (!groupIds.has(c.groupId)) v.add(`unknown group "${c.groupId}"`, `rotation[${i}].groupId`);
    });
    return v.done();
  },
};
