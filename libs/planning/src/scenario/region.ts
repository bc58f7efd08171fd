import type { PlanningSnapshot } from '../model/snapshot';
import type { DepartementScenario } from './departement';

/**
 * Several départements sharing one installation (a region, a group of départements): each keeps
 * its own sites, pools, rotation groups, org units and people, every id prefixed with its
 * département's code (`D01-`…), so that no two share a pool, a site or a group. The planning
 * horizon and calendar are the first département's (all are generated on the same dates).
 * `regionSnapshot` joins snapshots alone (tests of the split run on varied départements).
 */
export function regionSnapshot(snapshots: PlanningSnapshot[]): PlanningSnapshot {
  if (snapshots.length === 0) throw new Error('a region needs at least one département');
  const [first] = snapshots;
  const parts = snapshots.map((d, k) => ({ d, code: departementCode(k), id: (id: string) => `${departementCode(k)}-${id}` }));
  const snapshot: PlanningSnapshot = {
    version: first.version,
    horizon: first.horizon,
    ...(first.timezone ? { timezone: first.timezone } : {}),
    ...(first.closedDates ? { closedDates: first.closedDates } : {}),
    // groups are never merged: the largest bound of the parts holds for each
    ...(snapshots.some((d) => d.maxGroupSize) ? { maxGroupSize: Math.max(...snapshots.map((d) => d.maxGroupSize ?? 300)) } : {}),
    pools: parts.flatMap(({ d, id }) => d.pools.map((p) => ({ ...p, id: id(p.id) }))),
    sites: parts.flatMap(({ d, id, code }) => d.sites.map((s) => ({ ...s, id: id(s.id), ...(s.name ? { name: `${code} ${s.name}` } : {}) }))),
    groups: parts.flatMap(({ d, id, code }) => d.groups.map((g) => ({ ...g, id: id(g.id), ...(g.name ? { name: `${code} ${g.name}` } : {}) }))),
    agents: parts.flatMap(({ d, id }) =>
      d.agents.map((a) => ({
        ...a,
        id: id(a.id),
        siteId: id(a.siteId),
        ...(a.groupId ? { groupId: id(a.groupId) } : {}),
        ...(a.pool ? { pool: id(a.pool) } : {}),
        ...(a.orgUnitId ? { orgUnitId: id(a.orgUnitId) } : {}),
      }))),
    requests: parts.flatMap(({ d, id }) => (d.requests ?? []).map((r) => ({ ...r, id: id(r.id), agentId: id(r.agentId) }))),
    reservations: parts.flatMap(({ d, id }) => (d.reservations ?? []).map((r) => ({ ...r, id: id(r.id), pool: id(r.pool) }))),
  };
  if (parts.some(({ d }) => d.rotation)) {
    snapshot.rotation = parts.flatMap(({ d, id }) => (d.rotation ?? []).map((c) => ({ ...c, groupId: id(c.groupId) })));
  }
  return snapshot;
}

/** The code of the k-th département of a region (0-based): D01, D02… */
export function departementCode(k: number): string {
  return `D${String(k + 1).padStart(2, '0')}`;
}

/** A region of generated départements, with their org units and people (ids, codes and e-mails kept apart). */
export function regionScenario(name: string, seed: number, departements: DepartementScenario[]): DepartementScenario {
  const parts = departements.map((d, k) => ({ d, code: departementCode(k), id: (id: string) => `${departementCode(k)}-${id}` }));
  const snapshot = regionSnapshot(departements.map((d) => d.snapshot));
  return {
    name,
    seed,
    snapshot,
    orgUnits: parts.flatMap(({ d, id, code }) =>
      d.orgUnits.map((u) => ({
        ...u, id: id(u.id), code: `${code}-${u.code}`, name: `${code} ${u.name}`,
        parentId: u.parentId ? id(u.parentId) : null, managerAgentId: u.managerAgentId ? id(u.managerAgentId) : null,
      }))),
    people: parts.flatMap(({ d, id, code }) =>
      d.people.map((p) => ({
        ...p,
        agentId: id(p.agentId),
        employeeNumber: `${code}${p.employeeNumber}`,
        email: p.email.replace('@', `@${code.toLowerCase()}.`),
        orgUnitId: id(p.orgUnitId),
        managerAgentId: p.managerAgentId ? id(p.managerAgentId) : null,
      }))),
  };
}
