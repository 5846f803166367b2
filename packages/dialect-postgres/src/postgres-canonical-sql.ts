import { POSTGRES_QUOTED_KEYWORDS, postgresNeedsQuoting } from './postgres-keywords';
import {
  childrenOf,
  isGroup,
  isIdentifier,
  isOperator,
  isPunct,
  isUnary,
  isWord,
  parseSqlTree,
  renderSqlTree,
  SPACED_BEFORE_PAREN,
  UPPERCASE_WORDS,
  valueOf,
  word,
} from './postgres-sql-tree';
import type { Group, Node } from './postgres-sql-tree';
import { tokenizePostgres } from './postgres-sql-tokenizer';
import type { PgToken } from './postgres-sql-tokenizer';

/**
 * The canonical spelling of a PostgreSQL expression, so that what a model writes and what PostgreSQL prints back
 * (`pg_get_expr`, `pg_get_constraintdef`, `pg_get_indexdef`) compare equal. Both sides go through it:
 *
 * - unquoted words lowercased (PostgreSQL folds them), except the SQL value functions (`CURRENT_TIMESTAMP`,
 *   `CURRENT_DATE`, `CURRENT_USER`, …) which are uppercased; `USER` is `CURRENT_USER`;
 * - quoted identifiers unquoted when quoting is not needed (`"price"` → `price`, `"Price"` and `"order"` stay);
 * - string constants re-quoted in the standard form (`E'it\'s'` → `'it''s'`);
 * - the casts PostgreSQL adds when it stores an expression dropped where that cannot change the meaning:
 *   `'a'::text`, `'a'::character varying`, `'-1'::integer` → `-1`, `NULL::text`; `0::numeric` and
 *   `'ok'::mood` where the constant is compared (`price > 0`, `status = 'ok'`, `IN` lists); `a::text` on the
 *   text/varchar columns of `options.textColumns`; `ARRAY['a', 'b']::text[]`. Other casts stay, with a canonical
 *   type name (`::int4` → `::integer`); a bounded one (`::varchar(3)`) always stays;
 * - `x = ANY (ARRAY[a, b])` → `x in (a, b)` and `x <> ALL (ARRAY[…])` → `x not in (…)` (how `IN` lists are stored);
 *   `~~`, `~~*`, `!~~`, `!~~*` → `like`, `ilike`, `not like`, `not ilike`; `!=` → `<>`;
 * - parentheses dropped where they cannot change the meaning: around a single operand (`(a)`, `(-1)`,
 *   `(lower(a))`, `(CASE … END)`), and around an expression whose loosest operator binds tighter than its
 *   neighbours (`((a > 0) AND (b > 0)) OR c` → `a > 0 and b > 0 or c`, `((b + 1) * 2) > 0` → `(b + 1) * 2 > 0`;
 *   https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-PRECEDENCE);
 * - one space between tokens, none inside brackets, before a comma, around `::` and `.`, between a function
 *   name and its `(`, or after a unary minus.
 *
 * Meant for comparison and for DDL alike: the result is valid SQL with the same meaning. Idempotent. Not
 * handled (they stay different): `BETWEEN` (stored as `>= AND <=`), `IN` over a subquery, operator classes.
 */
export function canonicalPostgresSql(sql: string, options: CanonicalSqlOptions = {}): string {
  return renderSqlTree(transformList(parseSqlTree(prepare(tokenizePostgres(sql))), { options, inList: false }));
}

/** What {@link canonicalPostgresSql} may know about the table an expression belongs to. */
export interface CanonicalSqlOptions {
  /**
   * Columns of type `text` or `varchar`: PostgreSQL writes `(name)::text` where such a column meets a text
   * operand, and that cast is dropped only on these columns (on an integer column it would change the meaning).
   * Default: none.
   */
  readonly textColumns?: ReadonlySet<string>;
}

/** Where a list of nodes sits. */
interface Context {
  readonly options: CanonicalSqlOptions;
  /** The list is the element list of `ARRAY[…]` or `IN (…)`, where constants are compared with the left side. */
  readonly inList: boolean;
}

