import type { HalfDayPeriod } from '../enums';
import { MessageCatalogue, registerMessages } from './format';

/**
 * Why a half-day was not granted: one definition for the engine (plan `refusal`), the API's
 * instant grant and the stored requests. Figures are numbers as counted; `pool` is a pool code.
 */
export type NotWorkingWhy = 'OUTSIDE_HORIZON' | 'CLOSED' | 'PUBLIC_HOLIDAY' | 'WEEKEND' | 'PART_TIME';

export type Refusal =
  | { code: 'NOT_ELIGIBLE'; agent?: string }
  | { code: 'NOT_WORKING'; why?: NotWorkingWhy; agent?: string; date?: string; period?: HalfDayPeriod; horizonFrom?: string; horizonTo?: string }
  | { code: 'WEEKLY_MAX'; max: number; week: number }
  | { code: 'POOL_FULL'; pool: string; date: string; period: HalfDayPeriod; used: number; capacity: number; reserved: number }
  | { code: 'STANDARD_SHARE_FULL'; pool: string; date: string; period: HalfDayPeriod; used: number; open: number; capacity: number; reserve: number }
  | { code: 'ON_SITE_REQUEST'; agent: string; date: string; period: HalfDayPeriod }
  | { code: 'ALREADY_ON_SITE' }
  | { code: 'ALREADY_REMOTE' }
  | { code: 'WAITING_NIGHTLY' }
  /** an approval on a half-day of an ACTIVE continuity event `event` (its label): the event's run decides it, not the instant grant */
  | { code: 'WAITING_CONTINUITY'; event: string; date: string; period: HalfDayPeriod }
  | { code: 'REQUEST_EXISTS'; status: 'PENDING' | 'APPROVED'; date?: string; period?: HalfDayPeriod; requestId?: string }
  /** continuity event `event` (its label): the agent must stay on site on that half-day (a REMOTE request refused) */
  | { code: 'EVENT_ON_SITE'; event: string; date: string; period: HalfDayPeriod }
  /** continuity event `event`: no desk left at site `site` (name), `siteCapacity` desks during the event (an ON_SITE request refused) */
  | { code: 'EVENT_SITE_FULL'; event: string; site: string; siteCapacity: number; date: string; period: HalfDayPeriod };

export type RefusalCode = Refusal['code'];

const NOT_WORKING_FR: Record<NotWorkingWhy, string> = {
  OUTSIDE_HORIZON: 'hors de la période planifiée',
  CLOSED: 'jour fermé',
  PUBLIC_HOLIDAY: 'jour férié',
  WEEKEND: 'week-end',
  PART_TIME: 'temps partiel',
};
const NOT_WORKING_EN: Record<NotWorkingWhy, string> = {
  OUTSIDE_HORIZON: 'outside the planned period',
  CLOSED: 'closed day',
  PUBLIC_HOLIDAY: 'public holiday',
  WEEKEND: 'weekend',
  PART_TIME: 'part-time',
};

/** The engine's record wording of a half-day not worked (DESIGN.md). */
function notWorkingRecord(m: Extract<Refusal, { code: 'NOT_WORKING' }>): string {
  const at = [m.date, m.period].filter(Boolean).join(' ');
  switch (m.why) {
    case 'OUTSIDE_HORIZON': return `${m.date} is outside the horizon ${m.horizonFrom} to ${m.horizonTo}`;
    case 'CLOSED': return `${m.date} is closed`;
    case 'PUBLIC_HOLIDAY': return m.date ? `${m.date} is a public holiday` : 'public holiday';
    case 'WEEKEND': return m.date ? `${m.date} is a weekend day` : 'weekend';
    case 'PART_TIME': return m.agent ? `${m.agent} is off on ${at}` : 'off (part-time)';
    default: return '';
  }
}

