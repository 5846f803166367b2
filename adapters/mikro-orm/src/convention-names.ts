import type { Schema } from '@autogen/schema';

/** The part of MikroORM's `NamingStrategy` that names constraints (`UnderscoreNamingStrategy.indexName`). */
export interface MikroOrmConstraintNamer {
  indexName(tableName: string, columns: string[], type: 'primary' | 'foreign' | 'unique' | 'index' | 'sequence' | 'check'): string;
}

/**
 * With a naming convention configured, the constraints MikroORM named by itself are left unnamed so that the
 * convention names them in the revisions autogen writes. MikroORM always has a name for a constraint, so a name
 * counts as MikroORM's own when it equals what the project's naming strategy generates for it
 * (`<table>_pkey`, `<table>_<cols>_foreign`, `<table>_<cols>_unique`, `<table>[_<col>]_check`); names the entities
 * give explicitly (`foreignKeyName`, `@Unique({ name })`, `@Check({ name })`) stay. Indexes keep their names: an
 * index always has one. Existing constraints are matched by what they do, so their names are never a change.
 */
export function leaveGeneratedNamesToConvention(schema: Schema, namer: MikroOrmConstraintNamer): Schema {
  return {
    ...schema,
    tables: schema.tables.map((table) => {
      // MikroORM names by the table name without its schema.
      const name = table.name;
      const generated = (given: string | undefined, candidates: ReadonlyArray<string>): boolean => given !== undefined && candidates.includes(given);
      const unnamed = <T extends { readonly name?: string }>(item: T, candidates: ReadonlyArray<string>): T => {
        if (!generated(item.name, candidates)) return item;
        const { name: _generated, ...rest } = item;
        return rest as T;
      };
      const checkNames = [namer.indexName(name, [], 'check'), ...table.columns.map((c) => namer.indexName(name, [c.name], 'check'))];
      return {
        ...table,
        ...(table.primaryKey ? { primaryKey: unnamed(table.primaryKey, [namer.indexName(name, [...table.primaryKey.columns], 'primary')]) } : {}),
        foreignKeys: table.foreignKeys.map((fk) => unnamed(fk, [namer.indexName(name, [...fk.columns], 'foreign')])),
        uniques: table.uniques.map((u) => unnamed(u, [namer.indexName(name, [...u.columns], 'unique')])),
        checks: table.checks.map((c) => unnamed(c, checkNames)),
      };
    }),
  };
}

