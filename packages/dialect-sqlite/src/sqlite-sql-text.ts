import { isPunct, matchingParen, tokenize } from './sqlite-tokenizer';
import type { Token } from './sqlite-tokenizer';

/** The source text covered by `tokens` (from the first token's start to the last token's end). */
export function sourceOf(sql: string, tokens: ReadonlyArray<Token>): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first && last ? sql.slice(first.start, last.end) : '';
}

/**
 * The canonical spelling of a SQL expression, used to compare CHECK expressions, index predicates and
 * default expressions: comments dropped, every run of whitespace outside strings and quoted identifiers
 * collapsed to one space, no space just inside parentheses or before a comma. Spacing that was absent stays
 * absent (`a+b` and `a + b` differ), which keeps it idempotent and never changes meaning. Keyword case is kept.
 */
export function canonicalSql(sql: string): string {
  const tokens = tokenize(sql);
  let out = '';
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const space =
      i > 0 && token.spaceBefore && !isPunct(previous, '(') && !isPunct(token, ')') && !isPunct(token, ',');
    out += (space ? ' ' : '') + token.text;
  });
  return out;
}

/** `((1))` → `1`, `(a) + (b)` unchanged: removes parentheses that wrap the whole expression, then canonicalizes. */
export function stripOuterParentheses(sql: string): string {
  let tokens = tokenize(sql);
  let text = sql;
  while (tokens.length >= 2 && isPunct(tokens[0], '(') && matchingParen(tokens, 0) === tokens.length - 1) {
    text = sourceOf(text, tokens.slice(1, -1));
    tokens = tokenize(text);
  }
  return canonicalSql(text);
}

/** True when the whole expression is wrapped in one pair of parentheses. */
export function isParenthesized(sql: string): boolean {
  const tokens = tokenize(sql);
  return tokens.length >= 2 && isPunct(tokens[0], '(') && matchingParen(tokens, 0) === tokens.length - 1;
}

/**
 * True when `sql` names the identifier `name`, bare or quoted (case-insensitive, like SQLite identifiers).
 * Conservative by design: a string literal never matches, but a same-named function or a column of another
 * table does, which only errs toward a table rebuild.
 */
export function mentionsIdentifier(sql: string, name: string): boolean {
  const wanted = name.toLowerCase();
  return tokenize(sql).some((t) => (t.kind === 'word' || t.kind === 'quoted') && t.value.toLowerCase() === wanted);
}
