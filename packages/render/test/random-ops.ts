import { OPERATION_NAMES } from '@autogen/ops';
import type { ColumnChange, Op, OpKind } from '@autogen/ops';
import { parseColumnType, tableKey } from '@autogen/schema';
import type { Column, DefaultValue, EnumType, ForeignKey, ForeignKeyAction, Index, IndexPart, Table } from '@autogen/schema';

/*
 * A seeded generator of valid ops (every kind, every optional field sometimes present) whose names, SQL and
 * literals are drawn from a pool of strings that are hard to quote. Same seed, same ops.
 */

/** Strings that break naive quoting: quotes, backslashes, line breaks, template syntax, comment markers, Unicode. */
export const ODD_STRINGS: ReadonlyArray<string> = [
  'plain',
  "it's",
  'back\\slash\\',
  'line\nbreak',
  'crlf\r\nline',
  'lone\rcr',
  'tab\tbed',
  '`tick`',
  '${interp}',
  '$',
  '*/ end of comment',
  '/* open comment',
  '// slashes',
  '"double"',
  'ünïcødé 名前',
  'emoji 😀',
  'sep\u2028par\u2029',
  'nul\u0000bell\u0007',
  'lone \ud800 surrogate',
  'bom\ufeff',
  'del\u007f',
  ' padded ',
  'x'.repeat(150),
];

const TYPES: ReadonlyArray<string> = ['INTEGER', 'TEXT', 'varchar(255)', 'numeric(10, 2)', 'double precision', 'INT', 'BLOB'];
const ACTIONS: ReadonlyArray<ForeignKeyAction> = ['no action', 'restrict', 'cascade', 'set null', 'set default'];
const CHANGES: ReadonlyArray<ColumnChange> = ['type', 'nullable', 'default', 'autoincrement', 'collation', 'identity', 'comment'];
const IDENTITIES: ReadonlyArray<NonNullable<Column['identity']>> = ['always', 'by default'];
const METHODS: ReadonlyArray<string> = ['btree', 'gin', 'gist', 'hash', 'brin'];
const NUMBERS: ReadonlyArray<number> = [0, -0, 1, -5, 0.1, 1e21, 123456789.125, Number.MAX_SAFE_INTEGER];

/** A small deterministic random source (LCG); `seed` picks the sequence. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.#state = (Math.imul(this.#state, 1664525) + 1013904223) >>> 0;
    return this.#state / 0x100000000;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: ReadonlyArray<T>): T {
    return items[this.int(items.length)]!;
  }
  chance(p = 0.5): boolean {
    return this.next() < p;
  }
  text(): string {
    return this.pick(ODD_STRINGS);
  }
  /** `count` distinct names built from odd strings. */
  names(count: number): ReadonlyArray<string> {
    return Array.from({ length: count }, (_, i) => `${this.text()}${i}`);
  }
}

function randomDefault(r: Random): DefaultValue {
  switch (r.int(5)) {
    case 0:
      return { kind: 'literal', value: r.text() };
    case 1:
      return { kind: 'literal', value: r.pick(NUMBERS) };
    case 2:
      return { kind: 'literal', value: r.chance() };
    case 3:
      return { kind: 'literal', value: null };
    default:
      return { kind: 'sql', expr: r.text() };
  }
}

function randomColumn(r: Random, name: string): Column {
  return {
    name,
    type: parseColumnType(r.pick(TYPES)),
    nullable: r.chance(),
    ...(r.chance(0.4) ? { default: randomDefault(r) } : {}),
    ...(r.chance(0.2) ? { autoincrement: true } : {}),
    ...(r.chance(0.2) ? { collation: r.text() } : {}),
    ...(r.chance(0.2) ? { identity: r.pick(IDENTITIES) } : {}),
    ...(r.chance(0.2) ? { comment: r.chance(0.2) ? '' : r.text() } : {}),
  };
}

function randomIndex(r: Random, name: string): Index {
  const parts: IndexPart[] = r.names(1 + r.int(3)).map((n) =>
    r.chance(0.25) ? { kind: 'expression', sql: r.text() } : { kind: 'column', name: n, ...(r.chance(0.3) ? { descending: true } : {}) },
  );
  return {
    name,
    parts,
    unique: r.chance(),
    ...(r.chance(0.3) ? { where: r.text() } : {}),
    ...(r.chance(0.3) ? { method: r.pick(METHODS) } : {}),
    ...(r.chance(0.3) ? { include: r.names(1 + r.int(2)) } : {}),
  };
}

function randomForeignKey(r: Random): ForeignKey {
  const count = 1 + r.int(2);
  return {
    ...(r.chance() ? { name: r.text() } : {}),
    columns: r.names(count),
    referencedTable: r.text(),
    referencedColumns: r.names(count),
    onDelete: r.pick(ACTIONS),
    onUpdate: r.pick(ACTIONS),
    ...(r.chance(0.3) ? { deferred: true } : {}),
    ...(r.chance(0.3) ? { deferrable: true } : {}),
    ...(r.chance(0.3) ? { referencedSchema: r.text() } : {}),
  };
}

const named = <T>(r: Random, value: T): T => (r.chance() ? { name: r.text(), ...value } : value);

