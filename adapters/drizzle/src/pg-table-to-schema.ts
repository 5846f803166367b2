import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { createTable, type Check, type Column, type ForeignKey, type PrimaryKey, type Table, type Unique } from '@autogen/schema';
import type { DrizzleRuntime } from './drizzle-runtime';
import { explicitName } from './explicit-name';
import { pgColumnDefault } from './pg-column-default';
import { drizzlePgColumnType } from './pg-column-type';
import { pgIndexToSchema } from './pg-index-to-schema';
import { pgSchemaName } from './pg-schema-name';
import { renderDrizzleSql } from './render-drizzle-sql';
import { within } from './within';

type PgTableConfig = ReturnType<typeof import('drizzle-orm/pg-core').getTableConfig>;

const SERIAL_TYPES: ReadonlySet<string> = new Set(['smallserial', 'serial', 'bigserial']);

/**
 * Maps one `pgTable(...)` or `pgSchema('x').table(...)` to the schema model, reading drizzle's own table config
 * (`getTableConfig` from `drizzle-orm/pg-core`), the same source drizzle-kit reads.
 * See https://orm.drizzle.team/docs/sql-schema-declaration and https://orm.drizzle.team/docs/column-types/pg
 *
 * - `schema` is the pgSchema's name; absent for `pgTable` (the default schema, `public`);
 * - column types are canonical PostgreSQL names with `raw` as drizzle spells them (see {@link drizzlePgColumnType}):
 *   serials stay `serial`/`bigserial`/`smallserial`, not null and with no default; pgEnum columns are named by the
 *   enum's key;
 * - `generatedAlwaysAsIdentity()` / `generatedByDefaultAsIdentity()` → `identity: 'always' | 'by default'`, not
 *   null, no default; the identity's sequence options are not part of the model and are ignored;
 * - defaults: see {@link pgColumnDefault}; `$defaultFn()` / `$onUpdate()` run in the client and are no default;
 * - columns of a composite primary key are not null, as PostgreSQL makes them
 *   (https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-PRIMARY-KEYS);
 * - foreign keys name the referenced table by its bare name plus `referencedSchema` when it lives in a pgSchema;
 * - names drizzle generates when the model gives none (`<table>_<cols>_pk`, `<table>_<cols>_unique`,
 *   `<table>_<cols>_<ftable>_<fcols>_fk`) become an absent `name`; names the model spells out are kept;
 * - indexes: see {@link pgIndexToSchema}; checks and index expressions are rendered with bare quoted column names
 *   and inlined parameters.
 *
 * Drizzle has no table or column comments, no deferrable foreign keys and no INCLUDE columns, so those stay
 * absent. Row-level security policies and `enableRLS()` are not part of the model and are ignored.
 *
 * Throws an `Error` naming the table (and column or constraint) for what the model cannot express yet: generated
 * columns, more than one primary key, `NULLS NOT DISTINCT` uniques, and the index options named in
 * {@link pgIndexToSchema}.
 */
