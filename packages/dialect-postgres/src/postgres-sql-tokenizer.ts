/**
 * A PostgreSQL lexer for expressions (defaults, CHECKs, index parts and predicates), following
 * https://www.postgresql.org/docs/current/sql-syntax-lexical.html closely enough to canonicalize what
 * `pg_get_expr` prints and what models write.
 */

/**
 * Kinds of token:
 * - `word`: a bare identifier or keyword; `value` is lowercased (PostgreSQL folds unquoted names);
 * - `quoted`: a quoted identifier (`"Order"`), `value` unquoted with `""` undone;
 * - `string`: a string constant (`'it''s'`, `E'a\nb'`, `$$x$$`), `value` the decoded text;
 * - `number`: a numeric constant (`42`, `1.5e3`, `.5`);
 * - `operator`: an operator (`=`, `<>`, `||`, `->>`, `~~*`), with `!=` reported as `<>`;
 * - `cast`: `::`;
 * - `punct`: `(`, `)`, `[`, `]`, `,`, `.`, `;`, `:`;
 * - `param`: a positional parameter (`$1`).
 */
export type PgTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'operator' | 'cast' | 'punct' | 'param';

/** One token. */
export interface PgToken {
  readonly kind: PgTokenKind;
  /** The token as written. */
  readonly text: string;
  /** Decoded value (see {@link PgTokenKind}); for other kinds the text. */
  readonly value: string;
}

const OPERATOR_CHARS = '+-*/<>=~!@#%^&|`?';
const isWordStart = (c: string): boolean => /[A-Za-z_\u0080-\uffff]/.test(c);
const isWordPart = (c: string): boolean => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * Splits an expression into tokens, dropping whitespace and comments. Never throws: an unterminated quote runs to
 * the end of the text (the text came from PostgreSQL or will be checked by it).
 */
export function tokenizePostgres(sql: string): ReadonlyArray<PgToken> {
  const tokens: PgToken[] = [];
  let i = 0;
  const push = (kind: PgTokenKind, text: string, value = text): void => {
    tokens.push({ kind, text, value });
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (c === "'") {
      const end = scanString(sql, i, false);
      push('string', sql.slice(i, end), decodeString(sql.slice(i + 1, end), false));
      i = end;
    } else if ((c === 'E' || c === 'e') && next === "'") {
      const end = scanString(sql, i + 1, true);
      push('string', sql.slice(i, end), decodeString(sql.slice(i + 2, end), true));
      i = end;
    } else if (c === '$' && isDigit(next)) {
      let end = i + 1;
      while (end < sql.length && isDigit(sql[end] as string)) end++;
      push('param', sql.slice(i, end));
      i = end;
    } else if (c === '$' && /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.test(sql.slice(i))) {
      const tag = (/^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, i + tag.length);
      const end = close < 0 ? sql.length : close + tag.length;
      push('string', sql.slice(i, end), sql.slice(i + tag.length, close < 0 ? sql.length : close));
      i = end;
    } else if (c === '"') {
      let end = i + 1;
      while (end < sql.length) {
        if (sql[end] === '"') {
          if (sql[end + 1] === '"') end += 2;
          else break;
        } else end++;
      }
      push('quoted', sql.slice(i, end + 1), sql.slice(i + 1, end).replace(/""/g, '"'));
      i = end + 1;
    } else if (isWordStart(c)) {
      let end = i + 1;
      while (end < sql.length && isWordPart(sql[end] as string)) end++;
      const text = sql.slice(i, end);
      push('word', text, text.toLowerCase());
      i = end;
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      const match = /^(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(i)) as RegExpExecArray;
      push('number', match[0]);
      i += match[0].length;
    } else if (c === ':' && next === ':') {
      push('cast', '::');
      i += 2;
    } else if (OPERATOR_CHARS.includes(c)) {
      const text = scanOperator(sql, i);
      push('operator', text, text === '!=' ? '<>' : text);
      i += text.length;
    } else {
      push('punct', c);
      i++;
    }
  }
  return tokens;
}

function skipBlockComment(sql: string, start: number): number {
  // Block comments nest in PostgreSQL.
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

/** Index of the closing quote of the string constant whose opening quote is at `start`. */
function scanString(sql: string, start: number, backslashes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashes && c === '\\') i += 2;
    else if (c === "'") {
      if (sql[i + 1] === "'") i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function decodeString(body: string, backslashes: boolean): string {
  const inner = body.endsWith("'") ? body.slice(0, -1) : body;
  const text = inner.replace(/''/g, "'");
  if (!backslashes) return text;
  const escapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  return text.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e: string) => {
    if (e in escapes) return escapes[e] as string;
    if (/^x/.test(e)) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    if (/^[uU]/.test(e)) return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
    return e;
  });
}

/**
 * The operator starting at `start`: the longest run of operator characters, cut before `--` or `/*`, and without
 * a trailing `+`/`-` unless the run holds one of `~ ! @ # % ^ & | \` ?` (PostgreSQL's rule, so `a>-1` is `>` then
 * `-1`: https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-OPERATORS).
 */
function scanOperator(sql: string, start: number): string {
  let end = start;
  while (end < sql.length && OPERATOR_CHARS.includes(sql[end] as string)) {
    if (end > start && (sql.startsWith('--', end) || sql.startsWith('/*', end))) break;
    end++;
  }
  let text = sql.slice(start, end);
  if (text.length > 1 && !/[~!@#%^&|`?]/.test(text)) {
    while (text.length > 1 && /[+-]$/.test(text)) text = text.slice(0, -1);
  }
  return text;
}
