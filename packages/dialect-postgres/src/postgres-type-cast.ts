import type { ColumnType } from '@autogen/schema';
import { POSTGRES_TYPE_SYNONYMS } from './postgres-type-synonyms';
import { quoteIdentifier as q } from './postgres-quote';

/**
 * Which column type changes PostgreSQL makes on its own, and the `USING` cast for the others.
 *
 * `ALTER COLUMN ... TYPE t` without `USING` converts with an *assignment* cast, and fails when there is none
 * (https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DATA-TYPE). `USING c::t`
 * uses an explicit cast, which always exists where an assignment one does — but it also silently truncates
 * (`varchar(5)` cuts longer values where the assignment cast fails), so `USING` is only written when it is needed.
 */

const SYNONYMS = POSTGRES_TYPE_SYNONYMS;

/** The integer type behind each serial pseudo-type (https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-SERIAL). */
const SERIAL_BASE: Readonly<Record<string, string>> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' };

const NUMBERS = ['smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric'];
const STRINGS = ['text', 'varchar', 'char'];

/**
 * Assignment (or implicit) casts between built-in types other than numbers and strings, from `pg_cast` with
 * `castcontext IN ('a', 'i')`. Every number converts to every other number; every type converts to a string type
 * (an I/O conversion cast to a string type is an assignment cast,
 * https://www.postgresql.org/docs/current/sql-createcast.html#SQL-CREATECAST-NOTES).
 */
const ASSIGNMENT_CASTS: ReadonlySet<string> = new Set([
  'cidr>inet',
  'inet>cidr',
  'date>timestamp',
  'date>timestamptz',
  'interval>time',
  'json>jsonb',
  'jsonb>json',
  'time>interval',
  'time>timetz',
  'timetz>time',
  'timestamptz>date',
  'timestamptz>time',
  'timestamptz>timetz',
  'timestamptz>timestamp',
  'timestamp>date',
  'timestamp>time',
  'timestamp>timestamptz',
]);

/** A type reduced to what decides casts: the canonical element name and whether it is an array. */
export interface CastType {
  /** Canonical built-in name (`integer`, `varchar`, …) or, for a user type (enum, domain), its raw spelling. */
  readonly name: string;
  readonly builtin: boolean;
  readonly array: boolean;
}

/**
 * Reads a type's `raw` spelling (`int4`, `character varying(20)`, `timestamp(3) with time zone`, `text[]`,
 * `"Mood"`): the raw spelling is what will run, whatever `name` the model gave.
 */
export function castType(type: ColumnType): CastType {
  let text = type.raw.trim();
  let array = false;
  for (;;) {
    const stripped = text.replace(/\s*\[\s*\d*\s*\]\s*$/, '').replace(/\s+array\s*$/i, '');
    if (stripped === text) break;
    array = true;
    text = stripped;
  }
  if (text.startsWith('"')) return { name: text, builtin: false, array };
  const plain = text.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const name = SYNONYMS[plain] ?? SYNONYMS[plain.replace(/^pg_catalog\./, '')];
  return name ? { name, builtin: true, array } : { name: text, builtin: false, array };
}

/** `integer` for `serial` and so on; `undefined` when the type is not a serial pseudo-type. */
export function serialBaseType(type: ColumnType): string | undefined {
  const t = castType(type);
  return t.builtin && !t.array ? SERIAL_BASE[t.name] : undefined;
}

const base = (name: string): string => SERIAL_BASE[name] ?? name;

/** True when an assignment cast converts `from` to `to` (the elements, for arrays). */
function assignable(from: CastType, to: CastType): boolean {
  if (to.builtin && STRINGS.includes(to.name) && !to.array) return true;
  if (from.array !== to.array) return false;
  if (!from.builtin || !to.builtin) return from.name === to.name;
  const f = base(from.name);
  const t = base(to.name);
  if (f === t) return true;
  if (STRINGS.includes(t)) return true;
  if (NUMBERS.includes(f) && NUMBERS.includes(t)) return true;
  return ASSIGNMENT_CASTS.has(`${f}>${t}`);
}

/**
 * The `USING` expression converting column `column` from `from` to `to`, or `undefined` when PostgreSQL converts
 * without one (e.g. integer → bigint, varchar(10) → varchar(20), enum → text). A user type (enum, domain) goes
 * through text first (`"c"::text::"Mood"`), since there is no cast between two enums.
 */
export function usingCast(column: string, from: ColumnType, to: ColumnType): string | undefined {
  const f = castType(from);
  const t = castType(to);
  if (assignable(f, t)) return undefined;
  const target = to.raw.trim();
  if (!f.builtin) return `${q(column)}::${f.array ? 'text[]' : 'text'}::${target}`;
  return `${q(column)}::${target}`;
}
