/**
 * French public holidays (jours fériés) for the exporters to list in a snapshot's
 * `closedDates`. The planner itself adds no holiday: it only reads `closedDates`.
 *
 * The dates come from the maintained package `@socialgouv/jours-feries` (a CommonJS
 * function without types, hence the typed `require`).
 */
const getJoursFeries: (year: number, options?: { alsace?: boolean }) => Record<string, Date> = require('@socialgouv/jours-feries');

export interface PublicHolidayOptions {
  /** include the two Alsace-Moselle days (Vendredi saint, Saint Étienne) */
  alsaceMoselle?: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The package builds its dates with `new Date(year, month, day)` in the process's local
 * time zone (and moves Easter-based days by multiples of 24 h, which a DST change can shift
 * by one hour): read them back in local time after moving to midday, so the calendar date is
 * right in every time zone (a DST change moves them by one hour at most).
 */
function localIsoDate(date: Date): string {
  const midday = new Date(date.getTime() + 12 * 3600 * 1000);
  const y = midday.getFullYear();
  const m = String(midday.getMonth() + 1).padStart(2, '0');
  const d = String(midday.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The French public holidays between `from` and `to` (ISO dates, both inclusive), sorted. */
export function frenchPublicHolidays(from: string, to: string, options: PublicHolidayOptions = {}): string[] {
  const a = ISO_DATE.exec(from);
  const b = ISO_DATE.exec(to);
  if (!a || !b) throw new Error(`frenchPublicHolidays: expected ISO dates YYYY-MM-DD, got "${from}" and "${to}"`);
  if (from > to) return [];
  const out = new Set<string>();
  for (let year = Number(a[1]); year <= Number(b[1]); year++) {
    const days = getJoursFeries(year, { alsace: options.alsaceMoselle === true });
    for (const date of Object.values(days)) {
      const iso = localIsoDate(date);
      if (iso >= from && iso <= to) out.add(iso);
    }
  }
  return [...out].sort();
}
