import { createTable, type Check, type DialectName, type ForeignKey, type ForeignKeyAction, type Index, type PrimaryKey, type Table, type Unique } from '@autogen/schema';
import { mikroOrmColumnToSchema } from './mikro-orm-column-to-schema';
import type { MikroOrmForeignKey, MikroOrmIndex, MikroOrmTable } from './mikro-orm-types';

/** How MikroORM is configured for the table mapping. */
export interface MikroOrmMappingOptions {
  readonly dialect: DialectName;
  /** The schema tables land in when they name none (PostgreSQL `public`, or the config's `schema`). */
  readonly defaultSchema?: string;
  /** `schemaGenerator.createForeignKeyConstraints` (default true): false = MikroORM creates no foreign keys. */
  readonly createForeignKeyConstraints?: boolean;
}

/**
 * Maps one table of MikroORM's target schema (`SqlSchemaGenerator.getTargetSchema()`) to the schema model, as
 * MikroORM's `createSchema()` creates it (`createTable`, `createIndex`, `createForeignKey` in @mikro-orm/knex's
 * SchemaHelper, which hand the table to knex):
 *
 * - columns: {@link mikroOrmColumnToSchema};
 * - primary key: named `keyName` on PostgreSQL (`<table>_pkey` by default, which is also what PostgreSQL calls the
 *   inline `serial primary key`), unnamed on SQLite (`primary key autoincrement` or `primary key (a, b)`);
 * - unique indexes: knex's `unique()`, which on PostgreSQL is `alter table add constraint "<table>_<col>_unique"
 *   unique (...)` (a {@link Unique}) and on SQLite `create unique index` (a unique {@link Index});
 * - other indexes (`<table>_<col>_index`) with the PostgreSQL access method (`type`);
 * - foreign keys (`<table>_<col>_foreign`) with `deleteRule`/`updateRule` (`no action` when MikroORM gives none)
 *   and `deferMode`; SQLite writes them inside `create table`, PostgreSQL adds them after; none at all when
 *   `createForeignKeyConstraints` is false;
 * - checks with MikroORM's names, plus the unnamed enum checks of the columns;
 * - PostgreSQL: the table's schema (absent for the default one) and comment.
 *
 * Throws an `Error` for what the schema model cannot express yet: raw index `expression`s, full-text indexes,
 * indexes on JSON properties, deferrable unique constraints, generated columns.
 */
export function mikroOrmTableToSchema(table: MikroOrmTable, options: MikroOrmMappingOptions): Table {
  const { dialect } = options;
  const schema = dialect === 'postgresql' ? nonDefaultSchema(table.schema, options.defaultSchema) : undefined;
  const indexes = table.getIndexes();
  const primary = indexes.find((index) => index.primary);
  const compositePrimaryKey = (primary?.columnNames.length ?? 0) > 1;
  const mapped = table.getColumns().map((column) =>
    within(`column "${column.name}"`, () => mikroOrmColumnToSchema(column, { dialect, compositePrimaryKey, ...(schema ? { tableSchema: schema } : {}), ...(options.defaultSchema ? { defaultSchema: options.defaultSchema } : {}) })),
  );
  const primaryKey: PrimaryKey | undefined = primary ? { ...(dialect === 'postgresql' ? { name: primary.keyName } : {}), columns: [...primary.columnNames] } : undefined;
  const others = indexes.filter((index) => !index.primary);
  others.forEach((index) => within(`index "${index.keyName}"`, () => assertExpressible(index, dialect)));
  const asUniques = dialect === 'postgresql' ? others.filter((index) => index.unique) : [];
  const asIndexes = others.filter((index) => !asUniques.includes(index));
  const foreignKeys = options.createForeignKeyConstraints === false ? [] : Object.values(table.getForeignKeys());
  return createTable({
    name: table.name,
    ...(schema ? { schema } : {}),
    ...(dialect === 'postgresql' && table.comment ? { comment: table.comment } : {}),
    columns: mapped.map((m) => m.column),
    ...(primaryKey ? { primaryKey } : {}),
    foreignKeys: foreignKeys.map((fk) => within(`foreign key "${fk.constraintName}"`, () => mikroOrmForeignKey(fk, options))),
    indexes: asIndexes.map((index): Index => mikroOrmIndex(index, dialect)),
    uniques: asUniques.map((index): Unique => ({ name: index.keyName, columns: [...index.columnNames] })),
    checks: [
      ...table.getChecks().map((check): Check => ({ name: check.name, expression: String(check.expression) })),
      ...mapped.flatMap((m) => (m.check ? [m.check] : [])),
    ],
  });
}

