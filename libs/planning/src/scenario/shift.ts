import { addDays, daysBetween, isoWeekday } from '../calendar/dates';
import { frenchPublicHolidays } from '../calendar/public-holidays';
import type { DepartementScenario } from './departement';

/**
 * The same scenario moved to start on another Monday: every date moves by the same whole
 * number of weeks (so weekdays, part-time days and the strike day's weekday stay), and the
 * closed dates become the public holidays of the new horizon; continuity events move with the
 * rest. The demo uses it to start on the coming Monday whatever the day it is installed.
 */
export function shiftScenario(scenario: DepartementScenario, from: string): DepartementScenario {
  const { snapshot } = scenario;
  if (isoWeekday(from) !== 1) throw new Error(`shiftScenario: ${from} is not a Monday`);
  const delta = daysBetween(snapshot.horizon.from, from);
  if (delta % 7 !== 0) throw new Error(`shiftScenario: the scenario does not start on a Monday (${snapshot.horizon.from})`);
  if (delta === 0) return scenario;
  const move = (date: string) => addDays(date, delta);
  const horizon = { from: move(snapshot.horizon.from), to: move(snapshot.horizon.to) };
  return {
    ...scenario,
    snapshot: {
      ...snapshot,
      horizon,
      closedDates: frenchPublicHolidays(horizon.from, horizon.to),
      pools: snapshot.pools.map((pool) => ({
        ...pool,
        ...(pool.capacityChanges ? { capacityChanges: pool.capacityChanges.map((c) => ({ ...c, from: move(c.from) })) } : {}),
      })),
      ...(snapshot.rotation ? { rotation: snapshot.rotation.map((cell) => ({ ...cell, date: move(cell.date) })) } : {}),
      ...(snapshot.requests ? { requests: snapshot.requests.map((r) => ({ ...r, date: move(r.date) })) } : {}),
      ...(snapshot.reservations ? { reservations: snapshot.reservations.map((r) => ({ ...r, date: move(r.date) })) } : {}),
      ...(snapshot.events ? { events: snapshot.events.map((e) => ({ ...e, from: move(e.from), to: move(e.to) })) } : {}),
    },
  };
}
