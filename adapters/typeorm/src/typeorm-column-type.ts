import type { ColumnType } from '@autogen/schema';
import type { TypeormColumn, TypeormDriver, TypeormTableColumn } from './typeorm-types';

/**
 * The SQL type TypeORM's schema builder writes for a column, as it writes it.
 *
 * TypeORM turns a column's metadata into a `TableColumn` (`TableUtils.createTableColumnOptions`: the type through
 * `driver.normalizeType`, the length through `driver.getColumnLength`, precision, scale, array and enum as given)
 * and spells its type with `driver.createFullType` in the query runner's `buildCreateColumnSql`. This does the
 * same, so `@Column() name: string` is `varchar` on SQLite and `character varying` on PostgreSQL, a `Date` is
 * `datetime` / `TIMESTAMP`, a length or precision is added as TypeORM adds it, and a PostgreSQL array is
 * `<type> array`. `raw` is TypeORM's own spelling; the dialect's normalizer canonicalizes it for comparison.
 *
 * Not covered here: serial, identity and enum columns on PostgreSQL, which `buildCreateColumnSql` spells itself
 * (see `typeormColumnToSchema`).
 */
export function typeormFullType(column: TypeormColumn, driver: TypeormDriver): ColumnType {
  return columnTypeOf(driver.createFullType(tableColumnOf(column, driver)));
}

/**
 * A {@link ColumnType} for a spelling TypeORM wrote: arguments wherever they stand (`TIMESTAMP(3) WITH TIME ZONE`
 * → `timestamp with time zone` `[3]`) and `<type> array` as `<type>[]`; `raw` unchanged.
 */
export function columnTypeOf(raw: string): ColumnType {
  const array = /\s+array$/i.exec(raw);
  const base = array ? raw.slice(0, array.index) : raw;
  const args = /\(([^)]*)\)/.exec(base)?.[1]?.split(',').map((a) => Number(a.trim())).filter((n) => Number.isFinite(n)) ?? [];
  const name = base.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  return { name: array ? `${name}[]` : name, args, raw };
}

/** The `TableColumn` fields `createFullType` reads, filled as `TableUtils.createTableColumnOptions` fills them. */
function tableColumnOf(column: TypeormColumn, driver: TypeormDriver): TypeormTableColumn {
  const fields = {
    name: column.databaseName,
    type: driver.normalizeType(column),
    length: driver.getColumnLength(column),
    precision: column.precision,
    scale: column.scale,
    isArray: column.isArray || false,
    enum: column.enum ? column.enum.map((value) => String(value)) : column.enum,
    enumName: column.enumName,
    spatialFeatureType: column.spatialFeatureType,
    srid: column.srid,
  };
  return fields as unknown as TypeormTableColumn;
}

/** The type names PostgreSQL's `SERIAL` pseudo-types stand for (https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-SERIAL). */
const SERIAL_FOR: Readonly<Record<string, string>> = {
  integer: 'serial',
  int: 'serial',
  int4: 'serial',
  smallint: 'smallserial',
  int2: 'smallserial',
  bigint: 'bigserial',
  int8: 'bigserial',
};

/**
 * The serial pseudo-type TypeORM writes for an `increment` column of `normalizedType` on PostgreSQL (`SERIAL`,
 * `SMALLSERIAL`, `BIGSERIAL`), or `undefined` for other types, for which TypeORM writes no valid DDL.
 */
export function postgresSerialType(normalizedType: string): ColumnType | undefined {
  const serial = SERIAL_FOR[normalizedType];
  return serial ? { name: serial, args: [], raw: serial } : undefined;
}
