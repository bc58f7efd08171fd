/** Figures in messages people read: "1,700", as in DESIGN.md. */
export function formatCount(n: number): string {
  const negative = n < 0;
  const digits = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return negative ? `-${out}` : out;
}

/** "2026-12-08 PM" */
export function formatHalfDay(date: string, period: string): string {
  return `${date} ${period}`;
}

/** "1.8 %" */
export function formatPercent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)} %`;
}
