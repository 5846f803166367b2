import type { SQL } from 'drizzle-orm';
import type { DefaultValue } from '@autogen/schema';
import { drizzleColumnDefault, type DrizzleDefaultSource } from './drizzle-column-default';
import type { DrizzleRuntime } from './drizzle-runtime';

/**
 * The server default of a drizzle pg column, or `undefined` when it has none. Like {@link drizzleColumnDefault}
 * (which it falls back to), with the values PostgreSQL prints back written the way it prints them, so a default
 * read from the database compares equal once the normalizer strips the cast:
 *
 * - `sql` templates as rendered (`defaultNow()` is `now()`, `uuid().defaultRandom()` is `gen_random_uuid()`; the
 *   normalizer canonicalizes `now()` to `CURRENT_TIMESTAMP`);
 * - a `Date` for `date({ mode: 'date' })` → `'2024-05-06'`; for `timestamp` → `'2024-05-06 07:08:09.123'`, and for
 *   `timestamp({ withTimezone: true })` → `'2024-05-06 07:08:09.123+00'` (UTC; drizzle sends the same instant);
 * - an array of strings, numbers, booleans or nulls (`.array().default([...])`) → PostgreSQL's array text
 *   (`{a,"b c",NULL}`, booleans `t`/`f`), quoting elements only where `array_out` does
 *   (https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO); other arrays as drizzle writes them.
 *
 * json/jsonb values are JSON text as drizzle sends it (`{"a":1}`); PostgreSQL prints jsonb with spaces, so the
 * normalizer has to compare jsonb defaults as JSON.
 */
export function pgColumnDefault(column: DrizzleDefaultSource, renderSql: (sql: SQL) => string, runtime: DrizzleRuntime): DefaultValue | undefined {
  const { core, pg } = runtime;
  const value: unknown = column.default;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('default is an invalid Date');
    if (core.is(column, pg.PgDate)) return { kind: 'literal', value: value.toISOString().slice(0, 10) };
    if (core.is(column, pg.PgTimestamp)) return { kind: 'literal', value: pgTimestampText(value, column.withTimezone) };
  }
  if (Array.isArray(value) && core.is(column, pg.PgArray)) {
    const text = pgArrayText(value);
    if (text !== undefined) return { kind: 'literal', value: text };
  }
  return drizzleColumnDefault(column, renderSql, runtime);
}

/** `2024-05-06 07:08:09.123` (UTC), fraction without trailing zeros, `+00` appended for timestamptz. */
function pgTimestampText(value: Date, withTimezone: boolean): string {
  const [date, time] = value.toISOString().replace('Z', '').split('T') as [string, string];
  const trimmed = time.replace(/\.?0+$/, '');
  return `${date} ${trimmed.length < 8 ? time.slice(0, 8) : trimmed}${withTimezone ? '+00' : ''}`;
}

/** PostgreSQL's text form of an array of primitives, or `undefined` when an element is something else. */
function pgArrayText(values: ReadonlyArray<unknown>): string | undefined {
  const parts: string[] = [];
  for (const value of values) {
    const part = Array.isArray(value) ? pgArrayText(value) : pgArrayElement(value);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return `{${parts.join(',')}}`;
}

function pgArrayElement(value: unknown): string | undefined {
  if (value === null) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return value ? 't' : 'f';
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'string':
      // array_out quotes empty strings, the word NULL, and anything with braces, quotes, commas, backslashes or space.
      return value === '' || /^null$/i.test(value) || /[{}",\\\s]/.test(value) ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value;
    default:
      return undefined;
  }
}
