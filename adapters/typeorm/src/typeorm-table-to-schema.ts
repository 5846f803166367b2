import { createTable, type Check, type DialectName, type EnumType, type ForeignKey, type ForeignKeyAction, type Index, type PrimaryKey, type Table, type Unique } from '@autogen/schema';
import type { EntityMetadata } from 'typeorm';
import { postgresSchemaName } from './postgres-schema-name';
import { typeormColumnToSchema } from './typeorm-column-to-schema';
import type { TypeormMetadataSource } from './build-typeorm-metadata';
import type { TypeormColumn, TypeormForeignKey, TypeormIndex, TypeormUnique } from './typeorm-types';
import { within } from './within';

/** A mapped table, and the PostgreSQL enum types its columns use (with `entity.property`, for messages). */
export interface MappedTable {
  readonly table: Table;
  readonly enums: ReadonlyArray<{ readonly enum: EnumType; readonly at: string }>;
}

/**
 * Maps the metadata of one table entity (regular, junction, closure or the root of a single-table inheritance,
 * whose metadata carries its children's columns) to the schema model, as TypeORM's schema builder creates it
 * (`Table.create` and `createTableSql` in the dialect's query runner):
 *
 * - columns: every column except virtual properties (`@VirtualColumn`), embedded ones already flattened; see
 *   {@link typeormColumnToSchema};
 * - primary key: PostgreSQL names it (`PK_<hash>` from the naming strategy, or the `primaryKeyConstraintName` the
 *   entity gives); SQLite leaves it unnamed (`"id" integer PRIMARY KEY`, or `PRIMARY KEY (a, b)` for a composite);
 * - foreign keys of `@ManyToOne`/`@OneToOne` join columns and junction tables (`FK_<hash>`), actions lowercased,
 *   `deferrable: 'INITIALLY DEFERRED' | 'INITIALLY IMMEDIATE'` as `deferrable` / `deferred`;
 * - indices (`IDX_<hash>`) with `unique`, `where`, and on PostgreSQL the access method (`type`, or `gist` for
 *   `spatial`); indices with `synchronize: false` are skipped, as TypeORM leaves them alone;
 * - unique constraints (`UQ_<hash>`, `REL_<hash>` for a one-to-one join column; `@Column({ unique: true })` is one
 *   too) and checks (`CHK_<hash>`) with TypeORM's names; on SQLite every column with `enum` also gets TypeORM's
 *   unnamed `CHECK( "col" IN ('a','b') )`;
 * - PostgreSQL: the table's schema (absent for `public`) and comment.
 *
 * TypeORM's constraint names are kept as explicit names: they are what TypeORM's own schema synchronization looks
 * for, so a revision must create exactly them.
 *
 * Throws a {@link TypeormTableError} naming the table (and object) for what the schema model cannot express: generated columns,
 * exclusion constraints, deferrable unique constraints, full-text indices, SQLite `WITHOUT ROWID`, spatial
 * indices and index types on SQLite, `onDelete: 'DEFAULT'`.
 */
