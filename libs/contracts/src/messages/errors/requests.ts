import type { HalfDayPeriod } from '../../enums';
import { MessageCatalogue, registerMessages } from '../format';
import type { Refusal } from '../reasons';

type RequestStatusWord = 'PENDING' | 'APPROVED' | 'REFUSED' | 'CANCELLED';

const STATUS_FR: Record<RequestStatusWord, string> = {
  PENDING: 'en attente', APPROVED: 'approuvée', REFUSED: 'refusée', CANCELLED: 'annulée',
};

/** The status in French words; the figure as given when it is not a known status. */
function statusFr(status: string | undefined, formatted: string): string {
  return STATUS_FR[status as RequestStatusWord] ?? formatted;
}

/**
 * Refusals of the API's requests area (asking, deciding, cancelling half-days, reading
 * schedules and the calendar feed): one code per case, its figures, its words in both
 * languages. The answers of the instant grant itself are `Refusal`s (reasons.ts).
 */
export type RequestProblem =
  | { code: 'REQUEST_NOT_FOUND' }
  /** the account is not linked to an agent: it cannot ask for half-days and has no schedule */
  | { code: 'NO_AGENT_ACCOUNT' }
  /** a manager or HR agent deciding a request of its own */
  | { code: 'OWN_REQUEST_DECISION' }
  /** a manager acting on an agent outside its org units */
  | { code: 'AGENT_NOT_IN_TEAM' }
  /** someone else than the asker cancelling a request */
  | { code: 'NOT_THE_ASKER' }
  | { code: 'REQUEST_NOT_PENDING'; status: string }
  | { code: 'REQUEST_NOT_CANCELLABLE'; status: string }
  | { code: 'HALF_DAY_PASSED'; date: string; period: HalfDayPeriod; today: string }
  /** a calendar feed URL whose token is unknown (renewed, or never given) */
  | { code: 'CALENDAR_LINK_UNKNOWN' }
  // ----- checks of single fields (in a 400's `errors`) -----
  | { code: 'DATE_IN_PAST'; today: string }
  | { code: 'DATE_TOO_FAR'; days: number; last: string }
  | { code: 'DATE_AND_RANGE_MIXED' }
  | { code: 'DATE_OR_RANGE_REQUIRED' }
  | { code: 'RANGE_END_BEFORE_START'; from: string }
  | { code: 'RANGE_TOO_LONG'; max: number; days?: number }
  | { code: 'NO_WORKING_HALF_DAY'; from: string; to: string };

