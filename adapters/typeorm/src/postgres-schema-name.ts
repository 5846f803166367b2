/**
 * The schema a table or enum type is kept under in the schema model: `undefined` for none and for `public`, the
 * default schema (https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PUBLIC), else the name.
 */
export function postgresSchemaName(schema: string | undefined): string | undefined {
  return schema && schema !== 'public' ? schema : undefined;
}
