import { POSTGRES_QUOTED_KEYWORDS, postgresNeedsQuoting } from './postgres-keywords';
import type { PgToken } from './postgres-sql-tokenizer';

/**
 * PostgreSQL expressions as a tree of tokens and bracket groups, and back to text with canonical spacing. The
 * canonical form (postgres-canonical-sql.ts) rewrites this tree.
 */

/** A parenthesized or bracketed run of nodes. */
export interface Group {
  readonly kind: 'group';
  readonly open: '(' | '[';
  readonly children: ReadonlyArray<Node>;
}

/** A token or a bracket group. */
export type Node = PgToken | Group;

/** SQL value functions PostgreSQL prints in upper case and without parentheses. */
export const UPPERCASE_WORDS = new Set([
  'current_timestamp',
  'current_date',
  'current_time',
  'localtime',
  'localtimestamp',
  'current_user',
  'session_user',
  'current_role',
  'current_catalog',
  'current_schema',
]);

/** Keywords after which a `(` is not a function call and is written with a space. */
export const SPACED_BEFORE_PAREN = new Set([
  'and', 'or', 'not', 'in', 'any', 'all', 'some', 'exists', 'is', 'when', 'then', 'else', 'case', 'like', 'ilike',
  'between', 'similar', 'escape', 'as', 'from', 'using', 'with', 'on', 'where', 'select', 'values', 'distinct',
  'over', 'filter', 'by', 'to', 'symmetric', 'return',
]);

/** Words after which an operator is unary (a sign). */
const OPERAND_EXPECTED_AFTER = new Set([
  'and', 'or', 'not', 'in', 'is', 'when', 'then', 'else', 'case', 'like', 'ilike', 'between', 'similar', 'escape',
  'select', 'where', 'return', 'symmetric', 'any', 'all', 'some',
]);

/** A word token. */
export const word = (value: string): PgToken => ({ kind: 'word', text: value, value });

/** Builds the bracket tree; a stray closing bracket stays a token. */
export function parseSqlTree(tokens: ReadonlyArray<PgToken>): Node[] {
  const root: Node[] = [];
  const stack: Array<{ open: '(' | '['; children: Node[] }> = [];
  const current = (): Node[] => (stack.length ? (stack[stack.length - 1] as { children: Node[] }).children : root);
  for (const token of tokens) {
    if (token.kind === 'punct' && (token.value === '(' || token.value === '[')) {
      stack.push({ open: token.value, children: [] });
    } else if (token.kind === 'punct' && (token.value === ')' || token.value === ']') && stack.length) {
      const top = stack.pop() as { open: '(' | '['; children: Node[] };
      current().push({ kind: 'group', open: top.open, children: top.children });
    } else {
      current().push(token);
    }
  }
  while (stack.length) {
    const top = stack.pop() as { open: '(' | '['; children: Node[] };
    current().push({ kind: 'group', open: top.open, children: top.children });
  }
  return root;
}

// The predicates return plain booleans, not type guards: a false answer says nothing about the node's type.

/** True for a group, opened by `open` when given. */
export const isGroup = (node: Node | undefined, open?: '(' | '['): boolean =>
  node?.kind === 'group' && (open === undefined || node.open === open);
/** True for a word token, one of `values` when given (lowercase). */
export const isWord = (node: Node | undefined, ...values: string[]): boolean =>
  node?.kind === 'word' && (values.length === 0 || values.includes(node.value));
/** The children of a group; none for a token. */
export const childrenOf = (node: Node | undefined): ReadonlyArray<Node> => (node?.kind === 'group' ? node.children : []);
/** A token's value; '' for a group or nothing. */
export const valueOf = (node: Node | undefined): string => (node !== undefined && node.kind !== 'group' ? node.value : '');
/** True for the punctuation token `value`. */
export const isPunct = (node: Node | undefined, value: string): boolean => node?.kind === 'punct' && node.value === value;
/** True for an operator token, `value` when given. */
export const isOperator = (node: Node | undefined, value?: string): boolean =>
  node?.kind === 'operator' && (value === undefined || node.value === value);
/** A column name: quoted, or a bare word that is not a reserved keyword (`end`, `null`, `current_date`). */
export const isIdentifier = (node: Node | undefined): boolean =>
  node?.kind === 'quoted' || (node?.kind === 'word' && !POSTGRES_QUOTED_KEYWORDS.has(node.value));

/** One token in canonical form: words lowercase (SQL value functions uppercase), identifiers quoted only when needed, strings standard-quoted. */
function renderToken(token: PgToken): string {
  switch (token.kind) {
    case 'word':
      return UPPERCASE_WORDS.has(token.value) ? token.value.toUpperCase() : token.value;
    case 'quoted':
      return postgresNeedsQuoting(token.value) ? `"${token.value.replace(/"/g, '""')}"` : token.value;
    case 'string':
      return `'${token.value.replace(/'/g, "''")}'`;
    case 'operator':
      return token.value;
    default:
      return token.text;
  }
}

function renderNode(node: Node): string {
  if (node.kind === 'group') return `${node.open}${renderSqlTree(node.children)}${node.open === '(' ? ')' : ']'}`;
  return renderToken(node);
}

/** True when the operator at `at` is a prefix (sign) operator. */
export function isUnary(nodes: ReadonlyArray<Node>, at: number): boolean {
  const before = nodes[at - 1];
  return (
    before === undefined ||
    before.kind === 'operator' ||
    before.kind === 'cast' ||
    isPunct(before, ',') ||
    (before.kind === 'word' && OPERAND_EXPECTED_AFTER.has(before.value))
  );
}

/**
 * Whether a space goes before `nodes[at]`: none inside brackets, before a comma, around `::` and `.`, between a
 * function name and its `(`, or after a sign; one elsewhere.
 */
function spaceBetween(nodes: ReadonlyArray<Node>, at: number): boolean {
  const previous = nodes[at - 1] as Node;
  const node = nodes[at] as Node;
  if (isPunct(node, ',') || isPunct(node, ';')) return false;
  if (node.kind === 'cast' || previous.kind === 'cast' || isPunct(node, '.') || isPunct(previous, '.')) return false;
  if (isGroup(node, '(')) {
    if (previous.kind === 'quoted' || previous.kind === 'group') return false;
    if (previous.kind === 'word') return SPACED_BEFORE_PAREN.has(previous.value);
    return true;
  }
  if (isGroup(node, '[')) return !(previous.kind === 'word' || previous.kind === 'quoted' || previous.kind === 'group' || previous.kind === 'param');
  if (previous.kind === 'operator' && isUnary(nodes, at - 1)) return false;
  return true;
}

/** The text of a node list, spaced canonically (see spaceBetween). */
export function renderSqlTree(nodes: ReadonlyArray<Node>): string {
  let out = '';
  nodes.forEach((node, i) => {
    const text = renderNode(node);
    // Never glue `-` `-` into a comment, nor two operators into one.
    const glued = (out.endsWith('-') && text.startsWith('-')) || (out.endsWith('/') && text.startsWith('*')) || (nodes[i - 1]?.kind === 'operator' && node.kind === 'operator');
    if (i > 0 && (spaceBetween(nodes, i) || glued)) out += ' ';
    out += text;
  });
  return out;
}
