/**
 * PostgreSQL's default schema. drizzle's `pgTable` and `pgEnum` leave their schema undefined, and `pgSchema('public')`
 * is refused by drizzle itself; a table or enum there has no `schema` in the model.
 * See https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PUBLIC
 */
export const PG_DEFAULT_SCHEMA = 'public';

/** The schema to record on a table, enum or foreign key: `undefined` for the default schema (`public`). */
export function pgSchemaName(schema: string | undefined): string | undefined {
  return schema === undefined || schema === PG_DEFAULT_SCHEMA ? undefined : schema;
}
