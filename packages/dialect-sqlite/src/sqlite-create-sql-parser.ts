import { sourceOf } from './sqlite-sql-text';
import { isKeyword, isPunct, matchingParen, splitTopLevel, tokenize } from './sqlite-tokenizer';
import type { Token } from './sqlite-tokenizer';

/**
 * What the stored `CREATE TABLE` text tells beyond SQLite's pragmas: constraint names, CHECK expressions,
 * AUTOINCREMENT, column collations, `DEFERRABLE INITIALLY DEFERRED`, and the declared type exactly as written
 * (`PRAGMA table_xinfo` reports `integer` as `INTEGER`). Grammar: https://www.sqlite.org/lang_createtable.html
 */
export interface ParsedCreateTable {
  readonly name: string;
  readonly columns: ReadonlyArray<ParsedColumn>;
  /** Column-level or table-level primary key; absent when the table declares none. */
  readonly primaryKey?: ParsedPrimaryKey;
  /** Column-level and table-level UNIQUE constraints, in declaration order. */
  readonly uniques: ReadonlyArray<ParsedUnique>;
  /** Column-level and table-level CHECK constraints, in declaration order. */
  readonly checks: ReadonlyArray<ParsedCheck>;
  /** Column-level `REFERENCES` and table-level `FOREIGN KEY` constraints, in declaration order. */
  readonly foreignKeys: ReadonlyArray<ParsedForeignKey>;
  readonly withoutRowid: boolean;
  readonly strict: boolean;
}

/** A column definition as written. */
export interface ParsedColumn {
  readonly name: string;
  /** The declared type as written (`numeric(10, 2)`), `''` when the column has none. */
  readonly type: string;
  /** Column collation (`COLLATE x`), as written. */
  readonly collation?: string;
  /** True for a generated column (`[GENERATED ALWAYS] AS (...)`). */
  readonly generated: boolean;
}

/** A parsed primary key. `autoincrement` is true when `AUTOINCREMENT` follows it. */
export interface ParsedPrimaryKey {
  readonly name?: string;
  readonly columns: ReadonlyArray<string>;
  readonly autoincrement: boolean;
}

/** A parsed UNIQUE constraint. */
export interface ParsedUnique {
  readonly name?: string;
  readonly columns: ReadonlyArray<string>;
}

/** A parsed CHECK constraint; `expression` is the text between its parentheses, as written. */
export interface ParsedCheck {
  readonly name?: string;
  readonly expression: string;
}

/** A parsed foreign key. `referencedColumns` is empty when the clause names none (the parent's primary key). */
export interface ParsedForeignKey {
  readonly name?: string;
  readonly columns: ReadonlyArray<string>;
  readonly referencedTable: string;
  readonly referencedColumns: ReadonlyArray<string>;
  readonly deferred: boolean;
}

/** What the stored `CREATE INDEX` text tells: each key part as written and the partial-index predicate. */
export interface ParsedCreateIndex {
  readonly name: string;
  readonly table: string;
  readonly unique: boolean;
  /** Each indexed column or expression as written, including any `COLLATE`/`ASC`/`DESC`. */
  readonly parts: ReadonlyArray<string>;
  /** The `WHERE` predicate of a partial index, as written. */
  readonly where?: string;
}

/** Keywords that start a column constraint (https://www.sqlite.org/syntax/column-constraint.html). */
const COLUMN_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS']);

/** Parses a stored `CREATE TABLE` statement. Tolerant: parts it does not understand are skipped. */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => isPunct(t, '('));
  const nameToken = open > 0 ? tokens[open - 1] : undefined;
  const result: Mutable<ParsedCreateTable> = {
    name: nameToken?.value ?? '',
    columns: [],
    uniques: [],
    checks: [],
    foreignKeys: [],
    withoutRowid: false,
    strict: false,
  };
  if (open < 0) return result;
  const close = matchingParen(tokens, open);
  for (const item of splitTopLevel(tokens, open + 1, close)) {
    let start = 0;
    let name: string | undefined;
    if (isKeyword(item[0], 'CONSTRAINT')) {
      name = item[1]?.value;
      start = 2;
    }
    const head = item[start];
    if (head?.kind === 'word' && ['PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'].includes(head.value.toUpperCase())) {
      parseTableConstraint(sql, item, start, name, result);
    } else if (item.length) {
      parseColumn(sql, item, result);
    }
  }
  const options = tokens.slice(close + 1);
  result.withoutRowid = options.some((t, i) => isKeyword(t, 'WITHOUT') && isKeyword(options[i + 1], 'ROWID'));
  result.strict = options.some((t) => isKeyword(t, 'STRICT'));
  return result;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer E> ? E[] : T[K] };

function parseTableConstraint(sql: string, item: ReadonlyArray<Token>, start: number, name: string | undefined, into: Mutable<ParsedCreateTable>): void {
  const named = name === undefined ? {} : { name };
  const kind = (item[start] as Token).value.toUpperCase();
  const open = item.findIndex((t, i) => i > start && isPunct(t, '('));
  if (open < 0) return;
  const close = matchingParen(item, open);
  const list = splitTopLevel(item, open + 1, close);
  // An indexed column may carry COLLATE/ASC/DESC; its first token is the column.
  const columns = list.map((part) => part[0]?.value ?? '');
  switch (kind) {
    case 'PRIMARY':
      into.primaryKey = { ...named, columns, autoincrement: item.slice(open, close).some((t) => isKeyword(t, 'AUTOINCREMENT')) };
      return;
    case 'UNIQUE':
      into.uniques.push({ ...named, columns });
      return;
    case 'CHECK':
      into.checks.push({ ...named, expression: sourceOf(sql, item.slice(open + 1, close)) });
      return;
    case 'FOREIGN': {
      const references = item.findIndex((t, i) => i > close && isKeyword(t, 'REFERENCES'));
      if (references >= 0) into.foreignKeys.push({ ...named, columns, ...parseReferences(item, references) });
      return;
    }
    default:
      return;
  }
}

