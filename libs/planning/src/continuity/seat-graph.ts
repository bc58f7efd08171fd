/**
 * A small residual graph for the coverage phase of one event half-day: agent types → desks of a
 * site or seats of a pool (through the pool's STANDARD share for STANDARD agents) → sink. Agents
 * are added one unit at a time along a shortest augmenting path (BFS); a unit once routed stays
 * routed (only its route may change), so every agent covered stays covered.
 */
export class SeatGraph {
  private head: number[] = [];
  private next: number[] = [];
  private to: number[] = [];
  private cap: number[] = [];
  private stamp: Int32Array = new Int32Array(0);
  private parentEdge: Int32Array = new Int32Array(0);
  private queue: Int32Array = new Int32Array(0);
  private round = 0;
  nodes = 0;

  addNode(): number {
    this.head.push(-1);
    return this.nodes++;
  }

  /** A directed edge of capacity `cap` and its reverse (capacity 0); returns the forward edge's id. */
  addEdge(from: number, to: number, cap: number): number {
    const e = this.to.length;
    this.to.push(to, from);
    this.cap.push(cap, 0);
    this.next.push(this.head[from], this.head[to]);
    this.head[from] = e;
    this.head[to] = e + 1;
    return e;
  }

  /** Units routed through forward edge e. */
  flow(e: number): number {
    return this.cap[e + 1];
  }

  /** Routes one unit from `source` to `sink` along a shortest residual path; false when none exists. */
  augment(source: number, sink: number): boolean {
    if (this.stamp.length < this.nodes) {
      this.stamp = new Int32Array(this.nodes);
      this.parentEdge = new Int32Array(this.nodes);
      this.queue = new Int32Array(this.nodes);
    }
    const round = ++this.round;
    const { stamp, parentEdge, queue, head, next, to, cap } = this;
    stamp[source] = round;
    parentEdge[source] = -1;
    let qh = 0;
    let qt = 0;
    queue[qt++] = source;
    while (qh < qt) {
      const u = queue[qh++];
      for (let e = head[u]; e >= 0; e = next[e]) {
        if (cap[e] <= 0) continue;
        const v = to[e];
        if (stamp[v] === round) continue;
        stamp[v] = round;
        parentEdge[v] = e;
        if (v === sink) {
          for (let x = sink; x !== source; ) {
            const pe = parentEdge[x];
            cap[pe]--;
            cap[pe ^ 1]++;
            x = to[pe ^ 1];
          }
          return true;
        }
        queue[qt++] = v;
      }
    }
    return false;
  }
}
