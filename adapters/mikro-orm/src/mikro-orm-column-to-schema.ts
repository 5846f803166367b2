import { parseColumnType, type Check, type Column, type DialectName } from '@autogen/schema';
import type { MikroOrmColumn } from './mikro-orm-types';

/** A mapped column, and the unnamed check MikroORM writes on it for a (non-native) enum. */
export interface MappedMikroOrmColumn {
  readonly column: Column;
  readonly check?: Check;
}

/** Where a column is: its table's schema (PostgreSQL, `undefined` for the default one) and whether the key is composite. */
export interface MikroOrmColumnContext {
  readonly dialect: DialectName;
  readonly tableSchema?: string;
  readonly defaultSchema?: string;
  readonly compositePrimaryKey: boolean;
}

/**
 * Maps one column of MikroORM's target schema as its schema generator writes it (`createTableColumn` and
 * `configureColumn` in @mikro-orm/knex's SchemaHelper and @mikro-orm/postgresql's PostgreSqlSchemaHelper):
 *
 * - an `autoincrement` column (not in a composite key) is knex's `increments`: SQLite `integer ... primary key
 *   autoincrement` (`autoincrement: true`), PostgreSQL `serial` (`bigserial` for a `BigIntType`);
 * - an enum of strings with a PostgreSQL `nativeEnumName` has that type (`"mood"`, `"audit"."mood"`, `[]` for an
 *   array), its key being the enum's key; any other enum of strings is knex's `enum`: `text check ("col" in
 *   ('a', 'b'))` — returned as an unnamed {@link Check}, which the SQLite dialect writes on the column, the only
 *   place MikroORM's SQLite schema helper reads an enum back from;
 * - `by default as identity` is a PostgreSQL identity column;
 * - otherwise the type is MikroORM's full type string (`varchar(255)`, `numeric(10,2)`, `timestamptz`), parsed;
 * - the default is MikroORM's SQL text as a `sql` default (the dialect's normalizer reads constants as literals);
 *   `comment` on PostgreSQL only (SQLite has none).
 *
 * Throws for generated (computed) columns, which autogen does not support yet.
 */
export function mikroOrmColumnToSchema(column: MikroOrmColumn, context: MikroOrmColumnContext): MappedMikroOrmColumn {
  const { dialect } = context;
  const identity = column.generated === 'by default as identity' && dialect === 'postgresql';
  if (column.generated && !identity) throw new Error(`it is a generated column (${column.generated}), which autogen does not support yet`);
  const common = {
    name: column.name,
    ...(dialect === 'postgresql' && column.comment ? { comment: column.comment } : {}),
  };
  if (column.autoincrement && !identity && !context.compositePrimaryKey) {
    if (dialect === 'sqlite') return { column: { ...common, type: { name: 'integer', args: [], raw: 'integer' }, nullable: false, autoincrement: true } };
    const serial = hasTypeClass(column.mappedType, 'BigIntType') ? 'bigserial' : 'serial';
    return { column: { ...common, type: { name: serial, args: [], raw: serial }, nullable: false } };
  }
  const value = column.default === undefined || column.default === null || column.default === 'null' ? undefined : column.default;
  const rest = { nullable: column.nullable === true, ...(value !== undefined ? { default: { kind: 'sql' as const, expr: String(value) } } : {}) };
  const stringEnum = hasTypeClass(column.mappedType, 'EnumType') && column.enumItems !== undefined && column.enumItems.every((item) => typeof item === 'string');
  if (dialect === 'postgresql' && column.nativeEnumName && column.enumItems) {
    const enumType = nativeEnumReference(column.nativeEnumName, context);
    const array = column.type.endsWith('[]') ? '[]' : '';
    return { column: { ...common, type: { name: `${enumType.key}${array}`, args: [], raw: `${enumType.quoted}${array}` }, ...rest } };
  }
  if (stringEnum) {
    const items = (column.enumItems as ReadonlyArray<string>).map((item) => `'${item.replaceAll("'", "''")}'`).join(', ');
    return {
      column: { ...common, type: { name: 'text', args: [], raw: 'text' }, ...rest },
      check: { expression: `"${column.name.replaceAll('"', '""')}" in (${items})` },
    };
  }
  return {
    column: { ...common, type: parseColumnType(column.type), ...rest, ...(identity ? { identity: 'by default' as const } : {}) },
  };
}

/**
 * The key (`mood`, `audit.mood`) and quoted spelling (`"mood"`, `"audit"."mood"`) of a native enum type as
 * PostgreSqlSchemaHelper writes it: a dotted `nativeEnumName` names its schema, otherwise the table's schema
 * when it is not the default one.
 */
export function nativeEnumReference(nativeEnumName: string, context: Pick<MikroOrmColumnContext, 'tableSchema' | 'defaultSchema'>): { readonly key: string; readonly quoted: string } {
  const dot = nativeEnumName.indexOf('.');
  let schema = dot > 0 ? nativeEnumName.slice(0, dot) : context.tableSchema;
  const name = dot > 0 ? nativeEnumName.slice(dot + 1) : nativeEnumName;
  if (schema === context.defaultSchema) schema = undefined;
  const quote = (part: string): string => `"${part.replaceAll('"', '""')}"`;
  return { key: schema ? `${schema}.${name}` : name, quoted: schema ? `${quote(schema)}.${quote(name)}` : quote(name) };
}

/** True when `type` is an instance of a class named `className` (any copy of MikroORM: compared by name up the chain). */
export function hasTypeClass(type: unknown, className: string): boolean {
  for (let proto: unknown = type === null || typeof type !== 'object' ? undefined : Object.getPrototypeOf(type); proto; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === className) return true;
  }
  return false;
}