export const REFUSAL_MESSAGES: MessageCatalogue<Refusal> = {
  NOT_ELIGIBLE: {
    fr: () => 'agent non éligible au télétravail',
    en: (f, m) => (m.agent ? `agent not eligible: ${f.agent} is not telework-eligible` : 'agent not eligible'),
  },
  NOT_WORKING: {
    fr: (f, m) => `demi-journée non travaillée${m.date ? ` le ${f.halfDay}` : ''}${m.why ? ` (${NOT_WORKING_FR[m.why]})` : ''}`,
    en: (f, m, style) => {
      if (style === 'record') {
        const detail = notWorkingRecord(m);
        return detail ? `not a working half-day: ${detail}` : 'not a working half-day';
      }
      return `not a working half-day${m.date ? ` on ${f.halfDay}` : ''}${m.why ? ` (${NOT_WORKING_EN[m.why]})` : ''}`;
    },
  },
  WEEKLY_MAX: {
    fr: (f) => `plafond de ${f.max} demi-journées de télétravail atteint en semaine ${f.week}`,
    en: (f) => `weekly max of ${f.max} half-days reached in week ${f.week}`,
  },
  POOL_FULL: {
    fr: (f, m) => `${f.pool} complet le ${f.halfDay} : ${f.used} places prises sur ${f.capacity}` +
      (m.reserved > 0 ? `, dont ${f.reserved} réservées pour des événements` : ''),
    en: (f, m) => `${f.pool} full on ${f.halfDay}: ${f.used} of ${f.capacity} seats` +
      (m.reserved > 0 ? ` (${f.reserved} reserved for events)` : ''),
  },
  STANDARD_SHARE_FULL: {
    fr: (f) => `part des agents standard de ${f.pool} pleine le ${f.halfDay} : ${f.used} places sur ${f.open} ` +
      `(capacité ${f.capacity}, dont ${f.reserve} gardées pour les élus, directions et agents essentiels)`,
    en: (f) => `${f.pool} STANDARD share full on ${f.halfDay}: ${f.used} of ${f.open} seats ` +
      `(capacity ${f.capacity} minus ${f.reserve} kept for ELECTED, DIRECTOR and ESSENTIAL agents)`,
  },
  ON_SITE_REQUEST: {
    fr: (f) => `une présence sur site approuvée couvre le ${f.halfDay}`,
    en: (f) => `an approved ON_SITE request of ${f.agent} covers ${f.halfDay}`,
  },
  ALREADY_ON_SITE: { fr: () => 'déjà sur site dans le planning publié', en: () => 'already on site in the published plan' },
  ALREADY_REMOTE: { fr: () => 'déjà en télétravail dans le planning publié', en: () => 'already remote in the published plan' },
  WAITING_NIGHTLY: { fr: () => 'en attente de l’allocation de nuit', en: () => 'waiting for the nightly allocation' },
  WAITING_CONTINUITY: {
    fr: (f) => `en attente du calcul du plan de continuité « ${f.event} » qui couvre le ${f.halfDay}`,
    en: (f) => `waiting for the run of continuity plan “${f.event}” covering ${f.halfDay}`,
  },
  REQUEST_EXISTS: {
    fr: (f, m) => `une demande ${m.status === 'PENDING' ? 'en attente' : 'approuvée'} existe déjà${m.date ? ` pour le ${f.halfDay}` : ''}`,
    en: (f, m) => `${m.date ? `${f.halfDay}: ` : ''}a ${f.status} request already exists`,
  },
  EVENT_ON_SITE: {
    fr: (f) => `présence sur site requise le ${f.halfDay} (${f.event})`,
    en: (f) => `must stay on site on ${f.halfDay} (${f.event})`,
  },
  EVENT_SITE_FULL: {
    fr: (f, m) => `${m.siteCapacity === 0 ? `site ${f.site} fermé` : `site ${f.site} complet (${f.siteCapacity} postes)`} le ${f.halfDay} (${f.event})`,
    en: (f, m) => `${m.siteCapacity === 0 ? `site ${f.site} closed` : `site ${f.site} full (${f.siteCapacity} desks)`} on ${f.halfDay} (${f.event})`,
  },
};

registerMessages(REFUSAL_MESSAGES);

export const REFUSAL_CODES = Object.keys(REFUSAL_MESSAGES) as RefusalCode[];

export function isRefusal(value: unknown): value is Refusal {
  return !!value && typeof value === 'object' && REFUSAL_CODES.includes((value as Refusal).code);
}
