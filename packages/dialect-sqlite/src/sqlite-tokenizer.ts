/**
 * Kinds of SQL token the small SQLite tokenizer knows:
 * - `word`: a bare identifier or keyword (`CREATE`, `price`);
 * - `quoted`: a quoted identifier (`"x"`, `` `x` ``, `[x]`), `value` holds the unquoted name;
 * - `string`: a string literal (`'it''s'`), `value` holds the unescaped text;
 * - `number`: a numeric literal (`42`, `1.5e3`, `0x1F`);
 * - `blob`: a blob literal (`X'CAFE'`);
 * - `punct`: `(`, `)`, `,`, `;`;
 * - `operator`: anything else (`=`, `<=`, `||`, `-`, `?1`, `:name`).
 */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'blob' | 'punct' | 'operator';

/** One token: its kind, its exact source `text`, its decoded `value` and its position in the source. */
export interface Token {
  readonly kind: TokenKind;
  /** The token as written, quotes included. */
  readonly text: string;
  /** The identifier name for `word`/`quoted`, the unescaped text for `string`, else the same as `text`. */
  readonly value: string;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
  /** True when whitespace or a comment separates this token from the previous one. */
  readonly spaceBefore: boolean;
}

const TWO_CHAR_OPERATORS = new Set(['||', '<=', '>=', '<>', '!=', '==', '<<', '>>', '->']);
const isWordStart = (c: string): boolean => /[A-Za-z_\u0080-\uffff]/.test(c);
const isWordPart = (c: string): boolean => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * Splits SQLite SQL into tokens, skipping whitespace and `--`/`/* *\/` comments. Quoted identifiers, string
 * literals and blob literals are single tokens with their doubled-quote escapes decoded
 * (https://www.sqlite.org/lang_keywords.html). Never throws: an unterminated quote runs to the end of the
 * text, which is enough for reading schema SQL that SQLite itself already accepted.
 */
export function tokenize(sql: string): ReadonlyArray<Token> {
  const tokens: Token[] = [];
  let i = 0;
  let spaceBefore = false;
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end, spaceBefore });
    spaceBefore = false;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1] ?? '';
    if (/\s/.test(c)) {
      i++;
      spaceBefore = true;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
      spaceBefore = true;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
      spaceBefore = true;
    } else if (c === "'") {
      const end = scanQuoted(sql, i, "'");
      push('string', i, end, unquote(sql.slice(i, end), "'", "'"));
      i = end;
    } else if ((c === 'x' || c === 'X') && next === "'") {
      const end = scanQuoted(sql, i + 1, "'");
      push('blob', i, end);
      i = end;
    } else if (c === '"' || c === '`') {
      const end = scanQuoted(sql, i, c);
      push('quoted', i, end, unquote(sql.slice(i, end), c, c));
      i = end;
    } else if (c === '[') {
      const close = sql.indexOf(']', i + 1);
      const end = close < 0 ? sql.length : close + 1;
      push('quoted', i, end, sql.slice(i + 1, close < 0 ? sql.length : close));
      i = end;
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      const end = scanNumber(sql, i);
      push('number', i, end);
      i = end;
    } else if (isWordStart(c)) {
      let end = i + 1;
      while (end < sql.length && isWordPart(sql[end] as string)) end++;
      push('word', i, end);
      i = end;
    } else if (c === '(' || c === ')' || c === ',' || c === ';') {
      push('punct', i, i + 1);
      i++;
    } else if ((c === '?' || c === ':' || c === '@' || c === '$') && isWordPart(next)) {
      let end = i + 1;
      while (end < sql.length && isWordPart(sql[end] as string)) end++;
      push('operator', i, end);
      i = end;
    } else {
      const end = TWO_CHAR_OPERATORS.has(c + next) ? i + 2 : i + 1;
      push('operator', i, end);
      i = end;
    }
  }
  return tokens;
}

/** Offset after the closing `quote` of the quoted text starting at `start` (a doubled quote is an escape). */
function scanQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function unquote(text: string, open: string, close: string): string {
  const inner = text.endsWith(close) && text.length >= 2 ? text.slice(1, -1) : text.slice(1);
  return open === close ? inner.split(close + close).join(close) : inner;
}

function scanNumber(sql: string, start: number): number {
  let i = start;
  if (sql[i] === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X')) {
    i += 2;
    while (i < sql.length && /[0-9A-Fa-f_]/.test(sql[i] as string)) i++;
    return i;
  }
  while (i < sql.length && /[0-9_.]/.test(sql[i] as string)) i++;
  if (sql[i] === 'e' || sql[i] === 'E') {
    const sign = sql[i + 1] === '+' || sql[i + 1] === '-' ? 1 : 0;
    if (isDigit(sql[i + 1 + sign] ?? '')) {
      i += 1 + sign;
      while (i < sql.length && isDigit(sql[i] as string)) i++;
    }
  }
  return i;
}

/** True when `token` is the bare keyword `keyword` (case-insensitive). */
export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token !== undefined && token.kind === 'word' && token.value.toUpperCase() === keyword;
}

/** True when `token` is the punctuation `char`. */
export function isPunct(token: Token | undefined, char: '(' | ')' | ',' | ';'): boolean {
  return token !== undefined && token.kind === 'punct' && token.text === char;
}

/** Index of the `)` matching the `(` at `open`, or the last index when unbalanced. */
export function matchingParen(tokens: ReadonlyArray<Token>, open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length - 1;
}

/** Splits `tokens[from, to)` at top-level commas (commas inside parentheses stay in their item). */
export function splitTopLevel(tokens: ReadonlyArray<Token>, from: number, to: number): ReadonlyArray<ReadonlyArray<Token>> {
  const items: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i] as Token;
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) depth--;
    if (depth === 0 && isPunct(token, ',')) {
      items.push(current);
      current = [];
    } else current.push(token);
  }
  if (current.length) items.push(current);
  return items;
}
