import type { DefaultValue } from '@autogen/schema';
import type { TypeormColumn, TypeormDriver } from './typeorm-types';

/**
 * The server default TypeORM writes for a column, or `undefined` for none.
 *
 * - a string, number or boolean `default` → that literal (TypeORM quotes strings without escaping them and writes
 *   PostgreSQL numbers as strings, `DEFAULT '0'`; the literal says what it means and the dialect spells it);
 * - `null`/absent → none;
 * - anything else — a function (`() => "CURRENT_TIMESTAMP"`), an array of a PostgreSQL array column, an object of
 *   a json column, the defaults of `@CreateDateColumn`/`@UpdateDateColumn` — → `{ kind: 'sql' }` with the text
 *   TypeORM's driver writes (`driver.normalizeDefault`): on PostgreSQL `CURRENT_TIMESTAMP` becomes `now()`, an
 *   array `'{a,b}'`, an object its JSON in quotes; on SQLite a date column's default is `datetime('now')`.
 *   See `normalizeDefault` in typeorm/driver/postgres/PostgresDriver and typeorm/driver/sqlite-abstract.
 */
export function typeormColumnDefault(column: TypeormColumn, driver: TypeormDriver): DefaultValue | undefined {
  const value: unknown = column.default;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return { kind: 'literal', value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`default ${value} cannot be written as SQL`);
    return { kind: 'literal', value };
  }
  const expr = driver.normalizeDefault(column);
  return expr === undefined ? undefined : { kind: 'sql', expr };
}
