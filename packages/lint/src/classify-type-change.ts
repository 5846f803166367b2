import type { ColumnType } from '@autogen/schema';

/**
 * What a column type change does to the values already stored:
 * - `same`: nothing (same name and arguments);
 * - `widening`: every value fits the new type unchanged (varchar(50) → varchar(100), integer → bigint, varchar → text);
 * - `narrowing`: values can be truncated, rounded or rejected (shorter length, lower numeric precision or scale,
 *   fewer integer bytes, text → varchar(n), double → real, timestamp → date);
 * - `change`: another kind of type, whose values may or may not convert (text → integer, varchar → char,
 *   timestamp → timestamptz, an enum, anything unknown).
 */
export type TypeChangeKind = 'same' | 'widening' | 'narrowing' | 'change';

/**
 * The families of types whose capacities can be compared. A type outside them (boolean, json, uuid, enums,
 * domains) is only ever `same` or `change`.
 */
type TypeShape =
  | { readonly family: 'integer'; readonly bytes: number }
  | { readonly family: 'float'; readonly bytes: number }
  /** `precision` undefined = unbounded (`numeric` without arguments). */
  | { readonly family: 'numeric'; readonly precision?: number; readonly scale: number }
  /** `length` undefined = unbounded (`text`, `varchar` without a length). */
  | { readonly family: 'character'; readonly fixed: boolean; readonly length?: number }
  | { readonly family: 'date' }
  /** `zone`: with time zone; `precision` of fractional seconds (6 when not given). */
  | { readonly family: 'timestamp'; readonly zone: boolean; readonly precision: number }
  | { readonly family: 'time'; readonly zone: boolean; readonly precision: number };

/*
 * Names as the dialect normalizers spell them (PostgreSQL: postgres-type-synonyms.ts, e.g. `integer`, `varchar`,
 * `char`, `double precision`, `timestamptz`; SQLite: the declared name lowercased, `int` → `integer`), plus the
 * common synonyms, so ops built from un-normalized schemas classify the same way.
 */
const INTEGER_BYTES: Readonly<Record<string, number>> = {
  tinyint: 1,
  int1: 1,
  smallint: 2,
  int2: 2,
  smallserial: 2,
  serial2: 2,
  mediumint: 3,
  int: 4,
  int4: 4,
  integer: 4,
  serial: 4,
  serial4: 4,
  bigint: 8,
  int8: 8,
  bigserial: 8,
  serial8: 8,
  'unsigned big int': 8,
};

const FLOAT_BYTES: Readonly<Record<string, number>> = {
  real: 4,
  float4: 4,
  float: 8,
  float8: 8,
  double: 8,
  'double precision': 8,
};

const NUMERIC_NAMES = new Set(['numeric', 'decimal', 'dec']);
const VARYING_NAMES = new Set(['varchar', 'character varying', 'char varying', 'varying character', 'nvarchar', 'national varchar', 'varchar2', 'nvarchar2']);
const FIXED_NAMES = new Set(['char', 'character', 'nchar', 'native character', 'national character', 'bpchar']);
const UNBOUNDED_TEXT_NAMES = new Set(['text', 'clob', 'string', 'citext', 'tinytext', 'mediumtext', 'longtext']);
const TIMESTAMP_NAMES: Readonly<Record<string, boolean>> = {
  timestamp: false,
  'timestamp without time zone': false,
  datetime: false,
  timestamptz: true,
  'timestamp with time zone': true,
};
const TIME_NAMES: Readonly<Record<string, boolean>> = {
  time: false,
  'time without time zone': false,
  timetz: true,
  'time with time zone': true,
};

/** Largest number of decimal digits every value of an integer of this many bytes can have. */
const INTEGER_DIGITS: Readonly<Record<number, number>> = { 1: 3, 2: 5, 3: 7, 4: 10, 8: 19 };

/** Default fractional-second precision of PostgreSQL's timestamp and time types. */
const DEFAULT_TIME_PRECISION = 6;

