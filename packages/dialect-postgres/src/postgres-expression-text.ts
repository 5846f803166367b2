import { tokenizePostgres } from './postgres-sql-tokenizer';
import type { PgToken } from './postgres-sql-tokenizer';

/*
 * What the compiler needs to know about an expression's text (index expressions, CHECK expressions), read with the
 * dialect's lexer so that parentheses and words inside strings, quoted identifiers and comments are not miscounted.
 */

/** True when the whole expression is one parenthesized group: `(a + b)` yes, `(a) + (b)` and `lower(a)` no. */
export function isParenthesized(sql: string): boolean {
  const tokens = tokenizePostgres(sql);
  if (tokens.length < 2 || tokens[0]?.value !== '(' || tokens[0]?.kind !== 'punct') return false;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as PgToken;
    if (t.kind !== 'punct') continue;
    if (t.value === '(') depth++;
    if (t.value === ')') depth--;
    if (depth === 0) return i === tokens.length - 1;
  }
  return false;
}

/** Wraps an expression in parentheses unless it already is one parenthesized group. */
export function parenthesize(sql: string): string {
  const text = sql.trim();
  return isParenthesized(text) ? text : `(${text})`;
}

/**
 * Words that are operators, literals or casts rather than column names. Only what a CHECK expression commonly
 * holds; an unknown keyword only makes {@link referencedColumnNames} err toward "several columns".
 */
const NOT_COLUMNS = new Set([
  'and', 'or', 'not', 'is', 'null', 'true', 'false', 'in', 'between', 'like', 'ilike', 'similar', 'to', 'any',
  'all', 'some', 'case', 'when', 'then', 'else', 'end', 'distinct', 'from', 'array', 'current_date',
  'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'current_user', 'session_user', 'escape',
  'collate', 'at', 'time', 'zone', 'interval', 'unknown',
]);

/**
 * The distinct column names an expression seems to use: quoted identifiers and bare words that are not
 * keywords, function names (followed by `(`) or type names (after `::`). An approximation, good enough to guess
 * the name PostgreSQL gave an unnamed CHECK constraint.
 */
export function referencedColumnNames(sql: string): ReadonlyArray<string> {
  const tokens = tokenizePostgres(sql);
  const names = new Set<string>();
  tokens.forEach((t, i) => {
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    const afterCast = previous?.kind === 'cast';
    const isCall = next?.kind === 'punct' && next.value === '(';
    if (afterCast || isCall) return;
    if (t.kind === 'quoted' || (t.kind === 'word' && !NOT_COLUMNS.has(t.value))) names.add(t.value);
  });
  return [...names];
}