function randomTable(r: Random, name: string): Table {
  return {
    name,
    ...(r.chance(0.3) ? { schema: r.text() } : {}),
    ...(r.chance(0.3) ? { comment: r.text() } : {}),
    columns: r.names(1 + r.int(4)).map((n) => randomColumn(r, n)),
    ...(r.chance() ? { primaryKey: named(r, { columns: r.names(1 + r.int(2)) }) } : {}),
    foreignKeys: r.chance() ? [randomForeignKey(r)] : [],
    indexes: r.chance() ? r.names(1 + r.int(2)).map((n) => randomIndex(r, n)) : [],
    uniques: r.chance() ? [named(r, { columns: r.names(1 + r.int(2)) })] : [],
    checks: r.chance() ? [named(r, { expression: r.text() })] : [],
  };
}

function randomEnum(r: Random): EnumType {
  return { name: r.text(), ...(r.chance(0.3) ? { schema: r.text() } : {}), values: r.names(r.int(4)) };
}

/** Two different label lists (some labels kept, some removed, some added) and sometimes a rename. */
function randomEnumChange(r: Random): { from: ReadonlyArray<string>; to: ReadonlyArray<string>; renames?: Record<string, string> } {
  const from = r.names(1 + r.int(3));
  // Suffixed, so never equal to a label of `from` (those end in a digit).
  const added = r.names(r.int(3)).map((label) => `${label}+`);
  const to = [...from.filter(() => r.chance()), ...added];
  if (to.length === from.length && added.length === 0) to.push(`${r.text()}+new`);
  const removed = from.filter((label) => !to.includes(label));
  const fresh = to.filter((label) => !from.includes(label));
  const renamed = removed.length > 0 && fresh.length > 0 && r.chance() ? { renames: { [removed[0]!]: fresh[0]! } } : {};
  return { from, to, ...renamed };
}

/** A random valid op of `kind`; nested rebuild changes are never rebuilds themselves. */
export function randomOp(r: Random, kind: OpKind): Op {
  const table = r.text();
  const [from, to] = r.names(2) as [string, string];
  switch (kind) {
    case 'createTable':
      return { kind, table: randomTable(r, table) };
    case 'dropTable': {
      const existing = randomTable(r, table);
      return { kind, table: tableKey(existing), existing };
    }
    case 'renameTable':
      return { kind, from, to };
    case 'addColumn':
      return { kind, table, column: randomColumn(r, from) };
    case 'dropColumn':
      return { kind, table, column: from, existing: randomColumn(r, from) };
    case 'alterColumn': {
      const changes = CHANGES.filter(() => r.chance());
      return { kind, table, column: from, from: randomColumn(r, from), to: randomColumn(r, from), changes: changes.length ? changes : ['type'] };
    }
    case 'renameColumn':
      return { kind, table, from, to };
    case 'createIndex':
      return { kind, table, index: randomIndex(r, from), ...(r.chance(0.3) ? { concurrently: true } : {}) };
    case 'dropIndex':
      return { kind, table, existing: randomIndex(r, from), ...(r.chance(0.3) ? { concurrently: true } : {}) };
    case 'createForeignKey':
      return { kind, table, foreignKey: randomForeignKey(r) };
    case 'dropForeignKey':
      return { kind, table, existing: randomForeignKey(r) };
    case 'createUnique':
      return { kind, table, unique: named(r, { columns: r.names(1 + r.int(3)) }) };
    case 'dropUnique':
      return { kind, table, existing: named(r, { columns: r.names(1 + r.int(3)) }) };
    case 'createCheck':
      return { kind, table, check: named(r, { expression: r.text() }) };
    case 'dropCheck':
      return { kind, table, existing: named(r, { expression: r.text() }) };
    case 'createPrimaryKey':
      return { kind, table, primaryKey: named(r, { columns: r.names(1 + r.int(2)) }) };
    case 'dropPrimaryKey':
      return { kind, table, existing: named(r, { columns: r.names(1 + r.int(2)) }) };
    case 'rebuildTable': {
      const nestedKinds = OPERATION_NAMES.filter((k) => k !== 'rebuildTable');
      const fromTable = randomTable(r, table);
      return {
        kind,
        table: tableKey(fromTable),
        from: fromTable,
        to: randomTable(r, r.chance() ? table : to),
        changes: Array.from({ length: r.int(4) }, () => randomOp(r, r.pick(nestedKinds))),
      };
    }
    case 'createEnum':
      return { kind, enum: randomEnum(r) };
    case 'dropEnum':
      return { kind, existing: randomEnum(r) };
    case 'alterEnum': {
      const usages = Array.from({ length: r.int(3) }, () => ({
        table: r.text(),
        column: r.text(),
        ...(r.chance(0.3) ? { default: randomDefault(r) } : {}),
      }));
      return { kind, name: r.text(), ...randomEnumChange(r), usages };
    }
    case 'setTableComment': {
      const [before, after] = [r.chance(0.7) ? r.text() : undefined, r.chance(0.7) ? `${r.text()}!` : undefined];
      // `after` is suffixed so the two sides never match; absent both sides would be no change.
      return { kind, table, ...(before !== undefined ? { from: before } : {}), ...(after !== undefined || before === undefined ? { to: after ?? '' } : {}) };
    }
    case 'execute':
      return { kind, sql: r.text(), ...(r.chance() ? { reverseSql: r.text() } : {}) };
  }
}

/** `count` random ops, every kind equally likely. */
export function randomOps(r: Random, count: number): ReadonlyArray<Op> {
  return Array.from({ length: count }, () => randomOp(r, r.pick(OPERATION_NAMES)));
}