/** Canonical spelling of a type name as PostgreSQL's `format_type` writes it, for the target of a `::` cast. */
const CAST_TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  int2: 'smallint',
  smallint: 'smallint',
  int8: 'bigint',
  bigint: 'bigint',
  float8: 'double precision',
  float: 'double precision',
  'double precision': 'double precision',
  float4: 'real',
  real: 'real',
  bool: 'boolean',
  boolean: 'boolean',
  varchar: 'character varying',
  'character varying': 'character varying',
  'char varying': 'character varying',
  char: 'bpchar',
  character: 'bpchar',
  bpchar: 'bpchar',
  decimal: 'numeric',
  dec: 'numeric',
  numeric: 'numeric',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  varbit: 'bit varying',
  'bit varying': 'bit varying',
};

const NUMERIC_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);
const TEXT_TYPES = new Set(['text', 'character varying', 'bpchar', 'character', 'name', 'unknown']);

/** Built-in types a string constant keeps its cast to (its meaning may depend on it: `'1 day'::interval`). */
const BUILTIN_TYPES = new Set([
  ...Object.values(CAST_TYPE_SYNONYMS),
  ...'text name unknown date interval json jsonb uuid bytea inet cidr macaddr macaddr8 money xml bit oid regclass regtype regproc regprocedure regoper regoperator regconfig regdictionary regnamespace regrole regcollation tsvector tsquery point line lseg box path polygon circle int4range int8range numrange tsrange tstzrange daterange int4multirange int8multirange nummultirange tsmultirange tstzmultirange datemultirange pg_lsn txid_snapshot pg_snapshot record void anyelement anyarray cstring "char"'.split(
    ' ',
  ),
]);

/** Word operators PostgreSQL stores as symbols (https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-LIKE). */
const LIKE_OPERATORS: Readonly<Record<string, ReadonlyArray<string>>> = {
  '~~': ['like'],
  '~~*': ['ilike'],
  '!~~': ['not', 'like'],
  '!~~*': ['not', 'ilike'],
};

/** Token-level rewrites: identifiers unquoted when possible, LIKE operators as words, `user` → `current_user`. */
function prepare(tokens: ReadonlyArray<PgToken>): PgToken[] {
  const out: PgToken[] = [];
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (token.kind === 'quoted' && !postgresNeedsQuoting(token.value)) {
      // A quoted identifier that needs no quotes is the same name as the bare word; keeping it a `quoted` token
      // keeps it from being read as a keyword (it is not in the keyword list anyway).
      out.push({ kind: 'quoted', text: token.value, value: token.value });
    } else if (token.kind === 'operator' && LIKE_OPERATORS[token.value]) {
      out.push(...(LIKE_OPERATORS[token.value] as ReadonlyArray<string>).map(word));
    } else if (token.kind === 'word' && token.value === 'user' && !(previous?.kind === 'punct' && previous.value === '.')) {
      out.push(word('current_user'));
    } else {
      out.push(token);
    }
  });
  return out;
}

/** Transforms a list bottom-up until nothing changes. */
function transformList(list: ReadonlyArray<Node>, context: Context): Node[] {
  let nodes = list.map((n, i): Node => {
    if (n.kind !== 'group') return n;
    const inList = (n.open === '[' && isWord(list[i - 1], 'array')) || (n.open === '(' && isWord(list[i - 1], 'in'));
    return { ...n, children: transformList(n.children, { options: context.options, inList }) };
  });
  for (let guard = 0; guard < 1000; guard++) {
    const next = stripCasts(nodes, context) ?? unwrapParentheses(nodes) ?? rewriteInLists(nodes) ?? rewriteBetween(nodes);
    if (!next) break;
    nodes = next;
  }
  return nodes;
}

/** A parsed cast target: where it ends and its canonical spelling. */
interface CastType {
  readonly end: number;
  /** Canonical base name (`character varying`), without modifiers or array brackets. */
  readonly base: string;
  readonly array: boolean;
  /** True when a length or precision is given (`varchar(3)`): such a cast may truncate, so it stays. */
  readonly modified: boolean;
  /** True for a quoted, schema-qualified or non-built-in name (an enum or domain). */
  readonly user: boolean;
  readonly nodes: ReadonlyArray<Node>;
}

