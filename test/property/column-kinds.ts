/**
 * The column types the generated round-trip cases use, per dialect: how a model spells each type, which values
 * and defaults fit it, and which type changes keep every value (so a generated change never loses data by design).
 */
import type { DefaultValue, DialectName } from '@autogen/schema';

/** A generated cell value, as the test inserts it. */
export type CellValue = string | number | boolean | Buffer | null;

/** One column type of the generator. */
export interface ColumnKind {
  readonly name: string;
  /** The type as a model writes it. */
  readonly raw: string;
  /** A value for row `i`; `seed` varies it; distinct `i` give distinct values when `distinct` is asked. */
  value(i: number, seed: number): CellValue;
  /** Server defaults that fit the type (literal or SQL); empty = the type gets none. */
  readonly defaults: ReadonlyArray<DefaultValue>;
  /** A CHECK that every generated value satisfies, for column `q` (quoted name). */
  check?(q: string): string;
  /** Can be a key (primary, unique, foreign, index part). */
  readonly keyable: boolean;
}

/**
 * Strings that are hard to quote and compare: quotes, backslashes, `$$`, comment markers, unicode (accents, CJK,
 * an emoji, a combining mark), whitespace. Each at most 40 characters, so they fit `varchar(40)`.
 */
export const HOSTILE_STRINGS: ReadonlyArray<string> = [
  'plain',
  "it's",
  'say "hi"',
  'back\\slash',
  '$$ dollar $$',
  '*/ end /* start',
  '-- not a comment',
  'tab\there',
  'line\nbreak',
  'élan',
  '漢字',
  '🙂 smile',
  'e\u0301',
  '',
  ' ',
  '%_like',
  '${template}',
  '`tick`',
];

const str = (i: number, seed: number): string => {
  const base = HOSTILE_STRINGS[(i + seed) % HOSTILE_STRINGS.length] as string;
  return `${base}#${i}`;
};

const int = (i: number, seed: number): number => i * 7 + (seed % 50) - 25;

/** SQLite column kinds (declared types as Drizzle and TypeORM write them). */
const SQLITE_KINDS: ReadonlyArray<ColumnKind> = [
  { name: 'integer', raw: 'integer', value: int, defaults: [lit(0), lit(42), lit(-7)], check: (q) => `${q} > -1000000`, keyable: true },
  { name: 'text', raw: 'text', value: str, defaults: [lit("it's"), lit(''), lit('back\\slash $$ */'), sql('CURRENT_TIMESTAMP')], check: (q) => `length(${q}) < 1000`, keyable: true },
  { name: 'varchar', raw: 'varchar(40)', value: str, defaults: [lit('x'), lit('say "hi"')], keyable: true },
  { name: 'real', raw: 'real', value: (i, seed) => (i * 4 + (seed % 8)) / 4, defaults: [lit(1.5), lit(0)], check: (q) => `${q} >= -1000000.0`, keyable: true },
  { name: 'numeric', raw: 'numeric', value: int, defaults: [lit(10)], keyable: true },
  { name: 'blob', raw: 'blob', value: (i, seed) => Buffer.from([i & 255, seed & 255, 0, 39]), defaults: [], keyable: false },
  { name: 'boolean', raw: 'integer', value: (i, seed) => ((i + seed) % 2 === 0 ? 1 : 0), defaults: [{ kind: 'literal', value: true }, { kind: 'literal', value: false }], check: (q) => `${q} IN (0, 1)`, keyable: false },
  { name: 'bigint', raw: 'bigint', value: (i, seed) => int(i, seed) * 1000, defaults: [lit(0)], keyable: true },
  { name: 'datetime', raw: 'datetime', value: (i) => `2024-03-0${1 + (i % 9)} 10:00:00`, defaults: [sql('CURRENT_TIMESTAMP'), lit('2024-01-01 00:00:00')], keyable: true },
  { name: 'decimal', raw: 'decimal(10,2)', value: (i, seed) => int(i, seed) + 0.25, defaults: [lit(0)], keyable: true },
];

