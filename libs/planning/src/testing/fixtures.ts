import { PlanningSnapshot } from '../model/snapshot';

const tinyJson: unknown = require('./fixtures/tiny.json');

/** A fresh deep copy of tiny.json (the 12-agent sample of DESIGN.md's scenarios). */
export function tinySnapshot(): PlanningSnapshot {
  return JSON.parse(JSON.stringify(tinyJson)) as PlanningSnapshot;
}
