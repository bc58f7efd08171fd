import type { DataSource } from 'typeorm';

/**
 * Keys whose count in `assignment_counts` differs from the assignments' own count, as the
 * counting triggers key them (REMOTE per pool, ON_SITE and NO_WORKPLACE per site, OFF not
 * counted): none when the counts keep up with the rows, whoever wrote them.
 */
export async function assignmentCountsAgainstRows(dataSource: Pick<DataSource, 'query'>): Promise<unknown[]> {
  return dataSource.query(`
    WITH counted AS (
      SELECT date, period, mode, CASE WHEN mode = 'REMOTE' THEN pool_id END AS pool_id, CASE WHEN mode <> 'REMOTE' THEN site_id END AS site_id,
             count(*)::int AS n
      FROM assignments WHERE mode <> 'OFF' GROUP BY 1, 2, 3, 4, 5),
    kept AS (SELECT date, period, mode, pool_id, site_id, sum(n)::int AS n FROM assignment_counts GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0)
    SELECT to_char(coalesce(c.date, k.date), 'YYYY-MM-DD') AS date, coalesce(c.period, k.period) AS period, coalesce(c.mode, k.mode) AS mode,
           c.n AS rows, k.n AS kept
    FROM counted c FULL JOIN kept k
      ON k.date = c.date AND k.period = c.period AND k.mode = c.mode
     AND k.pool_id IS NOT DISTINCT FROM c.pool_id AND k.site_id IS NOT DISTINCT FROM c.site_id
    WHERE c.n IS DISTINCT FROM k.n`);
}
