/**
 * A stopwatch of named phases: each `lap(name)` adds the milliseconds since the previous lap (or
 * since the timer was made) to `phases[name]`.
 */
export function phaseTimer(phases: Record<string, number>): (name: string) => void {
  let lapStart = Date.now();
  return (name) => {
    const now = Date.now();
    phases[name] = (phases[name] ?? 0) + now - lapStart;
    lapStart = now;
  };
}