function parseColumn(sql: string, item: ReadonlyArray<Token>, into: Mutable<ParsedCreateTable>): void {
  const name = (item[0] as Token).value;
  let typeEnd = 1;
  let depth = 0;
  for (; typeEnd < item.length; typeEnd++) {
    const token = item[typeEnd] as Token;
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) depth--;
    else if (depth === 0 && token.kind === 'word' && COLUMN_CONSTRAINT_START.has(token.value.toUpperCase())) break;
  }
  const column: { name: string; type: string; collation?: string; generated: boolean } = {
    name,
    type: sourceOf(sql, item.slice(1, typeEnd)),
    generated: false,
  };
  let pendingName: string | undefined;
  const named = (): { name?: string } => {
    const result = pendingName === undefined ? {} : { name: pendingName };
    pendingName = undefined;
    return result;
  };
  for (let i = typeEnd; i < item.length; i++) {
    const token = item[i] as Token;
    if (isPunct(token, '(')) {
      i = matchingParen(item, i);
      continue;
    }
    if (token.kind !== 'word') continue;
    switch (token.value.toUpperCase()) {
      case 'CONSTRAINT':
        pendingName = item[i + 1]?.value;
        i++;
        break;
      case 'PRIMARY':
        into.primaryKey = { ...named(), columns: [name], autoincrement: false };
        break;
      case 'AUTOINCREMENT':
        if (into.primaryKey) into.primaryKey = { ...into.primaryKey, autoincrement: true };
        break;
      case 'UNIQUE':
        into.uniques.push({ ...named(), columns: [name] });
        break;
      case 'CHECK':
        if (isPunct(item[i + 1], '(')) {
          const close = matchingParen(item, i + 1);
          into.checks.push({ ...named(), expression: sourceOf(sql, item.slice(i + 2, close)) });
          i = close;
        }
        break;
      case 'COLLATE':
        if (item[i + 1]) column.collation = (item[i + 1] as Token).value;
        named();
        i++;
        break;
      case 'REFERENCES':
        into.foreignKeys.push({ ...named(), columns: [name], ...parseReferences(item, i) });
        break;
      case 'GENERATED':
      case 'AS':
        column.generated = true;
        named();
        break;
      case 'NOT':
      case 'NULL':
      case 'DEFAULT':
        named();
        break;
      default:
        break;
    }
  }
  into.columns.push(column);
}

/** Reads `REFERENCES table [(columns)] [actions] [[NOT] DEFERRABLE [INITIALLY DEFERRED]]` starting at `at`. */
function parseReferences(item: ReadonlyArray<Token>, at: number): Omit<ParsedForeignKey, 'name' | 'columns'> {
  // The parent is a bare table name: SQLite allows no schema here (https://www.sqlite.org/syntax/foreign-key-clause.html).
  const referencedTable = item[at + 1]?.value ?? '';
  let i = at + 2;
  let referencedColumns: string[] = [];
  if (isPunct(item[i], '(')) {
    const close = matchingParen(item, i);
    referencedColumns = splitTopLevel(item, i + 1, close).map((part) => part[0]?.value ?? '');
    i = close + 1;
  }
  let deferred = false;
  for (; i < item.length; i++) {
    const token = item[i] as Token;
    const keyword = token.kind === 'word' ? token.value.toUpperCase() : '';
    // The next column constraint ends the clause; `DEFAULT` after `SET` is the action `SET DEFAULT`, not one.
    const nextConstraint = keyword === 'DEFAULT' ? !isKeyword(item[i - 1], 'SET') : ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS'].includes(keyword);
    if (nextConstraint) break;
    // `DEFERRABLE` alone or `INITIALLY IMMEDIATE` is still checked immediately
    // (https://www.sqlite.org/foreignkeys.html#fk_deferred).
    if (keyword === 'DEFERRABLE' && !isKeyword(item[i - 1], 'NOT')) {
      deferred = isKeyword(item[i + 1], 'INITIALLY') && isKeyword(item[i + 2], 'DEFERRED');
    }
  }
  return { referencedTable, referencedColumns, deferred };
}

/** Parses a stored `CREATE [UNIQUE] INDEX` statement (https://www.sqlite.org/lang_createindex.html). */
export function parseCreateIndex(sql: string): ParsedCreateIndex {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => isKeyword(t, 'ON'));
  const open = tokens.findIndex((t, i) => i > on && isPunct(t, '('));
  const close = open < 0 ? tokens.length : matchingParen(tokens, open);
  const whereAt = tokens.findIndex((t, i) => i > close && isKeyword(t, 'WHERE'));
  const where = whereAt < 0 ? undefined : sourceOf(sql, tokens.slice(whereAt + 1));
  return {
    name: on > 0 ? (tokens[on - 1] as Token).value : '',
    table: tokens[on + 1]?.value ?? '',
    unique: isKeyword(tokens[1], 'UNIQUE'),
    parts: open < 0 ? [] : splitTopLevel(tokens, open + 1, close).map((part) => sourceOf(sql, part)),
    ...(where ? { where } : {}),
  };
}
