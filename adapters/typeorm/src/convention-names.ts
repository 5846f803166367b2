import type { Schema } from '@autogen/schema';
import type { TypeormMetadataSource } from './build-typeorm-metadata';

/**
 * With a naming convention configured, the constraints TypeORM would name by itself (`FK_<hash>`, `UQ_<hash>`,
 * `CHK_<hash>`, `PK_<hash>`, from the naming strategy) are left unnamed, so the convention names them in the
 * revisions autogen writes; names given explicitly in the entities (`foreignKeyConstraintName`, `@Unique('name')`,
 * `@Check('name', …)`, `primaryKeyConstraintName`) stay. Indexes keep TypeORM's names: an index always has one.
 * Existing constraints are matched by what they do, so their names in the database are never a change.
 */
export function leaveGeneratedNamesToConvention(schema: Schema, source: TypeormMetadataSource): Schema {
  const given = new Set<string>();
  for (const metadata of source.entityMetadatas) {
    for (const fk of metadata.foreignKeys) if (fk.givenName) given.add(fk.name);
    for (const unique of metadata.uniques) if (unique.givenName) given.add(unique.name);
    for (const check of metadata.checks) if (check.givenName) given.add(check.name);
    for (const column of metadata.primaryColumns) if (column.primaryKeyConstraintName) given.add(column.primaryKeyConstraintName);
  }
  const keep = <T extends { readonly name?: string }>(item: T): T => {
    if (item.name === undefined || given.has(item.name)) return item;
    const { name: _generated, ...rest } = item;
    return rest as T;
  };
  return {
    ...schema,
    tables: schema.tables.map((table) => ({
      ...table,
      ...(table.primaryKey ? { primaryKey: keep(table.primaryKey) } : {}),
      foreignKeys: table.foreignKeys.map(keep),
      uniques: table.uniques.map(keep),
      checks: table.checks.map(keep),
    })),
  };
}