/** Reads the type name after the `::` at `castAt`. */
function readCastType(nodes: ReadonlyArray<Node>, castAt: number): CastType | undefined {
  let i = castAt + 1;
  const first = nodes[i];
  if (!first || (first.kind !== 'word' && first.kind !== 'quoted')) return undefined;
  let user = first.kind === 'quoted';
  let base: string;
  i++;
  if (isPunct(nodes[i], '.') && (nodes[i + 1]?.kind === 'word' || nodes[i + 1]?.kind === 'quoted')) {
    // schema.type
    user = true;
    base = `${renderSqlTree([first])}.${renderSqlTree([nodes[i + 1] as Node])}`;
    i += 2;
  } else if (first.kind === 'quoted') {
    base = renderSqlTree([first]);
  } else {
    const words = [first.value];
    const take = (...values: string[]): boolean => {
      if (isWord(nodes[i], ...values)) {
        words.push((nodes[i] as PgToken).value);
        i++;
        return true;
      }
      return false;
    };
    let modifier: Group | undefined;
    if (first.value === 'double') take('precision');
    else if (first.value === 'character' || first.value === 'char' || first.value === 'bit') take('varying');
    else if (first.value === 'timestamp' || first.value === 'time') {
      if (isGroup(nodes[i], '(')) modifier = nodes[i++] as Group;
      if (take('with', 'without')) {
        take('time');
        take('zone');
      }
    } else if (first.value === 'interval') {
      while (take('year', 'month', 'day', 'hour', 'minute', 'second', 'to'));
    }
    const spelled = words.join(' ');
    base = CAST_TYPE_SYNONYMS[spelled] ?? spelled;
    user = !BUILTIN_TYPES.has(base);
    const typmod = modifier ? [modifier] : [];
    if (isGroup(nodes[i], '(') && (nodes[i] as Group).children.every((c) => c.kind === 'number' || isPunct(c, ','))) {
      typmod.push(nodes[i] as Group);
      i++;
    }
    const baseWords = base.split(' ').map(word);
    // `timestamp(3) with time zone`: the modifier sits after the first word.
    const spelledNodes: Node[] =
      typmod.length && (base.startsWith('timestamp ') || base.startsWith('time '))
        ? [baseWords[0] as Node, ...typmod, ...baseWords.slice(1)]
        : [...baseWords, ...typmod];
    const arrays: Node[] = [];
    while (isGroup(nodes[i], '[') && (nodes[i] as Group).children.length <= 1) arrays.push(nodes[i++] as Node);
    return { end: i, base, array: arrays.length > 0, modified: typmod.length > 0, user, nodes: [...spelledNodes, ...(arrays.length ? [{ kind: 'group', open: '[', children: [] } as Group] : [])] };
  }
  const arrays: Node[] = [];
  while (isGroup(nodes[i], '[') && (nodes[i] as Group).children.length <= 1) arrays.push(nodes[i++] as Node);
  const baseNodes = nodes.slice(castAt + 1, castAt + 1 + (isPunct(nodes[castAt + 2], '.') ? 3 : 1));
  return { end: i, base, array: arrays.length > 0, modified: false, user, nodes: [...baseNodes, ...(arrays.length ? [{ kind: 'group', open: '[', children: [] } as Group] : [])] };
}

const NUMBER = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** `-1` as one operand: a number, optionally signed. */
function isSignedNumber(nodes: ReadonlyArray<Node>): boolean {
  if (nodes.length === 1) return nodes[0]?.kind === 'number';
  return nodes.length === 2 && (isOperator(nodes[0], '-') || isOperator(nodes[0], '+')) && nodes[1]?.kind === 'number';
}

/** True when `nodes[at]` (a `(` group) is the argument list of a call or part of a construct (`IN (…)`). */
function isSyntaxParen(nodes: ReadonlyArray<Node>, at: number): boolean {
  const previous = nodes[at - 1];
  if (previous === undefined) return false;
  if (previous.kind === 'quoted' || previous.kind === 'group' || previous.kind === 'param' || previous.kind === 'string' || previous.kind === 'number') return true;
  if (previous.kind === 'word') return !UNWRAP_AFTER.has(previous.value);
  return false;
}

/** Words after which a parenthesized operand may lose its parentheses. */
const UNWRAP_AFTER = new Set(['and', 'or', 'not', 'when', 'then', 'else', 'like', 'ilike', 'escape', 'is', 'between', 'symmetric']);

const COMPARISONS = new Set(['<', '>', '=', '<=', '>=', '<>']);
const INT4 = { min: -2147483648, max: 2147483647 };

/** True for integer text within `integer` range, which PostgreSQL types as `integer` on its own. */
const isInt4Text = (text: string): boolean => /^[+-]?[0-9]+$/.test(text) && Number(text) >= INT4.min && Number(text) <= INT4.max;

