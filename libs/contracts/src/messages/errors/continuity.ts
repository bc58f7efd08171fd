import type { ContinuityEventStatus } from '../../continuity';
import type { HalfDayPeriod } from '../../enums';
import { formatMessagePeriod, MessageCatalogue, registerMessages } from '../format';

/**
 * Refusals of the API's continuity events (POST/PATCH/DELETE /api/continuity-events, activate,
 * end, impact), and what a continuity run says of itself. Dates are ISO dates.
 *
 * Codes defined elsewhere are reused, not worded again: an unknown site, pool, agent or org unit
 * is `UNKNOWN_REFERENCE`, a value listed twice `DUPLICATE_ITEMS`, a weekly max outside 1..10
 * `TOO_SMALL` / `TOO_LARGE` (api-errors.ts), an event too long `RANGE_TOO_LONG` (requests.ts),
 * a run without a published rotation `RUN_NO_PUBLISHED_ROTATION` (runs.ts).
 */
export type ContinuityProblem =
  // not found (404)
  | { code: 'CONTINUITY_EVENT_NOT_FOUND'; id?: string }
  // checks of one field (400, inside INVALID_FIELDS)
  /** the last half-day (`to`, `toPeriod`) comes before the first one (`from`, `fromPeriod`) */
  | { code: 'CONTINUITY_END_BEFORE_START'; from: string; fromPeriod: HalfDayPeriod }
  // refusals of a whole request (409)
  /** only a DRAFT can be deleted or activated; `meanwhile` when it changed during the request */
  | { code: 'CONTINUITY_EVENT_NOT_DRAFT'; status: ContinuityEventStatus; action: 'delete' | 'activate'; meanwhile?: boolean }
  /** only an ACTIVE event can be ended */
  | { code: 'CONTINUITY_EVENT_NOT_ACTIVE'; status: ContinuityEventStatus; action: 'end'; meanwhile?: boolean }
  /** an ENDED event is history: it can no longer be edited */
  | { code: 'CONTINUITY_EVENT_ENDED'; action: 'edit' }
  /** the event's last day `to` is before `today`: nothing is left to replan */
  | { code: 'CONTINUITY_EVENT_OVER'; to: string; today: string };

export type ContinuityProblemCode = ContinuityProblem['code'];

/** What a continuity run says of itself, beside the run's and the plan's warnings (`allocation_runs.coded_warnings`). */
export type ContinuityRunWarning =
  /** the run replanned from `from` although the freeze window lasts until `until`: an event overrides it */
  { code: 'RUN_FREEZE_OVERRIDDEN'; from: string; until: string };

export type ContinuityRunWarningCode = ContinuityRunWarning['code'];

const STATUS_FR: Record<ContinuityEventStatus, string> = { DRAFT: 'brouillon', ACTIVE: 'actif', ENDED: 'terminé' };
const STATUS_EN: Record<ContinuityEventStatus, string> = { DRAFT: 'a draft', ACTIVE: 'active', ENDED: 'ended' };
const ACTION_FR = { delete: 'supprimé', activate: 'activé', end: 'terminé', edit: 'modifié' } as const;

export const CONTINUITY_PROBLEM_MESSAGES: MessageCatalogue<ContinuityProblem> = {
  CONTINUITY_EVENT_NOT_FOUND: { fr: () => 'événement de continuité introuvable', en: () => 'continuity event not found' },
  CONTINUITY_END_BEFORE_START: {
    fr: (f, m, style) => `la fin de l’événement ne doit pas précéder son début` +
      (m.from ? ` (${f.from}${m.fromPeriod ? ` ${formatMessagePeriod(m.fromPeriod, 'fr', style)}` : ''})` : ''),
    en: (f, m, style) => `the event must not end before it starts` +
      (m.from ? ` (${f.from}${m.fromPeriod ? ` ${formatMessagePeriod(m.fromPeriod, 'en', style)}` : ''})` : ''),
  },
  CONTINUITY_EVENT_NOT_DRAFT: {
    fr: (_f, m) => {
      const status = STATUS_FR[m.status] ?? m.status ?? '';
      return m.meanwhile
        ? `cet événement est passé à l’état « ${status} » entre-temps : seul un brouillon peut être ${ACTION_FR[m.action] ?? 'modifié'}`
        : `seul un brouillon peut être ${ACTION_FR[m.action] ?? 'modifié'} ; cet événement est à l’état « ${status} »`;
    },
    en: (_f, m) => {
      const status = STATUS_EN[m.status] ?? m.status ?? '';
      const verb = m.action === 'delete' ? 'deleted' : 'activated';
      return m.meanwhile ? `this event became ${status} meanwhile: only a draft can be ${verb}` : `only a draft can be ${verb}; this event is ${status}`;
    },
  },
  CONTINUITY_EVENT_NOT_ACTIVE: {
    fr: (_f, m) => {
      const status = STATUS_FR[m.status] ?? m.status ?? '';
      return m.meanwhile
        ? `cet événement est passé à l’état « ${status} » entre-temps : seul un événement actif peut être terminé`
        : `seul un événement actif peut être terminé ; cet événement est à l’état « ${status} »`;
    },
    en: (_f, m) => {
      const status = STATUS_EN[m.status] ?? m.status ?? '';
      return m.meanwhile ? `this event became ${status} meanwhile: only an active event can be ended` : `only an active event can be ended; this event is ${status}`;
    },
  },
  CONTINUITY_EVENT_ENDED: {
    fr: () => 'cet événement est terminé : il ne peut plus être modifié (déclarez-en un nouveau)',
    en: () => 'this event has ended: it can no longer be edited (declare a new one)',
  },
  CONTINUITY_EVENT_OVER: {
    fr: (f) => `cet événement s’est terminé le ${f.to} : il n’y a plus rien à replanifier (nous sommes le ${f.today})`,
    en: (f) => `this event ended on ${f.to}: nothing is left to replan (today is ${f.today})`,
  },
};

export const CONTINUITY_RUN_WARNING_MESSAGES: MessageCatalogue<ContinuityRunWarning> = {
  RUN_FREEZE_OVERRIDDEN: {
    fr: (f) => `plan de continuité : les demi-journées à partir du ${f.from} sont replanifiées malgré la période de gel (jusqu’au ${f.until})`,
    en: (f) => `continuity plan: half-days from ${f.from} are replanned although the freeze window lasts until ${f.until}`,
  },
};

registerMessages(CONTINUITY_PROBLEM_MESSAGES);
registerMessages(CONTINUITY_RUN_WARNING_MESSAGES);
