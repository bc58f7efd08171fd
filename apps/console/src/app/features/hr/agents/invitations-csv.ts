import type { AccountInvitation } from '@telework/contracts';
import type { IsoDate } from '../../../core/dates/iso-dates';
import { PLANNING_TIME_ZONE } from '../../../core/i18n/tw-date.pipe';

/**
 * An invitation as the API answers it. With SMTP set, the link went to the agent by mail and is
 * not shown (`activationUrl: null, mailed: true`); without, HR passes the link on. Both shapes
 * are read, whether or not the contract names `mailed` yet.
 */
export type Invitation = Omit<AccountInvitation, 'activationUrl'> & {
  activationUrl: string | null;
  mailed?: boolean;
};

/** Whether the link of this invitation went by mail (so there is nothing to copy). */
export function isMailed(invitation: Invitation): boolean {
  return invitation.mailed === true || !invitation.activationUrl;
}

/** The columns of the invitations file, in French whatever the interface language (HR's mail merge reads them). */
export const INVITATIONS_CSV_HEADER = [
  'matricule',
  'nom',
  'prénom',
  'e-mail',
  'lien d\'activation',
  'expire le',
];

const BOM = '\uFEFF';

/**
 * A CSV field for a `;`-separated file: quoted (quotes doubled) when it holds `;`, `"` or a line
 * break. A value a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return: a name typed that way in the directory) gets a leading apostrophe, as OWASP advises.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PLANNING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-12-08T09:30:00Z` → `08/12/2026 10:30`: the instant in Paris, as French spreadsheets read dates. */
export function parisDateTime(iso: string): string {
  const part = Object.fromEntries(
    parisParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return `${part['day']}/${part['month']}/${part['year']} ${part['hour']}:${part['minute']}`;
}

/**
 * The invitations as a CSV file for a spreadsheet or a mail merge: UTF-8 with a byte-order
 * mark (Excel then reads the accents), `;`-separated (the French Excel default), CRLF lines.
 */
export function invitationsCsv(invitations: readonly Invitation[]): string {
  const rows = [
    INVITATIONS_CSV_HEADER,
    ...invitations.map((i) => [
      i.employeeNumber,
      i.lastName,
      i.firstName,
      i.email,
      i.activationUrl ?? '',
      parisDateTime(i.expiresAt),
    ]),
  ];
  return BOM + rows.map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n';
}

/** `invitations-2026-12-01.csv`, dated the day in Paris. */
export function invitationsFileName(today: IsoDate): string {
  return `invitations-${today}.csv`;
}
