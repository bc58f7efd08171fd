import type { HalfDayPeriod } from '../../enums';
import type { RotationCalendarStatus } from '../../planning-ops';
import { formatMessageDate, formatMessageNumber, formatMessagePeriod, MessageCatalogue, MessageStyle, registerMessages } from '../format';

const count = (n: number, locale: 'fr' | 'en', style: MessageStyle): string => formatMessageNumber(n, locale, style);

/**
 * Refusals of the API's capacity area (pools, reservations, the capacity view, snapshots and
 * what-if, rotation calendars, allocation runs): one code per case, its figures, its words in
 * both languages. `pool` is a pool code (VDI, VPN); dates are ISO dates.
 *
 * Codes defined elsewhere are reused, not worded again: a date that is not worked is
 * `NOT_WORKING` (reasons.ts), an unknown reference `UNKNOWN_REFERENCE`, a value outside a list
 * `NOT_ALLOWED`, a concurrent edit `CONCURRENT_CHANGE` (api-errors.ts), a range of dates
 * reversed or too long `RANGE_END_BEFORE_START` / `RANGE_TOO_LONG` (requests.ts), a weekly
 * minimum above the maximum `WEEKLY_MIN_ABOVE_MAX` (directory.ts).
 */

/** A half-day where seats reserved for events exceed what the pool keeps outside its reserve. */
export interface ReservedAboveOpenHalfDay {
  date: string;
  period: HalfDayPeriod;
  reserved: number;
  capacity: number;
  reserve: number;
}

export type CapacityProblem =
  // not found (404)
  | { code: 'POOL_NOT_FOUND'; id?: string }
  | { code: 'RESERVATION_NOT_FOUND'; id?: string }
  | { code: 'ROTATION_CALENDAR_NOT_FOUND'; id?: string }
  | { code: 'ALLOCATION_RUN_NOT_FOUND'; id?: string }
  | { code: 'RUN_SNAPSHOT_NOT_STORED'; id?: string }
  // checks of one field (400, inside INVALID_FIELDS)
  /** a pool's dated capacity given twice for one date; `index` is the first one's */
  | { code: 'CAPACITY_CHANGE_DATE_REPEATED'; date: string; index: number }
  /** a reserve above the capacity (the base one, or a dated one from `from`, `more` others too) */
  | { code: 'RESERVE_ABOVE_CAPACITY'; reserve: number; capacity: number; pool?: string; from?: string; more?: number }
  /** the what-if needs `from` and `to` when no snapshot is given */
  | { code: 'RANGE_OR_SNAPSHOT_REQUIRED' }
  /** the what-if takes a snapshot or a range, not both */
  | { code: 'SNAPSHOT_OR_RANGE_NOT_BOTH' }
  // refusals of a whole request (409, 400, 422)
  /** a reservation needs more seats than the half-day has: REMOTE agents + reserved + asked > capacity */
  | {
      code: 'RESERVATION_OVER_CAPACITY'; pool: string; date: string; period: HalfDayPeriod;
      used: number; seats: number; capacity: number; reserve: number; remote: number; standardRemote: number; reserved: number;
    }
  /** a reservation needs more seats than the half-day keeps outside its reserve */
  | {
      code: 'RESERVATION_OVER_STANDARD_SHARE'; pool: string; date: string; period: HalfDayPeriod;
      used: number; seats: number; open: number; capacity: number; reserve: number; remote: number; standardRemote: number; reserved: number;
    }
  /** a pool edit would leave seats reserved for events above capacity − reserve on `count` half-days (the first 10 listed) */
  | { code: 'RESERVATIONS_ABOVE_OPEN_SEATS'; pool: string; count: number; halfDays: ReservedAboveOpenHalfDay[] }
  /** only a draft calendar can be edited or published; `meanwhile` when it changed during the request */
  | { code: 'ROTATION_NOT_DRAFT'; status: RotationCalendarStatus; action: 'edit' | 'publish'; meanwhile?: boolean }
  /** another calendar of the range was published while this one was being published */
  | { code: 'ROTATION_PUBLISHED_MEANWHILE'; version: number; from: string; to: string }
  /** the rotation breaks `count` hard rules by itself (each one in `errors`); `published` for the published one under what-if figures */
  | { code: 'ROTATION_BREAKS_RULES'; count: number; published?: boolean }
  /** a snapshot given in a request body is not a valid planning snapshot (each error in `errors`) */
  | { code: 'SNAPSHOT_INVALID'; count: number }
  /** the stored data of a period does not make a valid planning snapshot (each error in `errors`) */
  | { code: 'STORED_DATA_INVALID'; count: number }
  /** the what-if overrides make the snapshot invalid (e.g. reservations above a lowered capacity) */
  | { code: 'OVERRIDES_MAKE_SNAPSHOT_INVALID'; count: number }
  /**
   * A finding of the engine without a code, `detail` its English sentence. None is left: the
   * engine's snapshot errors (`SnapshotProblem`) and rotation conflicts (`RotationConflict`,
   * messages/engine.ts) travel with their own codes and figures, so no producer is left: new code
   * must not use it. It stays registered until its sample in the API's capacity-problems.spec.ts
   * goes with it.
   */;