export function typeormTableToSchema(metadata: EntityMetadata, source: TypeormMetadataSource, dialect: DialectName): MappedTable {
  try {
    return mapTable(metadata, source, dialect);
  } catch (error) {
    throw new TypeormTableError(metadata, `table "${metadata.tablePath}" (entity ${metadata.name}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A table entity autogen cannot map; `metadata` is the entity's (for the adapter to name its file). */
export class TypeormTableError extends Error {
  constructor(readonly metadata: EntityMetadata, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TypeormTableError';
  }
}

function mapTable(metadata: EntityMetadata, source: TypeormMetadataSource, dialect: DialectName): MappedTable {
  const schema = dialect === 'postgresql' ? postgresSchemaName(metadata.schema) : undefined;
  const place = { name: metadata.tableName, ...(schema ? { schema } : {}) };
  if (dialect === 'sqlite' && metadata.withoutRowid) throw new Error('WITHOUT ROWID tables are not supported by autogen yet');
  if (metadata.exclusions.length) {
    throw new Error(`exclusion constraints (${metadata.exclusions.map((e) => e.name).join(', ')}) are not supported by autogen yet`);
  }
  const columns = metadata.columns.filter((c) => !c.isVirtualProperty);
  const mapped = columns.map((column) => within(`column "${column.databaseName}"`, () => typeormColumnToSchema(column, place, dialect, source.driver)));
  const enums = mapped.flatMap((m, i) => (m.enum ? [{ enum: m.enum, at: `${metadata.name}.${(columns[i] as TypeormColumn).propertyPath}` }] : []));
  const primaryKey = typeormPrimaryKey(metadata, columns, source, dialect);
  return {
    table: createTable({
      ...place,
      ...(dialect === 'postgresql' && metadata.comment ? { comment: metadata.comment } : {}),
      columns: mapped.map((m) => m.column),
      ...(primaryKey ? { primaryKey } : {}),
      foreignKeys: metadata.foreignKeys.map((fk) => within(`foreign key "${fk.name}"`, () => typeormForeignKey(fk, dialect))),
      indexes: metadata.indices.filter((index) => index.synchronize !== false).map((index) => within(`index "${index.name}"`, () => typeormIndex(index, dialect))),
      uniques: metadata.uniques.map((unique) => within(`unique "${unique.name}"`, () => typeormUnique(unique, dialect))),
      checks: [...metadata.checks.map((check): Check => ({ name: check.name, expression: check.expression })), ...(dialect === 'sqlite' ? sqliteEnumChecks(columns) : [])],
    }),
    enums,
  };
}

/** The primary key as TypeORM writes it; see {@link typeormTableToSchema}. */
function typeormPrimaryKey(
  metadata: EntityMetadata,
  columns: ReadonlyArray<TypeormColumn>,
  source: TypeormMetadataSource,
  dialect: DialectName,
): PrimaryKey | undefined {
  const keyColumns = columns.filter((c) => c.isPrimary);
  const first = keyColumns[0];
  if (!first) return undefined;
  const names = keyColumns.map((c) => c.databaseName);
  if (dialect === 'sqlite') return { columns: names };
  // `createTableSql` names the key after the Table object `Table.create` builds: its name is the table path
  // without the driver's default schema (see Table.create in typeorm/schema-builder/table/Table).
  const defaultSchema = (source.driver.options as { schema?: string }).schema;
  const tableSchema = metadata.schema === defaultSchema ? undefined : metadata.schema;
  const table = { name: source.driver.buildTableName(metadata.tableName, tableSchema, metadata.database), schema: metadata.schema, database: metadata.database };
  const name = first.primaryKeyConstraintName ?? source.namingStrategy.primaryKeyName(table as never, names);
  return { name, columns: names };
}

const ACTIONS: Readonly<Record<string, ForeignKeyAction>> = {
  'NO ACTION': 'no action',
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
};

function foreignKeyAction(action: string | undefined): ForeignKeyAction {
  if (action === undefined) return 'no action';
  const mapped = ACTIONS[action.toUpperCase()];
  if (!mapped) throw new Error(`action ${JSON.stringify(action)} is not valid SQL; use one of ${Object.keys(ACTIONS).map((a) => `'${a}'`).join(', ')}`);
  return mapped;
}

function typeormForeignKey(fk: TypeormForeignKey, dialect: DialectName): ForeignKey {
  const referenced = fk.referencedEntityMetadata;
  const referencedSchema = dialect === 'postgresql' ? postgresSchemaName(referenced.schema) : undefined;
  return {
    name: fk.name,
    columns: fk.columnNames,
    referencedTable: referenced.tableName,
    referencedColumns: fk.referencedColumnNames,
    onDelete: foreignKeyAction(fk.onDelete),
    onUpdate: foreignKeyAction(fk.onUpdate),
    ...(fk.deferrable ? { deferrable: true } : {}),
    ...(fk.deferrable === 'INITIALLY DEFERRED' ? { deferred: true } : {}),
    ...(referencedSchema ? { referencedSchema } : {}),
  };
}

function typeormIndex(index: TypeormIndex, dialect: DialectName): Index {
  if (index.isFulltext) throw new Error('full-text indices are MySQL-only in TypeORM and not supported by autogen');
  const method = index.isSpatial ? 'gist' : index.type;
  if (dialect === 'sqlite' && method !== undefined) {
    throw new Error(index.isSpatial ? 'spatial indices are not supported on SQLite' : `index type ${JSON.stringify(index.type)} is not supported on SQLite`);
  }
  return {
    name: index.name,
    parts: index.columns.map((c) => ({ kind: 'column', name: c.databaseName })),
    unique: index.isUnique,
    ...(index.where ? { where: index.where } : {}),
    ...(method ? { method } : {}),
  };
}

function typeormUnique(unique: TypeormUnique, dialect: DialectName): Unique {
  // SQLite's createTableSql ignores `deferrable` on uniques; PostgreSQL writes it, and the model has no place for it.
  if (dialect === 'postgresql' && unique.deferrable) throw new Error('deferrable unique constraints are not supported by autogen yet');
  return { name: unique.name, columns: unique.columns.map((c) => c.databaseName) };
}

/**
 * The CHECK TypeORM adds on SQLite to each non-array column with `enum` (`simple-enum`), written into the column
 * definition and so unnamed: `CHECK( "role" IN ('admin','user') )`. See `buildCreateColumnSql` in
 * typeorm/driver/sqlite-abstract/AbstractSqliteQueryRunner.
 */
function sqliteEnumChecks(columns: ReadonlyArray<TypeormColumn>): ReadonlyArray<Check> {
  return columns
    .filter((c) => c.enum && !c.isArray)
    .map((c): Check => ({
      expression: `"${c.databaseName}" IN (${(c.enum ?? []).map((value) => `'${String(value).replaceAll("'", "''")}'`).join(',')})`,
    }));
}
