import { sortSchema, tableKey, type DialectName, type Schema, type Table } from '@autogen/schema';
import type { EntityMetadata } from 'typeorm';
import type { TypeormMetadataSource } from './build-typeorm-metadata';
import { collectEnums, type EnumUse } from './typeorm-enums';
import { typeormTableToSchema } from './typeorm-table-to-schema';

/**
 * The entity metadatas that are tables TypeORM's schema synchronization manages, as `RdbmsSchemaBuilder` picks
 * them (`entityToSyncMetadatas`): not views, not single-table-inheritance children (their columns live in the
 * root entity's table), not entities with `synchronize: false`.
 */
export function typeormTableMetadatas(source: Pick<TypeormMetadataSource, 'entityMetadatas'>): ReadonlyArray<EntityMetadata> {
  return source.entityMetadatas.filter((m) => m.synchronize !== false && m.tableType !== 'entity-child' && m.tableType !== 'view');
}

/**
 * Maps the built metadata of a DataSource (see `buildTypeormMetadata`) to the schema model for `dialect`: one
 * table per table entity (see {@link typeormTableMetadatas} and `typeormTableToSchema`) and, for PostgreSQL, the
 * enum types TypeORM creates for enum columns. Pure: reads the metadata, the driver's normalization and the naming
 * strategy, and never touches a database. The result is in canonical order (`sortSchema`) but not normalized.
 *
 * Throws an `Error` naming the table and object for what autogen cannot express, for two entities on one table,
 * and for two enum columns that give one enum type different values.
 */
export function typeormMetadataToSchema(source: TypeormMetadataSource, dialect: DialectName): Schema {
  const tables: Table[] = [];
  const enumUses: EnumUse[] = [];
  const owners = new Map<string, string>();
  for (const metadata of typeormTableMetadatas(source)) {
    const mapped = typeormTableToSchema(metadata, source, dialect);
    const key = tableKey(mapped.table);
    const owner = owners.get(key);
    if (owner) throw new Error(`table "${key}" is defined by entity ${owner} and by entity ${metadata.name}`);
    owners.set(key, metadata.name);
    tables.push(mapped.table);
    enumUses.push(...mapped.enums);
  }
  const enums = dialect === 'postgresql' ? collectEnums(enumUses) : [];
  return sortSchema({ tables, enums });
}