export function pgTableToSchema(table: PgTable, runtime: DrizzleRuntime): Table {
  const config = runtime.pg.getTableConfig(table);
  try {
    return pgTableFromConfig(config, runtime);
  } catch (error) {
    const schema = pgSchemaName(config.schema);
    throw new Error(`table "${schema ? `${schema}.` : ''}${config.name}": ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

function pgTableFromConfig(config: PgTableConfig, runtime: DrizzleRuntime): Table {
  const quoting = new runtime.pg.PgDialect();
  const render = (sql: SQL): string => renderDrizzleSql(sql, quoting, runtime);
  const name = config.name;
  const schema = pgSchemaName(config.schema);
  const primaryKey = pgPrimaryKey(config);
  const keyColumns = new Set(primaryKey?.columns ?? []);
  const table = createTable({
    name,
    columns: config.columns.map((column) => within(`column "${column.name}"`, () => pgColumn(column, keyColumns.has(column.name), render, runtime))),
    ...(primaryKey ? { primaryKey } : {}),
    foreignKeys: config.foreignKeys.map((fk) => pgForeignKey(fk, name, runtime)),
    indexes: config.indexes.map((index) =>
      within(`index "${index.config.name ?? '(unnamed)'}"`, () => pgIndexToSchema(index, name, render, runtime)),
    ),
    uniques: pgUniques(config, name),
    checks: config.checks.map((check): Check => within(`check "${check.name}"`, () => ({ name: check.name, expression: render(check.value) }))),
  });
  return schema ? { ...table, schema } : table;
}

function pgColumn(column: PgTableConfig['columns'][number], inPrimaryKey: boolean, render: (sql: SQL) => string, runtime: DrizzleRuntime): Column {
  if (column.generated) {
    // The schema model has no generated columns yet; mapping one as a plain column would write wrong DDL.
    throw new Error('it is a generated column (generatedAlwaysAs), which autogen does not support yet');
  }
  const identity = column.generatedIdentity;
  // An identity column's value comes from its sequence; drizzle marks it hasDefault without a default.
  const value = identity ? undefined : pgColumnDefault(column, render, runtime);
  const type = drizzlePgColumnType(column, runtime);
  // A serial is always NOT NULL in PostgreSQL, but drizzle's bigserial({ mode: 'bigint' }) does not say so.
  // See https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-SERIAL
  const serial = SERIAL_TYPES.has(type.name);
  return {
    name: column.name,
    type,
    nullable: !(column.notNull || inPrimaryKey || identity || serial),
    ...(value ? { default: value } : {}),
    ...(identity ? { identity: identity.type === 'always' ? 'always' : 'by default' } : {}),
  };
}

function pgPrimaryKey(config: PgTableConfig): PrimaryKey | undefined {
  const columnKeys = config.columns.filter((c) => c.primary);
  const declared = config.primaryKeys.length + columnKeys.length;
  if (declared > 1) {
    const parts = [...columnKeys.map((c) => `${c.name}.primaryKey()`), ...config.primaryKeys.map((p) => `primaryKey(${p.columns.map((c) => c.name).join(', ')})`)];
    throw new Error(`more than one primary key (${parts.join(', ')}); PostgreSQL allows one`);
  }
  const column = columnKeys[0];
  if (column) return { columns: [column.name] };
  const composite = config.primaryKeys[0];
  if (!composite) return undefined;
  const columns = composite.columns.map((c) => c.name);
  // drizzle's generated name, see PrimaryKey.getName() in drizzle-orm/pg-core/primary-keys.
  const name = explicitName(composite.name, `${config.name}_${columns.join('_')}_pk`);
  return { ...(name ? { name } : {}), columns };
}

function pgForeignKey(fk: PgTableConfig['foreignKeys'][number], table: string, runtime: DrizzleRuntime): ForeignKey {
  const reference = fk.reference();
  const columns = reference.columns.map((c) => c.name);
  const referencedTable = runtime.core.getTableName(reference.foreignTable);
  const referencedSchema = pgSchemaName(runtime.pg.getTableConfig(reference.foreignTable).schema);
  const referencedColumns = reference.foreignColumns.map((c) => c.name);
  // drizzle's generated name, see ForeignKey.getName() in drizzle-orm/pg-core/foreign-keys.
  const name = explicitName(reference.name, `${[table, ...columns, referencedTable, ...referencedColumns].join('_')}_fk`);
  return {
    ...(name ? { name } : {}),
    columns,
    referencedTable,
    referencedColumns,
    // drizzle's actions are already the lowercase SQL spellings; absent means the SQL default, NO ACTION.
    onDelete: fk.onDelete ?? 'no action',
    onUpdate: fk.onUpdate ?? 'no action',
    ...(referencedSchema ? { referencedSchema } : {}),
  };
}

/**
 * Column-level `.unique()` and table-level `unique().on(...)`; drizzle names both `<table>_<cols>_unique` by default.
 * `NULLS NOT DISTINCT` (`.unique(name, { nulls: 'not distinct' })`, `.nullsNotDistinct()`) throws: the model has no
 * place for it and dropping it would let duplicate NULLs in (https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-UNIQUE-CONSTRAINTS).
 */
function pgUniques(config: PgTableConfig, table: string): ReadonlyArray<Unique> {
  const fromColumns = config.columns
    .filter((c) => c.isUnique)
    .map((c): Unique => {
      if (c.uniqueType === 'not distinct') throw new Error(`column "${c.name}": unique NULLS NOT DISTINCT is not supported by autogen yet`);
      return withName(explicitName(c.uniqueName, `${table}_${c.name}_unique`), [c.name]);
    });
  const fromConstraints = config.uniqueConstraints.map((u): Unique => {
    const columns = u.columns.map((c) => c.name);
    if (u.nullsNotDistinct) throw new Error(`unique "${u.name}" (${columns.join(', ')}): NULLS NOT DISTINCT is not supported by autogen yet`);
    return withName(explicitName(u.name, `${table}_${columns.join('_')}_unique`), columns);
  });
  return [...fromColumns, ...fromConstraints];
}

function withName(name: string | undefined, columns: ReadonlyArray<string>): Unique {
  return { ...(name ? { name } : {}), columns };
}
