import type { Check, ForeignKey, Unique } from '@autogen/schema';
import { referencedColumnNames } from './postgres-expression-text';

/** PostgreSQL's identifier limit: NAMEDATALEN - 1 bytes (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS). */
const MAX_IDENTIFIER_BYTES = 63;

/** The first `bytes` bytes of `text` in UTF-8, cut back to a whole character (PostgreSQL's `pg_mbcliplen`). */
function clipBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

/**
 * PostgreSQL's `makeObjectName(name1, name2, label)` (src/backend/commands/indexcmds.c): `name1_name2_label`,
 * shortening the longer of the two names first so the result fits in 63 bytes.
 */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  let overhead = label.length + 1;
  if (name2 !== undefined) overhead++;
  const available = MAX_IDENTIFIER_BYTES - overhead;
  let chars1 = Buffer.byteLength(name1, 'utf8');
  let chars2 = name2 === undefined ? 0 : Buffer.byteLength(name2, 'utf8');
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) chars1--;
    else chars2--;
  }
  const part1 = clipBytes(name1, chars1);
  return name2 === undefined ? `${part1}_${label}` : `${part1}_${clipBytes(name2, chars2)}_${label}`;
}

/*
 * The names PostgreSQL makes up for unnamed constraints (ChooseConstraintName in
 * src/backend/catalog/pg_constraint.c). When the name is taken PostgreSQL appends a number (`t_a_fkey1`), which
 * cannot be known offline; the introspector always reports real names, so these are only a fallback for ops
 * written by hand without one.
 */

/** `<table>_pkey`. */
export function defaultPrimaryKeyName(table: string): string {
  return makeObjectName(table, undefined, 'pkey');
}

/** `<table>_<col1>_<col2>_fkey`. */
export function defaultForeignKeyName(table: string, foreignKey: Pick<ForeignKey, 'columns'>): string {
  return makeObjectName(table, foreignKey.columns.join('_'), 'fkey');
}

/** `<table>_<col1>_<col2>_key`. */
export function defaultUniqueName(table: string, unique: Pick<Unique, 'columns'>): string {
  return makeObjectName(table, unique.columns.join('_'), 'key');
}

/**
 * `<table>_<col>_check` when the expression uses one column, else `<table>_check` (PostgreSQL decides by the
 * columns the expression references; here they are read from the text, see `referencedColumnNames`).
 */
export function defaultCheckName(table: string, check: Pick<Check, 'expression'>): string {
  const columns = referencedColumnNames(check.expression);
  return makeObjectName(table, columns.length === 1 ? columns[0] : undefined, 'check');
}
