import { tableKey, type EnumType } from '@autogen/schema';
import { postgresSchemaName } from './postgres-schema-name';
import type { TypeormColumn } from './typeorm-types';

/**
 * The PostgreSQL enum type TypeORM creates for an `enum` or `simple-enum` column: named by the column's
 * `enumName`, else `<table>_<column in lowercase>_enum`, in the table's schema, with the column's values as text
 * in declared order. See `buildEnumName` and `createEnumTypeSql` in typeorm/driver/postgres/PostgresQueryRunner.
 *
 * An `enumName` with a dot (`audit.status`) names its own schema, as TypeORM writes it (`"audit"."status"`).
 */
export function postgresEnumOf(column: TypeormColumn, table: { readonly name: string; readonly schema?: string }): EnumType {
  const given = column.enumName;
  let schema = table.schema;
  let name = given ?? `${table.name}_${column.databaseName.toLowerCase()}_enum`;
  const dot = given ? given.indexOf('.') : -1;
  if (given && dot > 0) {
    schema = postgresSchemaName(given.slice(0, dot));
    name = given.slice(dot + 1);
  }
  const values = (column.enum ?? []).map((value) => String(value));
  return { name, ...(schema ? { schema } : {}), values };
}

/** `"name"` or `"schema"."name"`: how TypeORM spells an enum type in a column definition. */
export function quotedEnumName(value: EnumType): string {
  return [value.schema, value.name]
    .filter((part): part is string => part !== undefined)
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

/** Thrown when two columns use one enum type name with different values. */
export class TypeormEnumConflictError extends Error {
  constructor(readonly key: string, readonly first: string, readonly second: string, message: string) {
    super(message);
    this.name = 'TypeormEnumConflictError';
  }
}

/** An enum type and where it was declared (`entity.property`), for conflict messages. */
export interface EnumUse {
  readonly enum: EnumType;
  readonly at: string;
}

/**
 * The enum types of a schema, one per key, in first-use order. TypeORM creates a type once per name, whatever the
 * values of later columns that name it; two different value lists under one name would leave one column with the
 * wrong labels, so they throw {@link TypeormEnumConflictError} naming both columns.
 */
export function collectEnums(uses: ReadonlyArray<EnumUse>): ReadonlyArray<EnumType> {
  const byKey = new Map<string, EnumUse>();
  for (const use of uses) {
    const key = tableKey(use.enum);
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, use);
      continue;
    }
    if (JSON.stringify(first.enum.values) !== JSON.stringify(use.enum.values)) {
      throw new TypeormEnumConflictError(
        key,
        first.at,
        use.at,
        `enum type "${key}" is used by ${first.at} with values (${first.enum.values.join(', ')}) and by ${use.at} with values (${use.enum.values.join(', ')}); give one of them another enumName`,
      );
    }
  }
  return [...byKey.values()].map((use) => use.enum);
}
