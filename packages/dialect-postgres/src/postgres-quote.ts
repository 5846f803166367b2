/**
 * Quoting for PostgreSQL, and the qualified name of a table or enum key.
 *
 * Every identifier is double-quoted, always: PostgreSQL folds unquoted names to lower case and reserves many
 * words (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS), so quoting
 * every name keeps mixed case, spaces, reserved words and embedded `"` exactly as the model spells them.
 */

/** Quotes an identifier: wrapped in double quotes, an embedded `"` doubled (`my "x"` → `"my ""x"""`). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Quotes a string literal: wrapped in single quotes, an embedded `'` doubled. Backslashes need no escaping
 * because `standard_conforming_strings` is on (the default since PostgreSQL 9.1,
 * https://www.postgresql.org/docs/current/runtime-config-compatible.html#GUC-STANDARD-CONFORMING-STRINGS), so no
 * `E''` form is needed.
 */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A table or type name split into its schema (absent for the default schema) and its own name. */
export interface QualifiedName {
  readonly schema?: string;
  readonly name: string;
}

/** `"schema"."name"`, or `"name"` for the default schema (found through `search_path`). */
export function quoteQualified(name: QualifiedName): string {
  return name.schema ? `${quoteIdentifier(name.schema)}.${quoteIdentifier(name.name)}` : quoteIdentifier(name.name);
}

/**
 * Tells how to split the keys ops use for tables and enum types (`name` in the default schema, `schema.name`
 * elsewhere, see `tableKey` in @autogen/schema).
 *
 * A key names a schema when it has a dot — unless it is the name of a default-schema table or enum carried in
 * the ops being compiled (a table literally called `v1.2`). So the split is always right for objects the ops
 * carry in full (createTable, dropTable, createEnum, …); a default-schema table whose name contains a dot and
 * that is only named by its key (e.g. an `addColumn` alone in a revision) would be misread as `schema.table`.
 * Dots in table names are rare enough that this beats the opposite choice, which would misread every table of
 * a non-default schema.
 */
export interface KeyContext {
  /** Names of default-schema tables and enums seen in the ops (whole keys that must not be split). */
  readonly defaultSchemaNames: ReadonlySet<string>;
  /**
   * Enum keys whose `alterEnum` adds labels that a later op of the same revision uses as a default: those are
   * recreated instead of `ADD VALUE`d, since PostgreSQL refuses a label added in the same transaction
   * ("unsafe use of new value", https://www.postgresql.org/docs/current/sql-altertype.html#id-1.9.3.42.7).
   */
  readonly enumsRecreated?: ReadonlySet<string>;
}

/** A context that knows no names: every dotted key is split at its first dot. */
export const EMPTY_KEY_CONTEXT: KeyContext = Object.freeze({ defaultSchemaNames: new Set<string>() });

/** Splits a table or enum key (see {@link KeyContext}). */
export function parsePostgresKey(key: string, context: KeyContext = EMPTY_KEY_CONTEXT): QualifiedName {
  const dot = key.indexOf('.');
  if (dot <= 0 || dot === key.length - 1 || context.defaultSchemaNames.has(key)) return { name: key };
  return { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** The quoted, schema-qualified name of a table or enum key: `audit.events` → `"audit"."events"`. */
export function quoteKey(key: string, context: KeyContext = EMPTY_KEY_CONTEXT): string {
  return quoteQualified(parsePostgresKey(key, context));
}