export type CapacityProblemCode = CapacityProblem['code'];

const STATUS_FR: Record<RotationCalendarStatus, string> = { DRAFT: 'brouillon', PUBLISHED: 'publié', SUPERSEDED: 'remplacé' };


function reservedAboveOpen(halfDays: ReservedAboveOpenHalfDay[] | undefined, locale: 'fr' | 'en', style: MessageStyle): string {
  return (halfDays ?? []).map((h) => {
    const at = `${formatMessageDate(h.date, locale, style)} ${formatMessagePeriod(h.period, locale, style)}`;
    const open = count(Math.max(0, h.capacity - h.reserve), locale, style);
    const [reserved, capacity, reserve] = [h.reserved, h.capacity, h.reserve].map((n) => count(n, locale, style));
    return locale === 'fr'
      ? `${at} : ${reserved} places réservées pour ${open} hors réserve (capacité ${capacity}, réserve ${reserve})`
      : `${at}: ${reserved} seats reserved for ${open} outside the reserve (capacity ${capacity}, reserve ${reserve})`;
  }).join(locale === 'fr' ? ' ; ' : '; ');
}

export const CAPACITY_PROBLEM_MESSAGES: MessageCatalogue<CapacityProblem> = {
  POOL_NOT_FOUND: { fr: () => 'pool de capacité introuvable', en: () => 'capacity pool not found' },
  RESERVATION_NOT_FOUND: { fr: () => 'réservation introuvable', en: () => 'reservation not found' },
  ROTATION_CALENDAR_NOT_FOUND: { fr: () => 'calendrier de rotation introuvable', en: () => 'rotation calendar not found' },
  ALLOCATION_RUN_NOT_FOUND: { fr: () => 'exécution d’allocation introuvable', en: () => 'allocation run not found' },
  RUN_SNAPSHOT_NOT_STORED: {
    fr: () => 'cette exécution d’allocation n’a pas encore enregistré son instantané de planification',
    en: () => 'the allocation run has not stored its snapshot yet',
  },

  CAPACITY_CHANGE_DATE_REPEATED: {
    fr: (f, m) => `le ${f.date} est déjà donné${typeof m.index === 'number' ? ` à la ligne ${m.index + 1}` : ''}`,
    en: (f, m) => `${f.date} is already given${typeof m.index === 'number' ? ` at capacityChanges[${m.index}]` : ''}`,
  },
  RESERVE_ABOVE_CAPACITY: {
    fr: (f, m) => `la réserve${m.pool ? ` de ${f.pool}` : ''} (${f.reserve}) ne peut pas dépasser la capacité` +
      (m.from ? ` de ${f.capacity} à partir du ${f.from}` : ` (${f.capacity})`) +
      (m.more ? ` (et ${f.more} autre${m.more > 1 ? 's' : ''} capacité${m.more > 1 ? 's' : ''} datée${m.more > 1 ? 's' : ''})` : ''),
    en: (f, m) => (m.pool ? `the ${f.pool} reserve of ${f.reserve} must not exceed its capacity` : 'must not exceed the capacity') +
      (m.from ? ` of ${f.capacity} from ${f.from}` : m.pool ? ` of ${f.capacity}` : ` (${f.reserve} > ${f.capacity})`) +
      (m.more ? ` (and ${f.more} more dated capacities)` : ''),
  },
  RANGE_OR_SNAPSHOT_REQUIRED: {
    fr: () => 'est obligatoire quand aucun instantané n’est fourni',
    en: () => 'is required when no snapshot is given',
  },
  SNAPSHOT_OR_RANGE_NOT_BOTH: {
    fr: () => 'donnez soit un instantané, soit from et to, pas les deux',
    en: () => 'give either a snapshot or from and to, not both',
  },

  RESERVATION_OVER_CAPACITY: {
    fr: (f) => `places insuffisantes sur ${f.pool} le ${f.halfDay} : ${f.used} prises + ${f.seats} demandées pour ${f.capacity} places`,
    en: (f) => `${f.pool} full on ${f.halfDay}: ${f.used} + ${f.seats} of ${f.capacity} seats`,
  },
  RESERVATION_OVER_STANDARD_SHARE: {
    fr: (f) => `places insuffisantes hors réserve sur ${f.pool} le ${f.halfDay} : ${f.used} prises + ${f.seats} demandées ` +
      `pour ${f.open} places (${f.reserve} des ${f.capacity} sont gardées pour les élus, directions et agents essentiels)`,
    en: (f) => `${f.pool} full outside its reserve on ${f.halfDay}: ${f.used} + ${f.seats} of ${f.open} seats ` +
      `(${f.reserve} of ${f.capacity} are kept for priority agents)`,
  },
  RESERVATIONS_ABOVE_OPEN_SEATS: {
    fr: (f, m, style) => {
      const n = m.count ?? 0;
      const listed = reservedAboveOpen(m.halfDays, 'fr', style);
      return `${f.pool} : cette modification laisse des places réservées pour des événements au-delà de ce que le pool ` +
        `garde hors réserve sur ${f.count} demi-journée${n > 1 ? 's' : ''}` +
        (listed ? ` (${listed}${n > (m.halfDays ?? []).length ? ' ; …' : ''})` : '') +
        ' ; déplacez ou supprimez d’abord ces réservations';
    },
    en: (f, m, style) => {
      const n = m.count ?? 0;
      const listed = reservedAboveOpen(m.halfDays, 'en', style);
      return `${f.pool}: this change leaves seats reserved for events above what the pool keeps outside its reserve on ` +
        `${f.count} half-day${n === 1 ? '' : 's'}` +
        (listed ? ` (${listed}${n > (m.halfDays ?? []).length ? '; …' : ''})` : '') +
        '; move or delete those reservations first';
    },
  },
  ROTATION_NOT_DRAFT: {
    fr: (_f, m) => {
      const verb = m.action === 'publish' ? 'publié' : 'modifié';
      const status = STATUS_FR[m.status] ?? m.status ?? '';
      return m.meanwhile
        ? `ce calendrier est passé à l’état « ${status} » entre-temps : seul un brouillon peut être ${verb}`
        : `seul un brouillon peut être ${verb} ; ce calendrier est à l’état « ${status} »`;
    },
    en: (f, m) => {
      const verb = m.action === 'publish' ? 'published' : 'edited';
      return m.meanwhile
        ? `this calendar was ${f.status} meanwhile: only a draft can be ${verb}`
        : `only a draft can be ${verb}; this calendar is ${f.status}`;
    },
  },
  ROTATION_PUBLISHED_MEANWHILE: {
    fr: (f) => `la version ${f.version} du calendrier de rotation (du ${f.from} au ${f.to}) a été publiée entre-temps ` +
      'sur cette période : rechargez, puis publiez de nouveau ce brouillon s’il doit la remplacer',
    en: (f) => `rotation calendar version ${f.version} (${f.from} → ${f.to}) was published meanwhile for this range: ` +
      'reload, and publish this draft again if it should replace it',
  },
  ROTATION_BREAKS_RULES: {
    fr: (f, m) => `${m.published ? 'la rotation publiée, avec ces chiffres,' : 'la rotation'} enfreint ` +
      `${f.count || 'des'} règle${m.count === 1 ? '' : 's'} impérative${m.count === 1 ? '' : 's'}`,
    en: (f, m) => `${m.published ? 'with these figures the published rotation' : 'the rotation'} breaks ` +
      `${f.count || 'some'} hard rule${m.count === 1 ? '' : 's'}`,
  },
  SNAPSHOT_INVALID: {
    fr: () => 'l’instantané fourni n’est pas un instantané de planification valide (schéma v1)',
    en: () => 'the snapshot is not a valid planning snapshot (schema v1)',
  },
  STORED_DATA_INVALID: {
    fr: () => 'les données enregistrées de cette période ne forment pas un instantané de planification valide',
    en: () => 'the stored data of this period does not make a valid planning snapshot',
  },
  OVERRIDES_MAKE_SNAPSHOT_INVALID: {
    fr: () => 'avec ces modifications, l’instantané n’est plus valide',
    en: () => 'the snapshot with the overrides is not valid',
  },
};

registerMessages(CAPACITY_PROBLEM_MESSAGES);
