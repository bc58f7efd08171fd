import type { TranslateService } from '@ngx-translate/core';

/**
 * The allocation's reasons come from the planning engine and the API in English with their
 * figures ("VDI full on 2026-12-08 PM: 1,700 of 1,700 seats", DESIGN.md's words, also kept in
 * the plans and the audit). The console reads the known shapes back into a translation key and
 * its figures, so an agent reads them in French; an unknown shape is shown as it came.
 */
export interface ReasonParts {
  key: string;
  pool?: string;
  date?: string;
  period?: 'AM' | 'PM';
  /** numbers as the engine counted them */
  figures?: Record<string, number>;
  /** a sub-reason key (why a half-day is not worked) */
  detail?: string;
}

const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const PERIOD = '(AM|PM)';
const COUNT = '(\\d{1,3}(?:,\\d{3})*)';
const count = (text: string) => Number(text.replace(/,/g, ''));

const SHAPES: { pattern: RegExp; read: (m: RegExpExecArray) => ReasonParts }[] = [
  {
    // libs/planning reasons.poolFull and the API's instant grant
    pattern: new RegExp(`^(\\S+) full on ${DATE} ${PERIOD}: ${COUNT} of ${COUNT} seats(?: \\(${COUNT} reserved for events\\))?$`),
    read: (m) => ({
      key: m[6] ? 'poolFullReserved' : 'poolFull',
      pool: m[1], date: m[2], period: m[3] as 'AM' | 'PM',
      figures: { used: count(m[4]), capacity: count(m[5]), reserved: m[6] ? count(m[6]) : 0 },
    }),
  },
  {
    // libs/planning reasons.standardShareFull
    pattern: new RegExp(
      `^(\\S+) STANDARD share full on ${DATE} ${PERIOD}: ${COUNT} of ${COUNT} seats \\(capacity ${COUNT} minus ${COUNT} kept for ELECTED, DIRECTOR and ESSENTIAL agents\\)$`,
    ),
    read: (m) => ({
      key: 'standardShareFull', pool: m[1], date: m[2], period: m[3] as 'AM' | 'PM',
      figures: { used: count(m[4]), open: count(m[5]), capacity: count(m[6]), reserve: count(m[7]) },
    }),
  },
  {
    // the API's instant grant, STANDARD share
    pattern: new RegExp(`^(\\S+) full for standard agents on ${DATE} ${PERIOD}: ${COUNT} of ${COUNT} seats outside the reserve of ${COUNT}$`),
    read: (m) => ({
      key: 'standardShareFull', pool: m[1], date: m[2], period: m[3] as 'AM' | 'PM',
      figures: { used: count(m[4]), open: count(m[5]), reserve: count(m[6]), capacity: count(m[5]) + count(m[6]) },
    }),
  },
  {
    pattern: /^weekly max of (\d+) half-days reached in week (\d+)$/,
    read: (m) => ({ key: 'weeklyMax', figures: { max: Number(m[1]), week: Number(m[2]) } }),
  },
  {
    pattern: /^not a working half-day(?:: (.*)| \((.*)\))?$/,
    read: (m) => ({ key: 'notWorking', detail: notWorkingDetail(m[1] ?? m[2] ?? '') }),
  },
  { pattern: /^agent not eligible(?::.*)?$/, read: () => ({ key: 'notEligible' }) },
  {
    pattern: new RegExp(`^an approved ON_SITE request of \\S+ covers ${DATE} ${PERIOD}$`),
    read: (m) => ({ key: 'onSiteConflict', date: m[1], period: m[2] as 'AM' | 'PM' }),
  },
  { pattern: /^already on site in the published plan$/, read: () => ({ key: 'alreadyOnSite' }) },
  { pattern: /^already remote in the published plan$/, read: () => ({ key: 'alreadyRemote' }) },
  { pattern: /^en attente de l'allocation de nuit \/ waiting for the nightly allocation$/, read: () => ({ key: 'nightly' }) },
  { pattern: /^a (PENDING|APPROVED) request already exists$/, read: (m) => ({ key: m[1] === 'PENDING' ? 'pendingExists' : 'approvedExists' }) },
  // the API's 409 and 400 on a one-half-day request
  {
    pattern: new RegExp(`^${DATE} ${PERIOD}: a (PENDING|APPROVED) request already exists(?: \\(\\S+\\))?$`),
    read: (m) => ({ key: m[3] === 'PENDING' ? 'pendingExistsOn' : 'approvedExistsOn', date: m[1], period: m[2] as 'AM' | 'PM' }),
  },
  {
    pattern: new RegExp(`^${DATE} ${PERIOD} is not a working half-day of yours \\((.*)\\)$`),
    read: (m) => ({ key: 'notWorkingOn', date: m[1], period: m[2] as 'AM' | 'PM', detail: notWorkingDetail(m[3]) }),
  },
  // the same on the request's date field
  { pattern: /^is not a working half-day of yours \((.*)\)$/, read: (m) => ({ key: 'notWorkingYours', detail: notWorkingDetail(m[1]) }) },
  // why a half-day is not worked, alone (the request form's skipped half-days)
  { pattern: /^(weekend|public holiday|off \(part-time\))$/, read: (m) => ({ key: 'notWorking', detail: notWorkingDetail(m[1]) }) },
];

function notWorkingDetail(text: string): string | undefined {
  if (/weekend/.test(text)) return 'weekend';
  if (/public holiday|is closed/.test(text)) return 'closed';
  if (/part-time|is off on/.test(text)) return 'off';
  if (/outside the horizon/.test(text)) return 'outside';
  return undefined;
}

export function parseAllocationReason(reason: string): ReasonParts | null {
  const text = reason.trim();
  for (const shape of SHAPES) {
    const m = shape.pattern.exec(text);
    if (m) return shape.read(m);
  }
  return null;
}

/**
 * The reason in the interface's language (`allocationReasons.*` keys), dates and figures in its
 * locale; the reason as it came when its shape is unknown.
 */
export function allocationReasonText(reason: string, translate: TranslateService, locale: string): string {
  const parts = parseAllocationReason(reason);
  if (!parts) return reason;
  const numbers = new Intl.NumberFormat(locale);
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(parts.figures ?? {})) params[name] = numbers.format(value);
  if (parts.pool) params['pool'] = parts.pool;
  if (parts.date) {
    params['date'] = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${parts.date}T12:00:00Z`),
    );
  }
  if (parts.period) params['period'] = (translate.instant(`periods.${parts.period}`) as string).toLowerCase();
  params['detail'] = parts.detail ? (translate.instant(`allocationReasons.details.${parts.detail}`) as string) : '';
  return translate.instant(`allocationReasons.${parts.key}`, params) as string;
}
