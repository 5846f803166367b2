import type { SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Check, Column, ForeignKey, ForeignKeyAction, Index, IndexPart, PrimaryKey, Table, Unique } from '@autogen/schema';
import { createTable, parseColumnType } from '@autogen/schema';
import { drizzleColumnDefault } from './drizzle-column-default';
import type { DrizzleRuntime } from './drizzle-runtime';
import { explicitName } from './explicit-name';
import { renderDrizzleSql } from './render-drizzle-sql';
import { within } from './within';

type SQLiteTableConfig = ReturnType<typeof import('drizzle-orm/sqlite-core').getTableConfig>;

/**
 * Maps one `sqliteTable(...)` to the schema model, reading drizzle's own table config (`getTableConfig` from
 * `drizzle-orm/sqlite-core`), the same source drizzle-kit reads. See https://orm.drizzle.team/docs/sql-schema-declaration
 *
 * Names drizzle generates when the model gives none (`<table>_<cols>_<ftable>_<fcols>_fk`, `<table>_<cols>_unique`,
 * `<table>_<cols>_pk`) become an absent `name`, so the configured naming convention names those objects; names
 * the model spells out are kept. Index and check names are always the model's own (drizzle requires them).
 *
 * Throws an `Error` naming the table (and column) for what the schema model cannot express yet: generated columns
 * and more than one primary key.
 */
export function sqliteTableToSchema(table: SQLiteTable, runtime: DrizzleRuntime): Table {
  const config = runtime.sqlite.getTableConfig(table);
  try {
    return sqliteTableFromConfig(config, runtime);
  } catch (error) {
    throw new Error(`table "${config.name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function sqliteTableFromConfig(config: SQLiteTableConfig, runtime: DrizzleRuntime): Table {
  const quoting = new runtime.sqlite.SQLiteSyncDialect();
  const render = (sql: SQL): string => renderDrizzleSql(sql, quoting, runtime);
  const name = config.name;
  return createTable({
    name,
    columns: config.columns.map((column) => sqliteColumn(column, render, runtime)),
    ...optional('primaryKey', sqlitePrimaryKey(config)),
    foreignKeys: config.foreignKeys.map((fk) => sqliteForeignKey(fk, name, runtime)),
    indexes: config.indexes.map((index) => within(`index "${index.config.name}"`, () => sqliteIndex(index.config, render, runtime))),
    uniques: sqliteUniques(config, name),
    checks: config.checks.map((check): Check => within(`check "${check.name}"`, () => ({ name: check.name, expression: render(check.value) }))),
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function sqliteColumn(column: SQLiteTableConfig['columns'][number], render: (sql: SQL) => string, runtime: DrizzleRuntime): Column {
  if (column.generated) {
    // The schema model has no generated columns yet; mapping one as a plain column would write wrong DDL.
    throw new Error(`column "${column.name}" is a generated column (generatedAlwaysAs), which autogen does not support yet`);
  }
  const value = within(`column "${column.name}"`, () => drizzleColumnDefault(column, render, runtime));
  // `integer().primaryKey({ autoIncrement: true })` is the only way to ask for AUTOINCREMENT.
  // See https://orm.drizzle.team/docs/column-types/sqlite#integer and https://www.sqlite.org/autoinc.html
  const autoincrement = runtime.core.is(column, runtime.sqlite.SQLiteBaseInteger) && column.autoIncrement;
  return {
    name: column.name,
    type: parseColumnType(column.getSQLType()),
    // `.primaryKey()` sets notNull itself; columns of a composite primary key stay as declared, since SQLite
    // lets them hold NULL unless NOT NULL is written (https://www.sqlite.org/lang_createtable.html#the_primary_key).
    nullable: !column.notNull,
    ...(value ? { default: value } : {}),
    ...(autoincrement ? { autoincrement: true } : {}),
  };
}

function sqlitePrimaryKey(config: SQLiteTableConfig): PrimaryKey | undefined {
  const columnKeys = config.columns.filter((c) => c.primary);
  const declared = config.primaryKeys.length + columnKeys.length;
  if (declared > 1) {
    const parts = [...columnKeys.map((c) => `${c.name}.primaryKey()`), ...config.primaryKeys.map((p) => `primaryKey(${p.columns.map((c) => c.name).join(', ')})`)];
    throw new Error(`more than one primary key (${parts.join(', ')}); SQLite allows one`);
  }
  const column = columnKeys[0];
  if (column) return { columns: [column.name] };
  const composite = config.primaryKeys[0];
  if (!composite) return undefined;
  const columns = composite.columns.map((c) => c.name);
  const name = explicitName(composite.name, `${config.name}_${columns.join('_')}_pk`);
  return { ...(name ? { name } : {}), columns };
}

function sqliteForeignKey(
  fk: SQLiteTableConfig['foreignKeys'][number],
  table: string,
  runtime: DrizzleRuntime,
): ForeignKey {
  const reference = fk.reference();
  const columns = reference.columns.map((c) => c.name);
  const referencedTable = runtime.core.getTableName(reference.foreignTable);
  const referencedColumns = reference.foreignColumns.map((c) => c.name);
  // drizzle's generated name, see ForeignKey.getName() in drizzle-orm/sqlite-core/foreign-keys.
  const generated = `${[table, ...columns, referencedTable, ...referencedColumns].join('_')}_fk`;
  const name = explicitName(reference.name, generated);
  return {
    ...(name ? { name } : {}),
    columns,
    referencedTable,
    referencedColumns,
    onDelete: foreignKeyAction(fk.onDelete),
    onUpdate: foreignKeyAction(fk.onUpdate),
  };
}

/** drizzle's actions are already the lowercase SQL spellings; absent means the SQL default, NO ACTION. */
function foreignKeyAction(action: ForeignKeyAction | undefined): ForeignKeyAction {
  return action ?? 'no action';
}

function sqliteIndex(
  config: SQLiteTableConfig['indexes'][number]['config'],
  render: (sql: SQL) => string,
  runtime: DrizzleRuntime,
): Index {
  const parts = config.columns.map((part): IndexPart =>
    runtime.core.is(part, runtime.core.SQL) ? { kind: 'expression', sql: render(part) } : { kind: 'column', name: part.name },
  );
  return {
    name: config.name,
    parts,
    unique: config.unique,
    ...(config.where ? { where: render(config.where) } : {}),
  };
}

/** Column-level `.unique()` and table-level `unique().on(...)`; drizzle names both `<table>_<cols>_unique` by default. */
function sqliteUniques(config: SQLiteTableConfig, table: string): ReadonlyArray<Unique> {
  const fromColumns = config.columns
    .filter((c) => c.isUnique)
    .map((c): Unique => withName(explicitName(c.uniqueName, `${table}_${c.name}_unique`), [c.name]));
  const fromConstraints = config.uniqueConstraints.map((u): Unique => {
    const columns = u.columns.map((c) => c.name);
    return withName(explicitName(u.name, `${table}_${columns.join('_')}_unique`), columns);
  });
  return [...fromColumns, ...fromConstraints];
}

function withName(name: string | undefined, columns: ReadonlyArray<string>): Unique {
  return { ...(name ? { name } : {}), columns };
}
