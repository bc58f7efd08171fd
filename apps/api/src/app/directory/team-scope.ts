/**
 * SQL for the org units a manager answers for: the units it manages and every unit below.
 * UNION (not UNION ALL) stops on a cycle rather than looping.
 */
export const TEAM_UNITS_CTE = `
  team_units(id) AS (
    SELECT id FROM org_units WHERE manager_agent_id = $1
    UNION
    SELECT child.id FROM org_units child JOIN team_units parent ON child.parent_id = parent.id
  )`;
