import { sortSchema, type EnumType, type Schema } from '@autogen/schema';
import { mikroOrmTableToSchema, nonDefaultSchema, type MikroOrmMappingOptions } from './mikro-orm-table-to-schema';
import type { MikroOrmDatabaseSchema, MikroOrmTable } from './mikro-orm-types';

/** A table MikroORM defines that autogen cannot map; `table` is MikroORM's (for the adapter to name the entity's file). */
export class MikroOrmTableError extends Error {
  constructor(readonly table: MikroOrmTable, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MikroOrmTableError';
  }
}

/**
 * The pure mapping: MikroORM's own target schema (what `orm.getSchemaGenerator().getTargetSchema()` builds from
 * the entity metadata with the platform's types, defaults and naming strategy — the schema `createSchema()`
 * writes) to autogen's schema model. Tables: {@link mikroOrmTableToSchema}. On PostgreSQL the native enums
 * MikroORM creates (`create type ... as enum`) are the schema's `enums`; SQLite has none (enum columns are checks).
 *
 * Throws {@link MikroOrmTableError} naming the table for what autogen cannot express.
 */
export function mikroOrmSchemaToSchema(databaseSchema: MikroOrmDatabaseSchema, options: MikroOrmMappingOptions): Schema {
  const tables = databaseSchema.getTables().map((table) => {
    try {
      return mikroOrmTableToSchema(table, options);
    } catch (error) {
      throw new MikroOrmTableError(table, `table "${table.schema ? `${table.schema}.` : ''}${table.name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  });
  if (options.dialect !== 'postgresql') return sortSchema({ tables });
  const enums = Object.values(databaseSchema.getNativeEnums()).map((value): EnumType => {
    const schema = nonDefaultSchema(value.schema, options.defaultSchema);
    return { name: value.name, ...(schema ? { schema } : {}), values: [...value.items] };
  });
  return sortSchema(enums.length ? { tables, enums } : { tables });
}