/**
 * The one rewrite of casts found in `nodes`, or undefined when there is none. A cast is dropped only where the
 * result means the same (see {@link canonicalPostgresSql}):
 * - on NULL, and on a string constant to an unbounded text type (`'x'::text`, `'x'::character varying`);
 * - on an integer constant to `integer` (its type anyway), and on a string holding one (`'-1'::integer` → `-1`);
 * - on other numeric and on enum/domain casts of constants only where the constant is compared (`price > 0::numeric`,
 *   `status <> 'closed'::audit.status`, `BETWEEN`, an `IN`/`ANY` list), since the comparison converts it anyway;
 * - `::text` on a text or varchar column named in `textColumns`;
 * - `::text[]` on an `ARRAY[…]` of string constants.
 * Other casts stay, with the type spelled canonically (`::int4` → `::integer`).
 */
function stripCasts(nodes: ReadonlyArray<Node>, context: Context): Node[] | undefined {
  const ands = connectorAnds(nodes);
  for (let i = 1; i < nodes.length; i++) {
    if (nodes[i]?.kind !== 'cast') continue;
    const type = readCastType(nodes, i);
    if (!type) continue;
    const operand = nodes[i - 1] as Node;
    const replace = (at: number, removed: number, ...inserted: Node[]): Node[] => [
      ...nodes.slice(0, at),
      ...inserted,
      ...nodes.slice(at + removed),
    ];
    const dropCast = (): Node[] => replace(i, type.end - i);
    const before = nodes[i - 2];
    const after = nodes[type.end];
    // The constant is a whole side of a comparison only when what lies beyond it binds more loosely:
    // in `b / 2::numeric > 1` the compared side is `b / 2::numeric`, and the cast decides the division.
    const looseBefore = neighbourLevel(nodes, i - 2, ands) < LEVEL.comparison;
    const looseAfter = neighbourLevel(nodes, type.end, ands) < LEVEL.comparison;
    const otherSide =
      isOperator(before) && COMPARISONS.has(valueOf(before)) && looseAfter
        ? nodes[i - 3]
        : isOperator(after) && COMPARISONS.has(valueOf(after)) && looseBefore
          ? nodes[type.end + 1]
          : undefined;
    const compared =
      otherSide !== undefined ||
      ((isWord(before, 'between', 'symmetric') || (isWord(before, 'and') && !ands.has(i - 2))) && neighbourLevel(nodes, type.end, ands) <= LEVEL.like) ||
      (context.inList && (before === undefined || isPunct(before, ',')) && (after === undefined || isPunct(after, ',')));
    const integer = type.base === 'integer' && !type.array;
    const numeric = NUMERIC_TYPES.has(type.base) && !type.array && !type.modified;
    const textual = TEXT_TYPES.has(type.base) && !type.modified && !type.array;
    const content = isGroup(operand, '(') && !isSyntaxParen(nodes, i - 1) ? childrenOf(operand) : undefined;
    const numberText =
      operand.kind === 'number' ? operand.text : content && isSignedNumber(content) ? content.map((n) => valueOf(n)).join('') : undefined;
    if (isWord(operand, 'null')) return dropCast();
    if (operand.kind === 'string') {
      const text = operand.value.trim();
      if ((integer && isInt4Text(text)) || (numeric && compared && NUMBER.test(text) && (type.base !== 'smallint' && type.base !== 'bigint' ? true : /^[+-]?[0-9]+$/.test(text)))) {
        return replace(i - 1, type.end - i + 1, { kind: 'number', text, value: text });
      }
      if (textual) return dropCast();
      // An enum constant compared with a non-constant takes the other side's type anyway.
      if (type.user && !type.array && compared && otherSide?.kind !== 'string') return dropCast();
    }
    if (numberText !== undefined) {
      if (integer && isInt4Text(numberText)) return dropCast();
      if (numeric && compared && (type.base === 'smallint' || type.base === 'bigint' ? /^[+-]?[0-9]+$/.test(numberText) : true)) return dropCast();
    }
    const columnName = operand.kind === 'word' || operand.kind === 'quoted' ? operand.value : content?.length === 1 ? valueOf(content[0]) : undefined;
    const isColumn = columnName !== undefined && (operand.kind !== 'word' || isIdentifier(operand)) && context.options.textColumns?.has(columnName) === true;
    if (type.base === 'text' && !type.modified && !type.array && isColumn && !isPunct(before, '.')) return dropCast();
    const elements = isGroup(operand, '[') && isWord(nodes[i - 2], 'array') ? childrenOf(operand) : content?.length === 2 && isWord(content[0], 'array') ? childrenOf(content[1]) : undefined;
    const stringList = elements !== undefined && elements.length > 0 && elements.every((n, k) => (k % 2 === 0 ? n.kind === 'string' : isPunct(n, ',')));
    if (TEXT_TYPES.has(type.base) && !type.modified && type.array && stringList) return dropCast();
    // Keep the cast, spelled canonically.
    const spelled = renderSqlTree(type.nodes);
    const current = renderSqlTree(nodes.slice(i + 1, type.end));
    if (spelled !== current) return replace(i + 1, type.end - i - 1, ...type.nodes);
  }
  return undefined;
}