function shapeOf(name: string, args: ReadonlyArray<number>): TypeShape | undefined {
  const bytes = INTEGER_BYTES[name];
  if (bytes !== undefined) return { family: 'integer', bytes };
  const floatBytes = FLOAT_BYTES[name];
  if (floatBytes !== undefined) {
    // `float(p)` is single precision up to p = 24 (PostgreSQL and the SQL standard).
    if (name === 'float' && args[0] !== undefined) return { family: 'float', bytes: args[0] <= 24 ? 4 : 8 };
    return { family: 'float', bytes: floatBytes };
  }
  if (NUMERIC_NAMES.has(name)) {
    return args[0] === undefined ? { family: 'numeric', scale: 0 } : { family: 'numeric', precision: args[0], scale: args[1] ?? 0 };
  }
  if (UNBOUNDED_TEXT_NAMES.has(name)) return { family: 'character', fixed: false };
  if (VARYING_NAMES.has(name)) return args[0] === undefined ? { family: 'character', fixed: false } : { family: 'character', fixed: false, length: args[0] };
  if (FIXED_NAMES.has(name)) {
    // `bpchar` without a length is PostgreSQL's unbounded blank-padded type; `char` alone is char(1).
    if (args[0] === undefined) return name === 'bpchar' ? { family: 'character', fixed: true } : { family: 'character', fixed: true, length: 1 };
    return { family: 'character', fixed: true, length: args[0] };
  }
  if (name === 'date') return { family: 'date' };
  const timestampZone = TIMESTAMP_NAMES[name];
  if (timestampZone !== undefined) return { family: 'timestamp', zone: timestampZone, precision: args[0] ?? DEFAULT_TIME_PRECISION };
  const timeZone = TIME_NAMES[name];
  if (timeZone !== undefined) return { family: 'time', zone: timeZone, precision: args[0] ?? DEFAULT_TIME_PRECISION };
  return undefined;
}

const sameArgs = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** A verdict from a capacity comparison: `to` holds at least what `from` holds. */
const fits = (ok: boolean): TypeChangeKind => (ok ? 'widening' : 'narrowing');

/**
 * Classifies a column type change by what it does to stored values (see {@link TypeChangeKind}). Compares the
 * normalized `name` and `args`; arrays classify by their element type, and an array ↔ scalar change is `change`.
 */
export function classifyTypeChange(from: ColumnType, to: ColumnType): TypeChangeKind {
  const fromName = from.name.trim().toLowerCase();
  const toName = to.name.trim().toLowerCase();
  if (fromName === toName && sameArgs(from.args, to.args)) return 'same';
  const fromArray = fromName.endsWith('[]');
  if (fromArray !== toName.endsWith('[]')) return 'change';
  const fromShape = shapeOf(fromArray ? fromName.slice(0, -2) : fromName, from.args);
  const toShape = shapeOf(fromArray ? toName.slice(0, -2) : toName, to.args);
  if (!fromShape || !toShape) return 'change';
  return classifyShapes(fromShape, toShape);
}

function classifyShapes(from: TypeShape, to: TypeShape): TypeChangeKind {
  switch (from.family) {
    case 'integer':
      if (to.family === 'integer') return fits(to.bytes >= from.bytes);
      if (to.family === 'numeric') return fits(to.precision === undefined || to.precision - to.scale >= (INTEGER_DIGITS[from.bytes] ?? 19));
      // A float holds integers exactly up to 2^24 (real) or 2^53 (double precision).
      if (to.family === 'float') return fits(to.bytes === 8 ? from.bytes <= 4 : from.bytes <= 2);
      return 'change';
    case 'float':
      if (to.family === 'float') return fits(to.bytes >= from.bytes);
      // Fractions are rounded away and large values overflow; a bounded numeric rounds and overflows too.
      if (to.family === 'integer') return 'narrowing';
      if (to.family === 'numeric') return to.precision === undefined ? 'change' : 'narrowing';
      return 'change';
    case 'numeric':
      if (to.family === 'numeric') {
        if (to.precision === undefined) return 'widening';
        if (from.precision === undefined) return 'narrowing';
        // Both the digits before the point and those after it must fit.
        return fits(to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale);
      }
      if (to.family === 'integer') {
        return fits(from.precision !== undefined && from.scale === 0 && from.precision < (INTEGER_DIGITS[to.bytes] ?? 19));
      }
      // Binary floating point cannot hold most decimal fractions exactly.
      if (to.family === 'float') return 'narrowing';
      return 'change';
    case 'character':
      if (to.family !== 'character') return 'change';
      if (from.length === undefined ? to.length !== undefined : to.length !== undefined && to.length < from.length) return 'narrowing';
      // Long enough, but a fixed-length type pads every value with blanks: the values read back differ.
      return to.fixed && !from.fixed ? 'change' : 'widening';
    case 'date':
      // A date becomes midnight of that day.
      return to.family === 'date' || (to.family === 'timestamp' && !to.zone) ? 'widening' : 'change';
    case 'timestamp':
      if (to.family === 'date') return 'narrowing';
      if (to.family !== 'timestamp' || to.zone !== from.zone) return 'change';
      return fits(to.precision >= from.precision);
    case 'time':
      if (to.family !== 'time' || to.zone !== from.zone) return 'change';
      return fits(to.precision >= from.precision);
  }
}
