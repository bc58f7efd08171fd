import type { Role } from './enums';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
}

/** What `GET /api/auth/me` answers: the signed-in user and the agent it is. */
export interface CurrentUserDto {
  userId: string;
  email: string;
  role: Role;
  agentId: string | null;
  displayName: string;
  /** the org unit a manager manages (its team is this unit and below) */
  managedOrgUnitIds: string[];
  /** the planning's "today" (YYYY-MM-DD, Europe/Paris; PLANNING_TODAY when the server sets it) */
  today: string;
  /** the account's language (mails, and the console's when it has no choice of its own on this browser) */
  language: 'fr' | 'en';
  /** the kinds of e-mail the account switched off */
  mailOptOuts: ('REQUEST_DECIDED' | 'SCHEDULE_CHANGED' | 'MANAGER_DIGEST')[];
}

/**
 * Log-in accounts of agents: HR or ADMIN invite an agent (one or all without an account), the
 * API answers with a single-use activation link, and the agent chooses its password there.
 */
export const ACCOUNT_STATUSES = ['NONE', 'PENDING', 'ACTIVE', 'DISABLED'] as const;
/** NONE: no account; PENDING: invited, link not used yet; ACTIVE: can log in; DISABLED: switched off */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Smallest password length accepted at activation. */
export const MIN_PASSWORD_LENGTH = 12;

export interface AccountInvitation {
  agentId: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  /**
   * PUBLIC_URL + /activation?token=…: single use, shown once (only its hash is stored); null when
   * the link went to the agent by e-mail (SMTP_URL set: HR has no link to pass on)
   */
  activationUrl: string | null;
  /** true: the link is on its way to `email` (an ACTIVATION mail in the outbox); false: HR passes `activationUrl` on */
  mailed: boolean;
  /** ISO instant after which the link no longer works */
  expiresAt: string;
}

/** POST /api/accounts/invitations body: the agents to invite (none: every agent without an account). */
export interface InvitationsRequest {
  agentIds?: string[];
}

/**
 * Why an agent was not invited: it has an active account, another account holds its e-mail, or
 * its account is an HR or ADMIN one, which only an ADMIN may invite or re-enable.
 */
export const INVITATION_SKIP_CODES = ['ACTIVE_ACCOUNT', 'EMAIL_TAKEN', 'NEEDS_ADMIN'] as const;
export type InvitationSkipCode = (typeof INVITATION_SKIP_CODES)[number];

export interface InvitationsResponse {
  invitations: AccountInvitation[];
  /** agents left out: `code` for the interface to translate, `reason` in words (English) */
  skipped: { agentId: string; employeeNumber: string; code: InvitationSkipCode; reason: string; email?: string }[];
}

/** POST /api/auth/activate body. */
export interface ActivateAccountRequest {
  token: string;
  password: string;
}