/** Indexes of the `and` words of `nodes` that join conditions (not the `and` of a `BETWEEN … AND …`). */
function connectorAnds(nodes: ReadonlyArray<Node>): ReadonlySet<number> {
  const connectors = new Set<number>();
  let pendingBetween = 0;
  nodes.forEach((node, i) => {
    if (isWord(node, 'between')) pendingBetween++;
    else if (isWord(node, 'and')) {
      if (pendingBetween > 0) pendingBetween--;
      else connectors.add(i);
    }
  });
  return connectors;
}

/**
 * Binding strength of operators, loosest first, after PostgreSQL's precedence table
 * (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-PRECEDENCE-TABLE).
 */
const LEVEL = {
  or: 1,
  and: 2,
  not: 3,
  is: 4,
  comparison: 5,
  like: 6,
  other: 7,
  additive: 8,
  multiplicative: 9,
  power: 10,
  unary: 11,
  cast: 12,
} as const;

/** Words that end or separate expressions around a parenthesized one (`CASE WHEN (…) THEN (…) END`). */
const EDGE_WORDS = new Set(['when', 'then', 'else', 'end', 'case', 'as', 'select', 'where', 'return']);

/** Reserved words that are values, not syntax. */
const VALUE_WORDS = new Set(['true', 'false', 'null', ...UPPERCASE_WORDS]);

const PATTERN_WORDS = new Set(['like', 'ilike', 'in', 'between', 'similar']);

/**
 * The level of the operator at `nodes[at]`, or undefined when it is no operator. `unary` says whether an operator
 * symbol there is a prefix one; `ands` are the connector ANDs of the list (the AND of `BETWEEN … AND …` binds
 * like BETWEEN).
 */
function operatorLevel(nodes: ReadonlyArray<Node>, at: number, unary: boolean, ands: ReadonlySet<number>): number | undefined {
  const node = nodes[at];
  if (node === undefined) return undefined;
  if (node.kind === 'cast') return LEVEL.cast;
  if (node.kind === 'operator') {
    if (unary) return LEVEL.unary;
    if (node.value === '^') return LEVEL.power;
    if (node.value === '*' || node.value === '/' || node.value === '%') return LEVEL.multiplicative;
    if (node.value === '+' || node.value === '-') return LEVEL.additive;
    if (['<', '>', '=', '<=', '>=', '<>'].includes(node.value)) return LEVEL.comparison;
    return LEVEL.other;
  }
  if (node.kind !== 'word') return undefined;
  switch (node.value) {
    case 'or':
      return LEVEL.or;
    case 'and':
      return ands.has(at) ? LEVEL.and : LEVEL.like;
    case 'not':
      if (isWord(nodes[at - 1], 'is')) return LEVEL.is;
      return PATTERN_WORDS.has(valueOf(nodes[at + 1])) ? LEVEL.like : LEVEL.not;
    case 'is':
    case 'isnull':
    case 'notnull':
      return LEVEL.is;
    default:
      return PATTERN_WORDS.has(node.value) ? LEVEL.like : undefined;
  }
}

/** How tightly the neighbour at `at` binds toward a parenthesized group beside it: 0 at an edge, ∞ when unknown. */
function neighbourLevel(nodes: ReadonlyArray<Node>, at: number, ands: ReadonlySet<number>): number {
  const node = nodes[at];
  if (node === undefined || isPunct(node, ',') || isPunct(node, ';')) return 0;
  if (node.kind === 'word' && EDGE_WORDS.has(node.value)) return 0;
  return operatorLevel(nodes, at, node.kind === 'operator' && isUnary(nodes, at), ands) ?? Number.POSITIVE_INFINITY;
}

