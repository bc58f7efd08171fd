import type { HalfDayPeriod } from '../enums';
import { formatMessageNumber, MessageCatalogue, registerMessages } from './format';

/**
 * Continuity mode (strikes, site closures, crises): why an agent is left without a workplace on
 * a half-day of a continuity event (plan `noWorkplace[].why`, assignment `reason`), and what an
 * event's plan could not meet. `site` is the site's name (its id when it has none), `siteCapacity`
 * the desks the event leaves there (0: closed), `event` the event's label; `pool` a pool id.
 */
export type NoWorkplaceWhy =
  /** no desk left and the agent may not telework */
  | { code: 'NO_WORKPLACE_NOT_ELIGIBLE'; event: string; site: string; siteCapacity: number; date: string; period: HalfDayPeriod }
  /** no desk left and the agent's pool has no seat: `used` of `capacity` (with `reserved` seats for events) */
  | {
      code: 'NO_WORKPLACE_POOL_FULL'; event: string; site: string; siteCapacity: number; date: string; period: HalfDayPeriod;
      pool: string; used: number; capacity: number; reserved: number;
    }
  /** no desk left and the STANDARD share of the pool is full: `used` of `open` = `capacity` − `reserve` */
  | {
      code: 'NO_WORKPLACE_STANDARD_SHARE'; event: string; site: string; siteCapacity: number; date: string; period: HalfDayPeriod;
      pool: string; used: number; open: number; capacity: number; reserve: number;
    }
  /** no desk left and the agent already teleworks its weekly max `max` in ISO week `week` */
  | {
      code: 'NO_WORKPLACE_WEEKLY_MAX'; event: string; site: string; siteCapacity: number; date: string; period: HalfDayPeriod;
      max: number; week: number;
    };

export type NoWorkplaceCode = NoWorkplaceWhy['code'];

/** What a plan with continuity events could not meet (joins `plan.codedWarnings`). */
export type ContinuityWarning =
  /** the agents who must stay on site exceed the site's event capacity by themselves */
  | {
      code: 'EVENT_ON_SITE_OVER_CAPACITY'; event: string; site: string; date: string; period: HalfDayPeriod;
      onSite: number; siteCapacity: number;
    }
  /** agent-half-days without a workplace during an event, `agents` distinct agents */
  | { code: 'EVENT_NO_WORKPLACE'; event: string; count: number; agents: number };

export type ContinuityWarningCode = ContinuityWarning['code'];

/** "site S01 fermé" / "site S01 complet (40 postes)": the desks the event leaves there */
function closedOr(capacity: number | undefined, site: string, fr: boolean): string {
  if (capacity === 0) return fr ? `site ${site} fermé` : `site ${site} closed`;
  if (typeof capacity !== 'number') return fr ? `site ${site} complet` : `site ${site} full`;
  return fr
    ? `site ${site} complet (${formatMessageNumber(capacity, 'fr')} postes)`
    : `site ${site} full (${formatMessageNumber(capacity, 'en')} desks)`;
}

export const NO_WORKPLACE_MESSAGES: MessageCatalogue<NoWorkplaceWhy> = {
  NO_WORKPLACE_NOT_ELIGIBLE: {
    fr: (f, m) => `sans poste de travail le ${f.halfDay} (${f.event}) : ${closedOr(m.siteCapacity, f.site, true)}, agent non éligible au télétravail`,
    en: (f, m) => `no workplace on ${f.halfDay} (${f.event}): ${closedOr(m.siteCapacity, f.site, false)}, agent not telework-eligible`,
  },
  NO_WORKPLACE_POOL_FULL: {
    fr: (f, m) => `sans poste de travail le ${f.halfDay} (${f.event}) : ${closedOr(m.siteCapacity, f.site, true)}, ` +
      `${f.pool} complet : ${f.used} places sur ${f.capacity}` + (m.reserved > 0 ? `, dont ${f.reserved} réservées` : ''),
    en: (f, m) => `no workplace on ${f.halfDay} (${f.event}): ${closedOr(m.siteCapacity, f.site, false)}, ` +
      `${f.pool} pool full: ${f.used} of ${f.capacity} seats` + (m.reserved > 0 ? ` (${f.reserved} reserved)` : ''),
  },
  NO_WORKPLACE_STANDARD_SHARE: {
    fr: (f, m) => `sans poste de travail le ${f.halfDay} (${f.event}) : ${closedOr(m.siteCapacity, f.site, true)}, ` +
      `part des agents standard de ${f.pool} pleine : ${f.used} places sur ${f.open} (capacité ${f.capacity}, réserve ${f.reserve})`,
    en: (f, m) => `no workplace on ${f.halfDay} (${f.event}): ${closedOr(m.siteCapacity, f.site, false)}, ` +
      `${f.pool} STANDARD share full: ${f.used} of ${f.open} seats (capacity ${f.capacity} minus reserve ${f.reserve})`,
  },
  NO_WORKPLACE_WEEKLY_MAX: {
    fr: (f, m) => `sans poste de travail le ${f.halfDay} (${f.event}) : ${closedOr(m.siteCapacity, f.site, true)}, ` +
      `plafond de ${f.max} demi-journées de télétravail atteint en semaine ${f.week}`,
    en: (f, m) => `no workplace on ${f.halfDay} (${f.event}): ${closedOr(m.siteCapacity, f.site, false)}, ` +
      `weekly max of ${f.max} remote half-days reached in week ${f.week}`,
  },
};

export const CONTINUITY_WARNING_MESSAGES: MessageCatalogue<ContinuityWarning> = {
  EVENT_ON_SITE_OVER_CAPACITY: {
    fr: (f) => `${f.event} : ${f.onSite} agents doivent rester sur le site ${f.site} le ${f.halfDay}, ` +
      `au-delà de ses ${f.siteCapacity} postes pendant l’événement`,
    en: (f) => `${f.event}: ${f.onSite} agents must stay on site ${f.site} on ${f.halfDay}, above its ${f.siteCapacity} desks during the event`,
  },
  EVENT_NO_WORKPLACE: {
    fr: (f) => `${f.event} : ${f.count} demi-journées sans poste de travail, pour ${f.agents} agents`,
    en: (f) => `${f.event}: ${f.count} agent-half-days without a workplace, ${f.agents} agents`,
  },
};

registerMessages(NO_WORKPLACE_MESSAGES);
registerMessages(CONTINUITY_WARNING_MESSAGES);

export const NO_WORKPLACE_CODES = Object.keys(NO_WORKPLACE_MESSAGES) as NoWorkplaceCode[];
