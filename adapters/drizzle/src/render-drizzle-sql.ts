import type { SQL } from 'drizzle-orm';
import type { DrizzleRuntime } from './drizzle-runtime';

/** How a dialect quotes names and strings; drizzle's dialect classes provide both methods. */
export interface SqlQuoting {
  escapeName(name: string): string;
  escapeString(value: string): string;
}

/**
 * Renders a drizzle `sql` template used in a schema (default, index expression, partial-index predicate, check)
 * to standalone SQL text, with drizzle's own query builder:
 *
 * - static chunks verbatim, `sql.identifier()` quoted;
 * - parameters inlined as literals (`${18}` → `18`, `${'a'}` → `'a'`), since DDL cannot take bound parameters;
 * - column references as the bare quoted column name (`"email"`), the form drizzle uses for index columns
 *   (`invokeSource: 'indexes'`). drizzle-kit writes checks and predicates table-qualified (`"users"."age"`), but
 *   SQLite rejects such a reference once the table is rebuilt under another name (`new_users`), so the bare form
 *   is the one that survives a migration; PostgreSQL prints them back bare too (`pg_get_constraintdef`).
 *
 * Placeholders (`sql.placeholder()`) have no value at DDL time and throw.
 */
export function renderDrizzleSql(sql: SQL, quoting: SqlQuoting, runtime: DrizzleRuntime): string {
  const query = sql.toQuery({
    casing: new runtime.casing.CasingCache(),
    escapeName: (name) => quoting.escapeName(name),
    escapeString: (value) => quoting.escapeString(value),
    escapeParam: () => {
      throw new Error('sql.placeholder() cannot be used in a schema definition (it has no value in DDL)');
    },
    inlineParams: true,
    invokeSource: 'indexes',
  });
  return query.sql.trim();
}
