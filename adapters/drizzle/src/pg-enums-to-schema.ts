import { tableKey, type EnumType } from '@autogen/schema';
import type { DrizzlePgEnum } from './pg-enums';
import { pgSchemaName } from './pg-schema-name';

/** A pgEnum and where it was found, for messages (`models/a.ts (export mood)`, `table "users"`). */
export interface PgEnumSource {
  readonly enum: DrizzlePgEnum;
  /** Where it was found, as messages name it. */
  readonly source: string;
  /** The model file it was found in, when known. */
  readonly file?: string;
}

/** Two different pgEnum declarations with one key and different labels. */
export class PgEnumConflictError extends Error {
  constructor(
    /** The second declaration, the one that clashes with an earlier one. */
    readonly at: PgEnumSource,
    message: string,
  ) {
    super(message);
    this.name = 'PgEnumConflictError';
  }
}

/**
 * Maps pgEnums to the schema model's enum types (`{ name, schema?, values }`, labels in declared order), one per key:
 * the same enum reached twice (exported and used by a column, or declared twice with the same labels) counts
 * once; two declarations of one key with different labels throw a {@link PgEnumConflictError}, since only one of
 * them can exist in the database.
 */
export function pgEnumsToSchema(found: ReadonlyArray<PgEnumSource>): ReadonlyArray<EnumType> {
  const byKey = new Map<string, { readonly type: EnumType; readonly source: string }>();
  for (const entry of found) {
    const { enum: declared, source } = entry;
    const schema = pgSchemaName(declared.schema);
    const type: EnumType = { name: declared.enumName, ...(schema ? { schema } : {}), values: [...declared.enumValues] };
    const key = tableKey(type);
    const other = byKey.get(key);
    if (!other) {
      byKey.set(key, { type, source });
      continue;
    }
    if (JSON.stringify(other.type.values) !== JSON.stringify(type.values)) {
      throw new PgEnumConflictError(
        entry,
        `enum "${key}" is declared twice with different values: ${JSON.stringify(other.type.values)} by ${other.source} and ${JSON.stringify(type.values)} by ${source}`,
      );
    }
  }
  return [...byKey.values()].map((kept) => kept.type);
}