/** `undefined` for the default schema (or none), else the schema. */
export function nonDefaultSchema(schema: string | undefined, defaultSchema: string | undefined): string | undefined {
  return schema && schema !== defaultSchema ? schema : undefined;
}

function assertExpressible(index: MikroOrmIndex, dialect: DialectName): void {
  if (index.expression) throw new Error('indexes given as a raw `expression` are not supported by autogen yet; list the properties instead');
  if (index.type === 'fulltext') throw new Error('full-text indexes are not supported by autogen yet');
  if (index.columnNames.some((column) => column.includes('.'))) throw new Error('indexes on JSON properties are not supported by autogen yet');
  if (typeof index.type === 'object' && index.type !== null && 'predicate' in index.type) throw new Error('partial indexes given as a query-builder predicate are not supported by autogen yet');
  if (dialect === 'postgresql' && index.unique && index.deferMode) throw new Error('deferrable unique constraints are not supported by autogen yet');
}

function mikroOrmIndex(index: MikroOrmIndex, dialect: DialectName): Index {
  const type = typeof index.type === 'string' ? index.type : typeof index.type?.indexType === 'string' ? index.type.indexType : undefined;
  return {
    name: index.keyName,
    parts: index.columnNames.map((name) => ({ kind: 'column', name })),
    unique: index.unique,
    // knex writes `using <type>` on PostgreSQL only.
    ...(dialect === 'postgresql' && type ? { method: type } : {}),
  };
}

const ACTIONS: Readonly<Record<string, ForeignKeyAction>> = {
  'no action': 'no action',
  restrict: 'restrict',
  cascade: 'cascade',
  'set null': 'set null',
  'set default': 'set default',
};

function action(rule: string | undefined): ForeignKeyAction {
  if (rule === undefined || rule === '') return 'no action';
  const mapped = ACTIONS[rule.toLowerCase().replace(/\s+/g, ' ').trim()];
  if (!mapped) throw new Error(`rule ${JSON.stringify(rule)} is not a referential action; use one of ${Object.keys(ACTIONS).map((a) => `'${a}'`).join(', ')}`);
  return mapped;
}

function mikroOrmForeignKey(fk: MikroOrmForeignKey, options: MikroOrmMappingOptions): ForeignKey {
  const dot = fk.referencedTableName.lastIndexOf('.');
  const referencedTable = dot >= 0 ? fk.referencedTableName.slice(dot + 1) : fk.referencedTableName;
  const referencedSchema = options.dialect === 'postgresql' && dot > 0 ? nonDefaultSchema(fk.referencedTableName.slice(0, dot), options.defaultSchema) : undefined;
  return {
    name: fk.constraintName,
    columns: [...fk.columnNames],
    referencedTable,
    referencedColumns: [...fk.referencedColumnNames],
    onDelete: action(fk.deleteRule),
    onUpdate: action(fk.updateRule),
    ...(fk.deferMode ? { deferrable: true } : {}),
    ...(fk.deferMode === 'deferred' ? { deferred: true } : {}),
    ...(referencedSchema ? { referencedSchema } : {}),
  };
}

/** Runs `f`, prefixing what it throws with `what` and keeping the original as `cause`. */
export function within<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
