import { tableKey, type ColumnType } from '@autogen/schema';
import type { DrizzleRuntime } from './drizzle-runtime';
import { pgEnumOfColumn } from './pg-enums';
import { pgSchemaName } from './pg-schema-name';

/** Spellings PostgreSQL accepts for one type, mapped to the canonical name (https://www.postgresql.org/docs/current/datatype.html#DATATYPE-TABLE). */
const CANONICAL: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  int2: 'smallint',
  int8: 'bigint',
  serial4: 'serial',
  serial2: 'smallserial',
  serial8: 'bigserial',
  float4: 'real',
  float8: 'double precision',
  decimal: 'numeric',
  bool: 'boolean',
  'character varying': 'varchar',
  character: 'char',
  bpchar: 'char',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  'bit varying': 'varbit',
};

/**
 * Parses a PostgreSQL type spelling (as drizzle's `getSQLType()` or a `customType` gives it) into the canonical
 * {@link ColumnType} the PostgreSQL dialect compares: lowercase canonical name without arguments
 * (`character varying(20)` → `varchar` [20], `timestamp (3) with time zone` → `timestamptz` [3], `int4` → `integer`),
 * arrays as `<element>[]` with the element's arguments, `raw` the spelling unchanged.
 *
 * - `char` without a length is `char(1)` in PostgreSQL, so its args are `[1]`
 *   (https://www.postgresql.org/docs/current/datatype-character.html);
 * - `numeric(p)` is `numeric(p, 0)`, so its args are `[p, 0]`
 *   (https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-NUMERIC-DECIMAL);
 * - `float(p)` is `real` for p ≤ 24 and `double precision` above, `float` alone is `double precision`
 *   (https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-FLOAT);
 * - array sizes and dimensions are not part of the type (PostgreSQL ignores both), so `integer[3][]` is `integer[]`
 *   (https://www.postgresql.org/docs/current/arrays.html#ARRAYS-DECLARATION);
 * - `interval` keeps its fields in the name (`interval day to second`), its precision as the argument;
 * - a user type name (enum, domain) becomes its key: quotes removed, unquoted parts lowercased, `public.` dropped.
 */
export function parsePgColumnType(spelling: string): ColumnType {
  const raw = spelling.trim();
  const array = /^(.*?)((?:\s*\[\s*\d*\s*\])+)$/s.exec(raw);
  if (array) {
    const element = parsePgColumnType(array[1] ?? '');
    return { name: `${element.name}[]`, args: element.args, raw };
  }
  const argsGroup = /\(\s*(\d+(?:\s*,\s*\d+)*)\s*\)/.exec(raw);
  const args = argsGroup ? (argsGroup[1] ?? '').split(',').map((a) => Number(a.trim())) : [];
  const base = (argsGroup ? raw.slice(0, argsGroup.index) + ' ' + raw.slice(argsGroup.index + argsGroup[0].length) : raw).trim();
  if (base.includes('"')) return { name: typeKey(base), args, raw };
  const lower = base.replace(/\s+/g, ' ').toLowerCase();
  const name = CANONICAL[lower] ?? lower;
  if (name === 'float') return { name: args[0] !== undefined && args[0] <= 24 ? 'real' : 'double precision', args: [], raw };
  if (name === 'char' && args.length === 0) return { name, args: [1], raw };
  if (name === 'numeric' && args.length === 1) return { name, args: [args[0] as number, 0], raw };
  return { name: typeKey(name), args, raw };
}

/**
 * What autogen reads of a drizzle pg column to type it. Structural, so columns of any drizzle-orm copy fit (drizzle's
 * CommonJS typings mix in its ESM ones, which TypeScript treats as different classes).
 */
export interface DrizzlePgColumnLike {
  readonly name: string;
  getSQLType(): string;
}

/**
 * The type of a drizzle pg column: its `getSQLType()` parsed by {@link parsePgColumnType}, except that
 *
 * - a pgEnum column is named by its enum's key (`mood`, `billing.status`) with a quoted, schema-qualified `raw`
 *   (`"billing"."status"`), since drizzle's own spelling is the bare enum name;
 * - an array (`.array()`) is its element's type with `[]`, so an enum array is `mood[]` / `"mood"[]`.
 */
export function drizzlePgColumnType(column: DrizzlePgColumnLike, runtime: DrizzleRuntime): ColumnType {
  const { core, pg } = runtime;
  if (core.is(column, pg.PgArray)) {
    const element = drizzlePgColumnType(column.baseColumn, runtime);
    const size = typeof column.size === 'number' ? String(column.size) : '';
    return { name: element.name.endsWith('[]') ? element.name : `${element.name}[]`, args: element.args, raw: `${element.raw}[${size}]` };
  }
  const enumType = pgEnumOfColumn(column, runtime, { throughArrays: false });
  if (enumType) {
    const schema = pgSchemaName(enumType.schema);
    const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
    return {
      name: tableKey({ name: enumType.enumName, schema }),
      args: [],
      raw: schema ? `${quote(schema)}.${quote(enumType.enumName)}` : quote(enumType.enumName),
    };
  }
  return parsePgColumnType(column.getSQLType());
}

/** `"Billing"."Mood"` → `Billing.Mood`, `public.mood` → `mood`: the key of a user type, as enums are keyed. */
function typeKey(spelling: string): string {
  const parts = [...spelling.matchAll(/"((?:[^"]|"")*)"|([^."\s][^."]*)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? '').trim().toLowerCase(),
  );
  if (parts.length !== 2) return parts.join('.');
  const [schema, name] = parts as [string, string];
  return tableKey({ name, schema: pgSchemaName(schema) });
}
