/**
 * Comparison keys for SQL expressions (check constraints, index expressions, partial-index predicates).
 *
 * Databases hand back an expression the way it was written or re-printed (SQLite keeps the original text of a
 * `CHECK`, https://www.sqlite.org/lang_createtable.html#ckconst; PostgreSQL re-prints it with its own spacing and
 * parentheses, https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-CATALOG), so two
 * spellings of the same expression must not become a change. The key collapses whitespace, lowercases everything
 * outside string literals, unquotes simple quoted identifiers and drops parentheses around the whole expression.
 */

interface Token {
  readonly kind: 'string' | 'word' | 'quoted' | 'punct';
  readonly text: string;
}

const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const QUOTE_CLOSE: Readonly<Record<string, string>> = { '"': '"', '`': '`', '[': ']' };

/** Splits an expression into string literals, words (identifiers, keywords, numbers), quoted identifiers and punctuation. */
function tokenize(sql: string): ReadonlyArray<Token> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      // '' inside a literal is an escaped quote: https://www.sqlite.org/lang_expr.html#literal_values_constants_
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      tokens.push({ kind: 'string', text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (ch in QUOTE_CLOSE) {
      const close = QUOTE_CLOSE[ch] as string;
      let j = i + 1;
      let text = '';
      while (j < sql.length && !(sql[j] === close && sql[j + 1] !== close)) {
        if (sql[j] === close) j++;
        text += sql[j];
        j++;
      }
      const simple = SIMPLE_IDENTIFIER.test(text);
      tokens.push(simple ? { kind: 'word', text: text.toLowerCase() } : { kind: 'quoted', text: `"${text.replace(/"/g, '""')}"` });
      i = j + 1;
    } else if (/[A-Za-z0-9_$]/.test(ch)) {
      // Numbers split at '.' into word, punct, word; joining punctuation without spaces puts them back together.
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j] as string)) j++;
      tokens.push({ kind: 'word', text: sql.slice(i, j).toLowerCase() });
      i = j;
    } else {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    }
  }
  return tokens;
}

/** True when `tokens[0]` is a `(` whose matching `)` is the last token. */
function wrappedInParentheses(tokens: ReadonlyArray<Token>): boolean {
  if (tokens.length < 2 || tokens[0]?.text !== '(' || tokens[tokens.length - 1]?.text !== ')') return false;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && i < tokens.length - 1) return false;
  }
  return true;
}

/**
 * The comparison key of a SQL expression. `renameIdentifier` maps a (lowercased) identifier to the name it has on
 * the other side, so that a check on a renamed column still matches; it defaults to the identity.
 *
 * @example sqlExpressionKey('( "Price"  >= 0 )') === sqlExpressionKey('price>=0') // 'price>=0'
 */
export function sqlExpressionKey(expression: string, renameIdentifier: (name: string) => string = (name) => name): string {
  let tokens = tokenize(expression).map((t) => (t.kind === 'word' ? { ...t, text: renameIdentifier(t.text).toLowerCase() } : t));
  while (wrappedInParentheses(tokens)) tokens = tokens.slice(1, -1);
  let key = '';
  let previous: Token | undefined;
  for (const t of tokens) {
    if (previous && previous.kind !== 'punct' && t.kind !== 'punct') key += ' ';
    key += t.text;
    previous = t;
  }
  return key;
}
