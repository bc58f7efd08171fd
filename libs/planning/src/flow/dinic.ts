/**
 * Dinic's maximum flow on integer capacities, incremental: `maxFlow` augments from the current
 * flow, so capacities may be raised (never lowered below the flow) and `maxFlow` called again.
 * An augmenting path never lowers the flow on an edge out of the source, which is what makes
 * tier-by-tier augmentation lexicographic.
 */
export class Dinic {
  private head: Int32Array;
  private next: Int32Array = new Int32Array(16);
  private to: Int32Array = new Int32Array(16);
  private cap: Int32Array = new Int32Array(16);
  private edgeCount = 0;
  private level: Int32Array;
  private iter: Int32Array;
  private queue: Int32Array;

  constructor(readonly nodeCount: number) {
    this.head = new Int32Array(nodeCount).fill(-1);
    this.level = new Int32Array(nodeCount);
    this.iter = new Int32Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
  }

  /** Adds u→v with capacity `capacity`; returns the edge id (its reverse is id ^ 1). */
  addEdge(u: number, v: number, capacity: number): number {
    if (this.edgeCount + 2 > this.to.length) this.grow();
    const e = this.edgeCount;
    this.to[e] = v;
    this.cap[e] = capacity;
    this.next[e] = this.head[u];
    this.head[u] = e;
    this.to[e + 1] = u;
    this.cap[e + 1] = 0;
    this.next[e + 1] = this.head[v];
    this.head[v] = e + 1;
    this.edgeCount += 2;
    return e;
  }

  /** Flow on edge e. */
  flow(e: number): number {
    return this.cap[e ^ 1];
  }

  /** Residual capacity of edge e. */
  residual(e: number): number {
    return this.cap[e];
  }

  /** Sets the capacity of edge e (must stay ≥ its flow). */
  setCapacity(e: number, capacity: number): void {
    const f = this.cap[e ^ 1];
    if (capacity < f) throw new Error(`capacity ${capacity} below flow ${f}`);
    this.cap[e] = capacity - f;
  }

  private grow(): void {
    const n = this.to.length * 2;
    const g = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.to = g(this.to);
    this.cap = g(this.cap);
    this.next = g(this.next);
  }

  private bfs(s: number, t: number): boolean {
    const { level, queue, head, next, to, cap } = this;
    level.fill(-1);
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    level[s] = 0;
    while (qh < qt) {
      const u = queue[qh++];
      for (let e = head[u]; e !== -1; e = next[e]) {
        const v = to[e];
        if (cap[e] > 0 && level[v] < 0) {
          level[v] = level[u] + 1;
          queue[qt++] = v;
        }
      }
    }
    return level[t] >= 0;
  }

  /** Blocking flow by iterative DFS (no recursion: graphs have 100,000s of nodes). */
  private blockingFlow(s: number, t: number): number {
    const { level, iter, head, next, to, cap } = this;
    for (let i = 0; i < this.nodeCount; i++) iter[i] = head[i];
    let total = 0;
    const pathEdges: number[] = [];
    let u = s;
    for (;;) {
      if (u === t) {
        let push = Infinity;
        for (const e of pathEdges) if (cap[e] < push) push = cap[e];
        for (const e of pathEdges) {
          cap[e] -= push;
          cap[e ^ 1] += push;
        }
        total += push;
        // restart from the tail of the first saturated edge
        let k = 0;
        while (k < pathEdges.length && cap[pathEdges[k]] > 0) k++;
        pathEdges.length = k;
        u = k === 0 ? s : to[pathEdges[k - 1]];
        continue;
      }
      let advanced = false;
      for (; iter[u] !== -1; iter[u] = next[iter[u]]) {
        const e = iter[u];
        const v = to[e];
        if (cap[e] > 0 && level[v] === level[u] + 1) {
          pathEdges.push(e);
          u = v;
          advanced = true;
          break;
        }
      }
      if (!advanced) {
        if (u === s) break;
        level[u] = -1; // dead end
        const e = pathEdges.pop() as number;
        u = to[e ^ 1];
        iter[u] = next[iter[u]];
      }
    }
    return total;
  }

  /** Augments to a maximum flow from s to t; returns the flow added by this call. */
  maxFlow(s: number, t: number): number {
    let added = 0;
    while (this.bfs(s, t)) added += this.blockingFlow(s, t);
    return added;
  }
}
