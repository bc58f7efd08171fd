import fc from 'fast-check';
import { Dinic } from './dinic';

/** Obviously-correct max flow for tiny graphs: Ford–Fulkerson with DFS on a capacity matrix. */
function naiveMaxFlow(n: number, edges: [number, number, number][], s: number, t: number): number {
  const c = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [u, v, w] of edges) c[u][v] += w;
  let flow = 0;
  for (;;) {
    const prev = new Array<number>(n).fill(-1);
    prev[s] = s;
    const stack = [s];
    while (stack.length) {
      const u = stack.pop() as number;
      for (let v = 0; v < n; v++) if (prev[v] < 0 && c[u][v] > 0) { prev[v] = u; stack.push(v); }
    }
    if (prev[t] < 0) return flow;
    let push = Infinity;
    for (let v = t; v !== s; v = prev[v]) push = Math.min(push, c[prev[v]][v]);
    for (let v = t; v !== s; v = prev[v]) { c[prev[v]][v] -= push; c[v][prev[v]] += push; }
    flow += push;
  }
}

describe('Dinic', () => {
  it('solves a hand-worked network', () => {
    // s=0, t=5: classic CLRS example, max flow 23
    const d = new Dinic(6);
    const edges: [number, number, number][] = [
      [0, 1, 16], [0, 2, 13], [1, 3, 12], [2, 1, 4], [2, 4, 14], [3, 2, 9], [3, 5, 20], [4, 3, 7], [4, 5, 4],
    ];
    for (const [u, v, c] of edges) d.addEdge(u, v, c);
    expect(d.maxFlow(0, 5)).toBe(23);
    expect(d.maxFlow(0, 5)).toBe(0);
  });

  it('matches a naive max flow on random graphs, also when capacities are raised', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 5 })), { maxLength: 25 }),
            fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 25, maxLength: 25 }),
          ),
        ),
        ([n, edges, raise]) => {
          const d = new Dinic(n);
          const ids = edges.map(([u, v, c]) => d.addEdge(u, v, c));
          const first = d.maxFlow(0, n - 1);
          expect(first).toBe(naiveMaxFlow(n, edges, 0, n - 1));
          const raised = edges.map(([u, v, c], i) => [u, v, c + raise[i]] as [number, number, number]);
          raised.forEach(([, , c], i) => d.setCapacity(ids[i], c));
          expect(first + d.maxFlow(0, n - 1)).toBe(naiveMaxFlow(n, raised, 0, n - 1));
        },
      ),
      { numRuns: 200 },
    );
  });
});