/**
 * The loosest operator at the top level of `nodes` (∞ when there is none), or undefined when the list holds syntax
 * this does not model (`CASE`, `AT TIME ZONE`, `IS DISTINCT FROM`, `COLLATE`, …), so its parentheses stay.
 */
function loosestOperator(nodes: ReadonlyArray<Node>): number | undefined {
  const ands = connectorAnds(nodes);
  let loosest: number = Number.POSITIVE_INFINITY;
  let expectOperand = true;
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k] as Node;
    if (node.kind === 'cast') {
      const type = readCastType(nodes, k);
      if (!type) return undefined;
      k = type.end - 1;
      continue;
    }
    if (isPunct(node, '.') && !expectOperand && (nodes[k + 1]?.kind === 'word' || nodes[k + 1]?.kind === 'quoted')) {
      k++;
      continue;
    }
    const level = operatorLevel(nodes, k, node.kind === 'operator' && expectOperand, ands);
    if (level !== undefined) {
      loosest = Math.min(loosest, level);
      expectOperand = true;
      continue;
    }
    if (!expectOperand) return undefined; // two operands in a row: some construct this does not model
    expectOperand = false;
    const call = (node.kind === 'word' || node.kind === 'quoted') && isGroup(nodes[k + 1], '(');
    if (isWord(node, 'case')) {
      const end = matchingEnd(nodes, k);
      if (end < 0) return undefined;
      k = end;
    } else if (call || (isWord(node, 'array') && isGroup(nodes[k + 1], '['))) k++;
    else if (node.kind === 'word' && POSTGRES_QUOTED_KEYWORDS.has(node.value) && !VALUE_WORDS.has(node.value)) return undefined;
    else if (node.kind === 'punct') return undefined;
    while (isGroup(nodes[k + 1], '[')) k++;
  }
  return loosest;
}

/**
 * The one parenthesis pair of `nodes` that can go, or undefined. A pair goes when it holds a single operand, or
 * when its loosest operator binds tighter than the operators on both sides (or as tight, where grouping makes no
 * difference: AND and OR chains, and a left-associative operator on the left, `(a - b) - c`).
 */
function unwrapParentheses(nodes: ReadonlyArray<Node>): Node[] | undefined {
  const ands = connectorAnds(nodes);
  for (let i = 0; i < nodes.length; i++) {
    const group = nodes[i];
    if (!isGroup(group, '(') || childrenOf(group).length === 0 || isSyntaxParen(nodes, i)) continue;
    const inner = childrenOf(group);
    const next = nodes[i + 1];
    if (isPunct(next, '.') || isGroup(next, '[')) continue; // (composite).field, (array)[1]
    if (inner.some((n) => isPunct(n, ',')) || isWord(inner[0], 'select', 'values', 'with')) continue;
    const unwrap = (): Node[] => [...nodes.slice(0, i), ...inner, ...nodes.slice(i + 1)];
    // A signed number after an operator stays readable and means the same: `x - (-1)` → `x - -1`.
    if (isOperand(inner)) return unwrap();
    const inside = loosestOperator(inner);
    if (inside === undefined) continue;
    const before = neighbourLevel(nodes, i - 1, ands);
    const after = neighbourLevel(nodes, i + 1, ands);
    const associative = inside === LEVEL.or || inside === LEVEL.and;
    const leftAssociative = inside >= LEVEL.other && inside <= LEVEL.power;
    const okBefore = inside > before || (inside === before && associative);
    const okAfter = inside > after || (inside === after && (associative || leftAssociative));
    if (okBefore && okAfter) return unwrap();
  }
  return undefined;
}

/** Index of the `END` closing the `CASE` at `at` (CASEs nest), or -1. */
function matchingEnd(nodes: ReadonlyArray<Node>, at: number): number {
  let depth = 0;
  for (let k = at; k < nodes.length; k++) {
    if (isWord(nodes[k], 'case')) depth++;
    else if (isWord(nodes[k], 'end') && --depth === 0) return k;
  }
  return -1;
}