export const REQUESTS_PROBLEM_MESSAGES: MessageCatalogue<RequestProblem> = {
  REQUEST_NOT_FOUND: { fr: () => 'demande introuvable', en: () => 'request not found' },
  NO_AGENT_ACCOUNT: {
    fr: () => 'ce compte n’est rattaché à aucun agent : il n’a ni demandes ni planning',
    en: () => 'this account is not linked to an agent: it has no requests and no schedule',
  },
  OWN_REQUEST_DECISION: {
    fr: () => 'vous ne pouvez pas décider de votre propre demande : votre responsable ou les RH le font',
    en: () => 'you cannot decide your own request: your manager or HR does',
  },
  AGENT_NOT_IN_TEAM: {
    fr: () => 'cet agent n’est pas dans votre équipe',
    en: () => 'this agent is not in your team',
  },
  NOT_THE_ASKER: {
    fr: () => 'seul l’agent qui a fait la demande peut l’annuler',
    en: () => 'only the agent who asked can cancel its request',
  },
  REQUEST_NOT_PENDING: {
    fr: (f, m) => `la demande est ${statusFr(m.status, f.status)} : seule une demande en attente peut être décidée`,
    en: (f) => `the request is ${f.status}: only a PENDING request can be decided`,
  },
  REQUEST_NOT_CANCELLABLE: {
    fr: (f, m) => `la demande est ${statusFr(m.status, f.status)} : seule une demande en attente ou approuvée peut être annulée`,
    en: (f) => `the request is ${f.status}: only a PENDING or APPROVED request can be cancelled`,
  },
  HALF_DAY_PASSED: {
    fr: (f) => `la demi-journée du ${f.halfDay} est passée (nous sommes le ${f.today})`,
    en: (f) => `the half-day ${f.halfDay} has passed (today is ${f.today})`,
  },
  CALENDAR_LINK_UNKNOWN: {
    fr: () => 'lien d’agenda inconnu : il a peut-être été renouvelé',
    en: () => 'unknown calendar link: it may have been renewed',
  },
  DATE_IN_PAST: {
    fr: (f) => `ne doit pas être dans le passé (nous sommes le ${f.today})`,
    en: (f) => `must not be in the past (today is ${f.today})`,
  },
  DATE_TOO_FAR: {
    fr: (f) => `doit être au plus ${f.days} jours à l’avance (le ${f.last} au plus tard)`,
    en: (f) => `must be at most ${f.days} days ahead (on or before ${f.last})`,
  },
  DATE_AND_RANGE_MIXED: {
    fr: () => 'ne peut pas être combiné avec date et period',
    en: () => 'cannot be combined with date and period',
  },
  DATE_OR_RANGE_REQUIRED: {
    fr: () => 'indiquez une date et une demi-journée, ou une période du … au …',
    en: () => 'give date and period, or a range from … to',
  },
  RANGE_END_BEFORE_START: {
    fr: (f) => `ne doit pas précéder la date de début (${f.from})`,
    en: (f) => `must not be before from (${f.from})`,
  },
  RANGE_TOO_LONG: {
    fr: (f, m) => (m.days !== undefined ? `la période couvre ${f.days} jours, au plus ${f.max}` : `la période peut couvrir au plus ${f.max} jours`),
    en: (f, m) => (m.days !== undefined ? `the range covers ${f.days} days, at most ${f.max}` : `the range may cover at most ${f.max} days`),
  },
  NO_WORKING_HALF_DAY: {
    fr: (f) => `aucune demi-journée travaillée entre le ${f.from} et le ${f.to}`,
    en: (f) => `no working half-day of yours between ${f.from} and ${f.to}`,
  },
};

registerMessages(REQUESTS_PROBLEM_MESSAGES);

/**
 * What a cancellation did to the published plan (kept in the request's history, the audit and
 * the cancel answer): the half-day goes back to what the published rotation says.
 */
export type PlanChange =
  | { code: 'PLAN_KEPT_REMOTE' }
  | { code: 'PLAN_BACK_ON_SITE' }
  | { code: 'PLAN_BACK_TO_REMOTE' }
  | { code: 'PLAN_STAYS_ON_SITE'; refusal: Refusal };

export type PlanChangeCode = PlanChange['code'];

export const PLAN_CHANGE_MESSAGES: MessageCatalogue<PlanChange> = {
  PLAN_KEPT_REMOTE: {
    fr: () => 'télétravail prévu par la rotation : le planning garde la demi-journée en télétravail',
    en: () => 'remote by the rotation: the plan keeps the half-day remote',
  },
  PLAN_BACK_ON_SITE: {
    fr: () => 'de retour sur site dans le planning : la place est libérée',
    en: () => 'back on site in the plan: the seat is freed',
  },
  PLAN_BACK_TO_REMOTE: {
    fr: () => 'de nouveau en télétravail selon la rotation',
    en: () => 'back to remote by the rotation',
  },
  PLAN_STAYS_ON_SITE: {
    fr: (f) => `reste sur site pour l’instant (${f.refusal}) : l’allocation de nuit la replanifiera`,
    en: (f) => `stays on site for now (${f.refusal}): the nightly run will re-plan it`,
  },
};

registerMessages(PLAN_CHANGE_MESSAGES);
