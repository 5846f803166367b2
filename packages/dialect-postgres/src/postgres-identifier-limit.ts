import type { Schema, Table } from '@autogen/schema';

/**
 * PostgreSQL keeps at most NAMEDATALEN - 1 = 63 *bytes* of an identifier and silently truncates a longer one
 * (with only a NOTICE; https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).
 * Enum labels have the same limit, but there PostgreSQL refuses instead
 * (https://www.postgresql.org/docs/current/datatype-enum.html#DATATYPE-ENUM-IMPLEMENTATION-DETAILS).
 */
export const POSTGRES_MAX_IDENTIFIER_BYTES = 63;

/** One name of the target schema that PostgreSQL cannot keep as written. */
export interface OverlongIdentifier {
  /** What the name names, e.g. `column "x" of table t`. */
  readonly what: string;
  readonly name: string;
  /** Its length in UTF-8 bytes, what the limit counts. */
  readonly bytes: number;
}

/**
 * A target schema holds names longer than PostgreSQL keeps. Writing a revision anyway would create objects under
 * truncated names, and every later comparison would see the model's full name missing (a drift that never goes
 * away), so autogen refuses the models instead.
 */
export class PostgresIdentifierTooLongError extends Error {
  readonly hint: string;
  constructor(readonly identifiers: ReadonlyArray<OverlongIdentifier>) {
    const listed = identifiers.map((i) => `${i.what} is ${describeLength(i)}`);
    super(
      `${identifiers.length === 1 ? 'a name is' : `${identifiers.length} names are`} longer than the ${POSTGRES_MAX_IDENTIFIER_BYTES} bytes PostgreSQL keeps (it would silently truncate ${identifiers.length === 1 ? 'it' : 'them'}, and every later check would report drift): ${listed.join('; ')}; nothing was written`,
    );
    this.name = 'PostgresIdentifierTooLongError';
    this.hint =
      `shorten ${identifiers.length === 1 ? 'it' : 'them'} in the models to at most ${POSTGRES_MAX_IDENTIFIER_BYTES} bytes (multibyte characters count 2-4 bytes each); ` +
      'for an index or constraint name made by "namingConvention", shorten the template or the names it is built from';
  }
}

function describeLength(identifier: OverlongIdentifier): string {
  const characters = [...identifier.name].length;
  return characters === identifier.bytes ? `${identifier.bytes} bytes` : `${identifier.bytes} bytes (${characters} characters)`;
}

/**
 * Throws {@link PostgresIdentifierTooLongError} listing every schema, table, column, index, constraint and enum
 * name of `schema` (the models, after the naming convention) longer than 63 bytes, and every enum label
 * longer than that.
 */
export function assertPostgresIdentifiersFit(schema: Schema): void {
  const found: OverlongIdentifier[] = [];
  // JSON.stringify shows the exact name, line breaks and quotes included, on one line.
  const check = (kind: string, name: string | undefined, owner?: string): void => {
    if (name === undefined) return;
    const bytes = Buffer.byteLength(name, 'utf8');
    if (bytes > POSTGRES_MAX_IDENTIFIER_BYTES) found.push({ what: `${kind} ${JSON.stringify(name)}${owner === undefined ? '' : ` of ${owner}`}`, name, bytes });
  };
  const schemas = new Set<string>();
  for (const table of schema.tables) {
    if (table.schema !== undefined) schemas.add(table.schema);
    tableNames(table, check);
  }
  for (const type of schema.enums ?? []) {
    if (type.schema !== undefined) schemas.add(type.schema);
    check('enum', type.name);
    for (const label of type.values) check('label', label, `enum ${JSON.stringify(type.name)}`);
  }
  for (const name of schemas) check('schema', name);
  if (found.length > 0) throw new PostgresIdentifierTooLongError(found);
}

function tableNames(table: Table, check: (kind: string, name: string | undefined, owner?: string) => void): void {
  const owner = `table ${JSON.stringify(table.name)}`;
  check('table', table.name);
  for (const column of table.columns) check('column', column.name, owner);
  check('primary key', table.primaryKey?.name, owner);
  for (const index of table.indexes) check('index', index.name, owner);
  for (const fk of table.foreignKeys) check('foreign key', fk.name, owner);
  for (const unique of table.uniques) check('unique constraint', unique.name, owner);
  for (const c of table.checks) check('check constraint', c.name, owner);
}
