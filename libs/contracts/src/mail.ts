import type { AssignmentMode, HalfDayPeriod, Role } from './enums';
import type { AllocationOutcome } from './planning-ops';
import type { NoWorkplaceWhy } from './messages/continuity';
import type { Refusal } from './messages/reasons';

/** The interface and mail languages. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The kinds of e-mail. ACTIVATION: an invitation's link (cannot be switched off);
 * REQUEST_DECIDED: to an agent, a request approved, waiting or refused; SCHEDULE_CHANGED: to an
 * agent, its half-days changed by a run, a publication or a continuity event (one mail per
 * change, listing only what changed); MANAGER_DIGEST: to a manager, the requests waiting for it.
 */
export const MAIL_KINDS = ['ACTIVATION', 'REQUEST_DECIDED', 'SCHEDULE_CHANGED', 'MANAGER_DIGEST'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** The kinds an account may switch off. */
export const OPTIONAL_MAIL_KINDS = ['REQUEST_DECIDED', 'SCHEDULE_CHANGED', 'MANAGER_DIGEST'] as const;
export type OptionalMailKind = (typeof OPTIONAL_MAIL_KINDS)[number];

/** PENDING: to send (again, after next_attempt_at); SENDING: claimed by a sender; SENT; FAILED: refused for good (the error says why). */
export const MAIL_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** One half-day named in a mail. */
export interface MailHalfDay {
  date: string;
  period: HalfDayPeriod;
}

/**
 * What each kind of mail says, stored as data in `mail_outbox.payload` and worded when sent, in
 * the row's language. Links are made from PUBLIC_URL at sending time.
 */
export interface ActivationMailPayload {
  firstName: string;
  lastName: string;
  /** PUBLIC_URL/activation?token=… (removed from the row once the mail is sent) */
  activationUrl: string;
  /** ISO instant after which the link no longer works */
  expiresAt: string;
}

export interface RequestDecidedMailPayload {
  requestId: string;
  firstName: string;
  /** APPROVED: granted or waiting (allocationStatus says which); REFUSED: refused by the manager */
  status: 'APPROVED' | 'REFUSED';
  allocationStatus: AllocationOutcome | null;
  /** why it waits or could not be granted (coded, worded in the mail's language) */
  refusal: Refusal | null;
  /** the manager's comment, as written */
  comment: string | null;
  halfDays: MailHalfDay[];
  /** who decided (display name) */
  decidedBy: string | null;
}

export interface ScheduleChangeLine extends MailHalfDay {
  /** null: the half-day was not planned before */
  before: AssignmentMode | null;
  /** null: the half-day is no longer planned */
  after: AssignmentMode | null;
  /** why there is no workplace (after = NO_WORKPLACE) */
  why?: NoWorkplaceWhy | null;
}

export interface ScheduleChangedMailPayload {
  firstName: string;
  from: string;
  to: string;
  planVersion: number;
  /** the continuity event behind the change, if any */
  eventLabel: string | null;
  /** only the half-days that changed, in time order */
  changes: ScheduleChangeLine[];
}

export interface DigestRequestLine {
  requestId: string;
  agentName: string;
  halfDays: MailHalfDay[];
  /** ISO instant the request was made */
  createdAt: string;
}

export interface ManagerDigestMailPayload {
  firstName: string;
  /** the working day of the digest (YYYY-MM-DD, Europe/Paris) */
  date: string;
  /** how many requests wait in all (the list may be cut) */
  total: number;
  requests: DigestRequestLine[];
}

export interface MailPayloads {
  ACTIVATION: ActivationMailPayload;
  REQUEST_DECIDED: RequestDecidedMailPayload;
  SCHEDULE_CHANGED: ScheduleChangedMailPayload;
  MANAGER_DIGEST: ManagerDigestMailPayload;
}

/** One row of the outbox, as HR and ADMIN see it (GET /api/mail/outbox); the payload is not shown. */
export interface MailOutboxEntryDto {
  id: string;
  kind: MailKind;
  recipient: string;
  language: Language;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

export interface MailOutboxPageDto {
  /** whether SMTP_URL is set (no mail is written otherwise) */
  enabled: boolean;
  counts: Record<MailStatus, number>;
  items: MailOutboxEntryDto[];
  total: number;
}

/** The signed-in account's own settings (GET/PATCH /api/auth/me/preferences). */
export interface AccountPreferencesDto {
  language: Language;
  /** the kinds of mail switched off */
  mailOptOuts: OptionalMailKind[];
}

/** What the log-in page needs to know (GET /api/auth/config, public). */
export interface AuthConfigDto {
  /** false: single sign-on only (the form is hidden, POST /auth/login answers 403) */
  passwordLogin: boolean;
  /** null: single sign-on is not configured */
  sso: { displayName: string | null } | null;
  /** whether e-mail is sent (invitation links go by mail, HR does not copy them) */
  mail: boolean;
}

/** POST /api/auth/oidc/ticket: the single-use ticket the callback put in the console's URL. */
export interface SsoTicketRequest {
  ticket: string;
}

export interface SsoTicketResponse {
  accessToken: string;
  /** where the console sends the browser at log-out to end the provider's session too (null: none) */
  endSessionUrl: string | null;
}

/** Why a sign-on failed, in the console's URL (`/login?sso=CODE`). */
export const SSO_ERROR_CODES = [
  'SSO_NOT_CONFIGURED', 'SSO_STATE_INVALID', 'SSO_PROVIDER_ERROR', 'SSO_UNKNOWN_USER', 'SSO_ACCOUNT_DISABLED',
  'SSO_NO_IDENTIFIER', 'SSO_TICKET_INVALID',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

/** Roles a manager digest goes to. */
export const DIGEST_ROLES: readonly Role[] = ['MANAGER'];
