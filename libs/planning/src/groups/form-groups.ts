export interface GroupableAgent {
  id: string;
  siteId: string;
  orgUnitId: string;
  pool: string | null;
}

export interface FormGroupsOptions {
  maxGroupSize: number;
  /** parent of each org unit (null at the top): a unit too big is split along its children */
  orgUnitParent?: Record<string, string | null>;
  /** id of the n-th group (1-based), default G001, G002, … */
  groupId?: (n: number) => string;
}

export interface FormedGroups {
  groups: { id: string; agentIds: string[] }[];
}

interface Block {
  key: string;
  site: string;
  agents: GroupableAgent[];
}

const byId = (a: GroupableAgent, b: GroupableAgent) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Forms rotation groups of at most `maxGroupSize` agents: org units are kept whole where they
 * fit (a unit too big is split along its sub-units, then by site), blocks of the same site go
 * together, and groups are balanced in size and in pool mix. Deterministic: the same agents in
 * any order give the same groups.
 */
export function formGroups(agents: readonly GroupableAgent[], options: FormGroupsOptions): FormedGroups {
  const max = Math.max(1, Math.floor(options.maxGroupSize));
  const name = options.groupId ?? ((n: number) => `G${String(n).padStart(3, '0')}`);
  const sorted = [...agents].sort(byId);
  if (sorted.length === 0) return { groups: [] };

  // 1. Blocks: org-unit subtrees that fit, split top-down.
  const parent = options.orgUnitParent ?? {};
  const children = new Map<string, string[]>();
  const units = new Set<string>(sorted.map((a) => a.orgUnitId));
  for (const u of [...units]) {
    // walk up so every ancestor is known
    let cur: string | null | undefined = u;
    const seen = new Set<string>();
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      units.add(cur);
      cur = parent[cur];
    }
  }
  const roots: string[] = [];
  for (const u of [...units].sort()) {
    const p = parent[u];
    if (p && units.has(p) && p !== u) {
      const list = children.get(p) ?? [];
      list.push(u);
      children.set(p, list);
    } else {
      roots.push(u);
    }
  }
  const direct = new Map<string, GroupableAgent[]>();
  for (const a of sorted) {
    const list = direct.get(a.orgUnitId) ?? [];
    list.push(a);
    direct.set(a.orgUnitId, list);
  }
  const subtree = new Map<string, GroupableAgent[]>();
  const collect = (u: string, depth: number): GroupableAgent[] => {
    const cached = subtree.get(u);
    if (cached) return cached;
    const all = [...(direct.get(u) ?? [])];
    if (depth < 64) for (const c of children.get(u) ?? []) all.push(...collect(c, depth + 1));
    all.sort(byId);
    subtree.set(u, all);
    return all;
  };
  const blocks: Block[] = [];
  const split = (u: string, depth: number) => {
    const all = collect(u, depth);
    if (all.length === 0) return;
    if (all.length <= max) {
      blocks.push({ key: u, site: majoritySite(all), agents: all });
      return;
    }
    // too big: its sub-units become blocks of their own, its direct agents are cut by site
    if (depth < 64) for (const c of children.get(u) ?? []) split(c, depth + 1);
    const own = direct.get(u) ?? [];
    const bySite = new Map<string, GroupableAgent[]>();
    for (const a of own) {
      const list = bySite.get(a.siteId) ?? [];
      list.push(a);
      bySite.set(a.siteId, list);
    }
    for (const site of [...bySite.keys()].sort()) {
      const list = [...(bySite.get(site) as GroupableAgent[])].sort(
        (a, b) => ((a.pool ?? '') < (b.pool ?? '') ? -1 : (a.pool ?? '') > (b.pool ?? '') ? 1 : byId(a, b)),
      );
      const parts = Math.ceil(list.length / max);
      for (let i = 0; i < parts; i++) {
        // balanced chunks, interleaving pools so each chunk keeps the unit's pool mix
        const chunk = list.filter((_, j) => j % parts === i);
        blocks.push({ key: `${u}#${site}#${i}`, site, agents: chunk });
      }
    }
  };
  for (const r of roots) split(r, 0);

  // 2. Packing: number of groups from the total, blocks largest first onto the best group.
  const total = sorted.length;
  let count = Math.ceil(total / max);
  const target = Math.ceil(total / count);
  blocks.sort((a, b) => b.agents.length - a.agents.length || (a.key < b.key ? -1 : 1));
  const poolShare = share(sorted);
  type Bin = { agents: GroupableAgent[]; sites: Map<string, number> };
  const bins: Bin[] = Array.from({ length: count }, () => ({ agents: [], sites: new Map() }));
  for (const b of blocks) {
    let best = -1;
    let bestScore = Infinity;
    bins.forEach((bin, i) => {
      const size = bin.agents.length + b.agents.length;
      if (size > max) return;
      const sameSite = bin.sites.get(b.site) ?? 0;
      const overTarget = Math.max(0, size - target);
      // keep sites together, stay near the target size, keep the pool mix near the overall one
      const mix = poolDistance([...bin.agents, ...b.agents], poolShare);
      const score = overTarget * 1000 - (sameSite > 0 ? 500 : 0) + bin.agents.length + mix * 50;
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    });
    if (best < 0) {
      bins.push({ agents: [], sites: new Map() });
      count++;
      best = bins.length - 1;
    }
    const bin = bins[best];
    bin.agents.push(...b.agents);
    bin.sites.set(b.site, (bin.sites.get(b.site) ?? 0) + b.agents.length);
  }
  const groups = bins
    .filter((b) => b.agents.length > 0)
    .map((b) => b.agents.map((a) => a.id).sort())
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map((agentIds, i) => ({ id: name(i + 1), agentIds }));
  return { groups };
}

function majoritySite(agents: GroupableAgent[]): string {
  const count = new Map<string, number>();
  for (const a of agents) count.set(a.siteId, (count.get(a.siteId) ?? 0) + 1);
  return [...count.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0][0];
}

function share(agents: readonly GroupableAgent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of agents) m.set(a.pool ?? '', (m.get(a.pool ?? '') ?? 0) + 1);
  for (const [k, v] of m) m.set(k, v / agents.length);
  return m;
}

function poolDistance(agents: GroupableAgent[], overall: Map<string, number>): number {
  const s = share(agents);
  let d = 0;
  for (const [k, v] of overall) d += Math.abs((s.get(k) ?? 0) - v);
  return d;
}
