import type { SQL } from 'drizzle-orm';
import type { DefaultValue } from '@autogen/schema';
import type { DrizzleRuntime } from './drizzle-runtime';

/** The parts of a drizzle column (any dialect) that decide its server default. */
export interface DrizzleDefaultSource {
  /** What `.default(value)` stored; `undefined` when it was not called. */
  readonly default?: unknown;
  /** How drizzle turns a JS value into what the driver stores (timestamps, json, booleans, custom types). */
  mapToDriverValue(value: unknown): unknown;
}

/**
 * The server default of a drizzle column, or `undefined` when it has none.
 *
 * Only `.default(value)` is a server default. `$defaultFn()` / `$onUpdateFn()` run in the client and
 * `integer().primaryKey()` merely marks the column optional on insert; all of them set `hasDefault` without a
 * `default`, so they yield nothing here. See https://orm.drizzle.team/docs/column-types/sqlite#default-value
 *
 * - a `sql` template → `{ kind: 'sql' }` with its rendered text (`CURRENT_TIMESTAMP`, `(unixepoch())`);
 * - a string, number, boolean or null → that literal (booleans stay booleans; the dialect spells them);
 * - a bigint → a number literal when it is a safe integer, else its digits as SQL (blob columns: see below);
 * - any other value (a `Date` for timestamp modes, an object for json modes, a buffer) → what drizzle would hand
 *   the driver (`column.mapToDriverValue`): epoch seconds or milliseconds, a JSON string, or for blob columns a
 *   blob literal `X'…'` (drizzle-kit writes json blobs as JSON text, but drizzle itself stores bytes).
 */
export function drizzleColumnDefault(
  column: DrizzleDefaultSource,
  renderSql: (sql: SQL) => string,
  runtime: DrizzleRuntime,
): DefaultValue | undefined {
  const value: unknown = column.default;
  if (value === undefined) return undefined;
  if (runtime.core.is(value, runtime.core.SQL)) return { kind: 'sql', expr: renderSql(value) };
  const primitive = typeof value === 'bigint' ? undefined : primitiveDefault(value);
  if (primitive) return primitive;
  const driverValue: unknown = column.mapToDriverValue(value);
  if (runtime.core.is(driverValue, runtime.core.SQL)) return { kind: 'sql', expr: renderSql(driverValue) };
  if (driverValue instanceof Uint8Array) {
    // What a blob column stores (buffer, json and bigint modes alike), as a SQL blob literal.
    return { kind: 'sql', expr: `X'${Buffer.from(driverValue).toString('hex').toUpperCase()}'` };
  }
  // drizzle sends a bigint for a numeric column as its digits; as a default the bare numeral is the usual spelling.
  if (typeof value === 'bigint') return bigintDefault(value);
  if (driverValue instanceof Date) return { kind: 'literal', value: driverValue.toISOString() };
  const mapped = primitiveDefault(driverValue);
  if (mapped) return mapped;
  return { kind: 'literal', value: JSON.stringify(driverValue) };
}

function primitiveDefault(value: unknown): DefaultValue | undefined {
  if (value === null) return { kind: 'literal', value: null };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return { kind: 'literal', value };
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`default ${value} cannot be written as SQL`);
      return { kind: 'literal', value };
    case 'bigint':
      return bigintDefault(value);
    default:
      return undefined;
  }
}

function bigintDefault(value: bigint): DefaultValue {
  return Number.isSafeInteger(Number(value)) ? { kind: 'literal', value: Number(value) } : { kind: 'sql', expr: value.toString() };
}