/** PostgreSQL column kinds. */
const POSTGRES_KINDS: ReadonlyArray<ColumnKind> = [
  { name: 'integer', raw: 'integer', value: int, defaults: [lit(0), lit(42), lit(-7)], check: (q) => `${q} > -1000000`, keyable: true },
  { name: 'smallint', raw: 'smallint', value: int, defaults: [lit(1)], keyable: true },
  { name: 'bigint', raw: 'bigint', value: (i, seed) => int(i, seed) * 1000, defaults: [lit(0)], keyable: true },
  { name: 'text', raw: 'text', value: str, defaults: [lit("it's"), lit(''), lit('back\\slash $$ */')], check: (q) => `length(${q}) < 1000`, keyable: true },
  { name: 'varchar', raw: 'varchar(40)', value: str, defaults: [lit('x'), lit('say "hi"')], keyable: true },
  { name: 'boolean', raw: 'boolean', value: (i, seed) => (i + seed) % 2 === 0, defaults: [lit(true), lit(false)], keyable: false },
  { name: 'numeric', raw: 'numeric(10,2)', value: (i, seed) => `${int(i, seed)}.25`, defaults: [lit(0)], check: (q) => `${q} < 100000`, keyable: true },
  { name: 'double', raw: 'double precision', value: (i, seed) => (i * 4 + (seed % 8)) / 4, defaults: [lit(1.5)], keyable: false },
  { name: 'date', raw: 'date', value: (i, seed) => `2024-0${1 + (seed % 9)}-${10 + (i % 18)}`, defaults: [sql('CURRENT_DATE')], keyable: true },
  { name: 'timestamptz', raw: 'timestamp with time zone', value: (i) => `2024-03-0${1 + (i % 9)} 10:00:00+00`, defaults: [sql('now()')], keyable: true },
  { name: 'uuid', raw: 'uuid', value: (i, seed) => `00000000-0000-4000-8000-${String(i * 1000 + (seed % 1000)).padStart(12, '0')}`, defaults: [sql('gen_random_uuid()')], keyable: true },
  { name: 'jsonb', raw: 'jsonb', value: (i) => JSON.stringify({ i, s: "it's" }), defaults: [sql(`'{}'::jsonb`)], keyable: false },
  { name: 'bytea', raw: 'bytea', value: (i, seed) => Buffer.from([i & 255, seed & 255, 0, 92]), defaults: [], keyable: false },
  { name: 'timestamp', raw: 'timestamp', value: (i, seed) => `2024-02-0${1 + (seed % 9)} 0${i % 10}:30:00`, defaults: [sql('CURRENT_TIMESTAMP'), lit('2024-01-01 00:00:00')], keyable: true },
  { name: 'time', raw: 'time', value: (i) => `1${i % 10}:15:00`, defaults: [lit('12:00:00')], keyable: true },
  { name: 'interval', raw: 'interval', value: (i, seed) => `${i + 1} days ${seed % 24} hours`, defaults: [lit('1 day')], keyable: true },
  { name: 'char', raw: 'char(12)', value: (i, seed) => `c${seed % 100}-${i}`, defaults: [lit('x')], keyable: true },
  { name: 'inet', raw: 'inet', value: (i, seed) => `10.${seed % 250}.0.${i + 1}`, defaults: [lit('127.0.0.1')], keyable: true },
  { name: 'json', raw: 'json', value: (i) => JSON.stringify({ i, quote: 'say "hi"' }), defaults: [], keyable: false },
  { name: 'real', raw: 'real', value: (i, seed) => (i * 4 + (seed % 8)) / 4, defaults: [lit(0.5)], keyable: true },
  { name: 'intarray', raw: 'integer[]', value: (i, seed) => `{${i},${seed % 10}}`, defaults: [sql(`'{}'::integer[]`)], keyable: false },
];

function lit(value: string | number | boolean): DefaultValue {
  return { kind: 'literal', value };
}

function sql(expr: string): DefaultValue {
  return { kind: 'sql', expr };
}

/** The kinds of `dialect`. */
export function columnKinds(dialect: DialectName): ReadonlyArray<ColumnKind> {
  return dialect === 'sqlite' ? SQLITE_KINDS : POSTGRES_KINDS;
}

/** The kind named `name` in `dialect`. */
export function columnKind(dialect: DialectName, name: string): ColumnKind {
  const kind = columnKinds(dialect).find((k) => k.name === name);
  if (!kind) throw new Error(`no column kind ${name} for ${dialect}`);
  return kind;
}

/**
 * Type changes that keep every generated value (the conversion of the values the kind generates is exact), per
 * dialect: `from` kind → kinds it may become. SQLite copies values through a table rebuild, where column affinity
 * converts numbers and numeric text (https://www.sqlite.org/datatype3.html#type_affinity); PostgreSQL converts with
 * the `USING` cast autogen writes.
 */
const SAFE_CHANGES: Readonly<Record<DialectName, Readonly<Record<string, ReadonlyArray<string>>>>> = {
  sqlite: {
    integer: ['text', 'real', 'numeric', 'varchar', 'bigint'],
    bigint: ['integer', 'text'],
    datetime: ['text'],
    decimal: ['real', 'text'],
    numeric: ['integer', 'text'],
    real: ['text', 'numeric'],
    text: ['varchar'],
    varchar: ['text'],
  },
  postgresql: {
    smallint: ['integer', 'bigint', 'numeric', 'text'],
    integer: ['bigint', 'numeric', 'text', 'smallint'],
    bigint: ['numeric', 'text'],
    text: ['varchar'],
    varchar: ['text'],
    numeric: ['text', 'double'],
    boolean: ['text'],
    date: ['text'],
    uuid: ['text'],
    timestamp: ['text'],
    time: ['text'],
    char: ['text', 'varchar'],
    inet: ['text'],
    json: ['jsonb', 'text'],
    real: ['double', 'text'],
  },
};

/** Kinds a column of kind `from` may change to without losing a value. */
export function safeTypeChanges(dialect: DialectName, from: string): ReadonlyArray<string> {
  return SAFE_CHANGES[dialect][from] ?? [];
}