/** A single operand: a name, constant, signed number, call, `ARRAY[…]`, `CASE … END` or `schema.name`. */
function isOperand(nodes: ReadonlyArray<Node>): boolean {
  if (isWord(nodes[0], 'case') && matchingEnd(nodes, 0) === nodes.length - 1) return true;
  if (nodes.length === 1) {
    const only = nodes[0] as Node;
    return only.kind === 'word' || only.kind === 'quoted' || only.kind === 'string' || only.kind === 'number' || only.kind === 'param';
  }
  if (isSignedNumber(nodes)) return true;
  if (nodes.length === 2) {
    const [head, tail] = nodes;
    if (isWord(head, 'array') && isGroup(tail, '[')) return true;
    if ((head?.kind === 'quoted' || (isWord(head) && !SPACED_BEFORE_PAREN.has(valueOf(head)) && valueOf(head) !== 'array')) && isGroup(tail, '(')) return true;
  }
  if (nodes.length === 3 || nodes.length === 5) {
    return nodes.every((n, k) => (k % 2 === 1 ? isPunct(n, '.') : n.kind === 'word' || n.kind === 'quoted'));
  }
  return false;
}

/** Words that end an operand of `BETWEEN` at the same nesting level. */
const BETWEEN_BOUNDARIES = new Set(['and', 'or', 'not', 'when', 'then', 'else', 'end', 'case']);

/**
 * `x BETWEEN a AND b` → `x >= a and x <= b`, and `x NOT BETWEEN a AND b` → `x < a or x > b`: PostgreSQL stores
 * the expanded form (a CHECK written with BETWEEN reads back as `x >= a AND x <= b`), so the model's spelling must
 * become the same. Only simple operands (no boolean words) are rewritten; `BETWEEN SYMMETRIC` is left alone.
 */
function rewriteBetween(nodes: ReadonlyArray<Node>): Node[] | undefined {
  const boundary = (n: Node | undefined): boolean => n === undefined || isPunct(n, ',') || (n.kind !== 'group' && isWord(n) && BETWEEN_BOUNDARIES.has(valueOf(n)));
  for (let i = 1; i < nodes.length; i++) {
    if (!isWord(nodes[i], 'between') || isWord(nodes[i + 1], 'symmetric', 'asymmetric')) continue;
    const negated = isWord(nodes[i - 1], 'not');
    const leftEnd = negated ? i - 1 : i;
    let leftStart = leftEnd;
    while (leftStart > 0 && !boundary(nodes[leftStart - 1])) leftStart--;
    const and = nodes.findIndex((n, k) => k > i && isWord(n, 'and'));
    if (and < 0 || leftStart === leftEnd || and === i + 1) continue;
    let highEnd = and + 1;
    while (highEnd < nodes.length && !boundary(nodes[highEnd])) highEnd++;
    if (highEnd === and + 1) continue;
    const left = nodes.slice(leftStart, leftEnd);
    const low = nodes.slice(i + 1, and);
    const high = nodes.slice(and + 1, highEnd);
    if (low.some((n) => boundary(n))) continue;
    const op = (text: string): Node => ({ kind: 'operator', text, value: text });
    const expanded: Node[] = negated
      ? [...left, op('<'), ...low, word('or'), ...left, op('>'), ...high]
      : [...left, op('>='), ...low, word('and'), ...left, op('<='), ...high];
    // Parenthesized, as PostgreSQL stores it; unwrapParentheses drops the parentheses where precedence allows.
    const replacement: Node = { kind: 'group', open: '(', children: expanded };
    return [...nodes.slice(0, leftStart), replacement, ...nodes.slice(highEnd)];
  }
  return undefined;
}

/** `x = ANY (ARRAY[a, b])` → `x in (a, b)`; `x <> ALL (ARRAY[a, b])` → `x not in (a, b)`. */
function rewriteInLists(nodes: ReadonlyArray<Node>): Node[] | undefined {
  for (let i = 0; i + 2 < nodes.length; i++) {
    const equal = isOperator(nodes[i], '=') && isWord(nodes[i + 1], 'any');
    const notEqual = isOperator(nodes[i], '<>') && isWord(nodes[i + 1], 'all');
    if (!equal && !notEqual) continue;
    const list = nodes[i + 2];
    if (!isGroup(list, '(') || childrenOf(list).length !== 2) continue;
    const [head, items] = childrenOf(list);
    if (!isWord(head, 'array') || !isGroup(items, '[') || childrenOf(items).length === 0) continue;
    if (childrenOf(items).some((n) => isGroup(n, '['))) continue; // a multi-dimensional ARRAY[[…]]
    const replacement: Node[] = [...(notEqual ? [word('not')] : []), word('in'), { kind: 'group', open: '(', children: childrenOf(items) }];
    return [...nodes.slice(0, i), ...replacement, ...nodes.slice(i + 3)];
  }
  return undefined;
}

