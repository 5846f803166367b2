import { tableKey } from '@autogen/schema';
import { callOperation } from './call-operation';
import { closestName } from './closest-name';
import type { Op, OpKind } from './op';
import { OPERATION_NAMES } from './operations';
import type { Operations } from './operations';
import {
  describeValue,
  quoteForMessage,
  readCheck,
  readColumn,
  readColumnChanges,
  readEnum,
  readEnumUsage,
  readForeignKey,
  readIndex,
  readIndexOptions,
  readLabelRenames,
  readLabels,
  readList,
  readObject,
  readPrimaryKey,
  readString,
  readTable,
  readText,
  readUnique,
} from './read-operation-input';
import type { Fail } from './read-operation-input';
import { RevisionApiError } from './revision-api-error';

/**
 * Runs a revision function (`upgrade` or `downgrade`) against a recorder and returns the ops it called, in call
 * order, as frozen plain data (the array itself is a fresh copy the caller owns).
 *
 * Every argument is checked at run time, because revision files are user-editable: a bad one throws a
 * {@link RevisionApiError} naming the call and the problem (`op.addColumn('users', …): column.name is missing`).
 * The recorder also rejects methods that are not part of {@link Operations} (`op.addColum(…)`, with a "did you mean"
 * hint), calls made after `fn` returned, and an `async` revision function: the runner executes ops in one
 * transaction, so the list must be complete when `fn` returns.
 *
 * Shorthands are expanded here: a type spelling becomes `parseColumnType(spelling)`, omitted table lists become
 * `[]`, index `unique` defaults to false, foreign key actions to `'no action'`, and a column name in an index's
 * `parts` becomes `{ kind: 'column', name }`.
 */
export function recordOperations(fn: (op: Operations) => void): Op[] {
  return [...runRecorder('', 'op', fn)];
}

type Build<K extends OpKind> = (
  args: ReadonlyArray<unknown>,
  fail: Fail,
  call: string,
) => Extract<Op, { readonly kind: K }>;

/** How one method reads its arguments: parameter names (for messages and the arity check) and the builder. */
interface MethodSpec<K extends OpKind> {
  readonly params: ReadonlyArray<string>;
  readonly build: Build<K>;
}

/** {@link MethodSpec} of any kind, as the dispatcher sees it. */
interface AnyMethodSpec {
  readonly params: ReadonlyArray<string>;
  readonly build: (args: ReadonlyArray<unknown>, fail: Fail, call: string) => Op;
}

/** One spec per Op kind: a missing kind is a type error (style rule 6). */
const METHODS: { readonly [K in OpKind]: MethodSpec<K> } = {
  createTable: {
    params: ['table'],
    build: ([table], fail) => ({ kind: 'createTable', table: readTable(table, 'table', fail) }),
  },
  dropTable: {
    params: ['table', 'existing'],
    build: ([name, existing], fail) => {
      const table = readString(name, 'table', fail);
      const definition = readTable(existing, 'existing', fail);
      requireSameTable(definition, table, 'existing', fail);
      return { kind: 'dropTable', table, existing: definition };
    },
  },
  renameTable: {
    params: ['from', 'to'],
    build: ([from, to], fail) => ({ kind: 'renameTable', ...readRename(from, to, fail) }),
  },
  addColumn: {
    params: ['table', 'column'],
    build: ([table, column], fail) => ({
      kind: 'addColumn',
      table: readString(table, 'table', fail),
      column: readColumn(column, 'column', fail),
    }),
  },
  dropColumn: {
    params: ['table', 'column', 'existing'],
    build: ([table, name, existing], fail) => {
      const tableName = readString(table, 'table', fail);
      const column = readString(name, 'column', fail);
      const definition = readColumn(existing, 'existing', fail);
      requireSameName(definition.name, column, 'existing.name', 'column', fail);
      return { kind: 'dropColumn', table: tableName, column, existing: definition };
    },
  },
  alterColumn: {
    params: ['table', 'column', 'change'],
    build: ([table, name, change], fail) => {
      const tableName = readString(table, 'table', fail);
      const column = readString(name, 'column', fail);
      const o = readObject(change, 'change', ['from', 'to', 'changes'], fail);
      const from = readColumn(o.from, 'from', fail);
      const to = readColumn(o.to, 'to', fail);
      requireSameName(from.name, column, 'from.name', 'column', fail);
      requireSameName(to.name, column, 'to.name', 'column', fail);
      return { kind: 'alterColumn', table: tableName, column, from, to, changes: readColumnChanges(o.changes, 'changes', fail) };
    },
  },
  renameColumn: {
    params: ['table', 'from', 'to'],
    build: ([table, from, to], fail) => ({ kind: 'renameColumn', table: readString(table, 'table', fail), ...readRename(from, to, fail) }),
  },
  createIndex: {
    params: ['table', 'index', 'options'],
    build: ([table, index, options], fail) => ({
      kind: 'createIndex',
      table: readString(table, 'table', fail),
      index: readIndex(index, 'index', fail),
      ...readIndexOptions(options, 'options', fail),
    }),
  },
  dropIndex: {
    params: ['table', 'existing', 'options'],
    build: ([table, existing, options], fail) => ({
      kind: 'dropIndex',
      table: readString(table, 'table', fail),
      existing: readIndex(existing, 'existing', fail),
      ...readIndexOptions(options, 'options', fail),
    }),
  },
  createForeignKey: {
    params: ['table', 'foreignKey'],
    build: ([table, foreignKey], fail) => ({
      kind: 'createForeignKey',
      table: readString(table, 'table', fail),
      foreignKey: readForeignKey(foreignKey, 'foreignKey', fail),
    }),
  },
  dropForeignKey: {
    params: ['table', 'existing'],
    build: ([table, existing], fail) => ({
      kind: 'dropForeignKey',
      table: readString(table, 'table', fail),
      existing: readForeignKey(existing, 'existing', fail),
    }),
  },
  createUnique: {
    params: ['table', 'unique'],
    build: ([table, unique], fail) => ({ kind: 'createUnique', table: readString(table, 'table', fail), unique: readUnique(unique, 'unique', fail) }),
  },
  dropUnique: {
    params: ['table', 'existing'],
    build: ([table, existing], fail) => ({
      kind: 'dropUnique',
      table: readString(table, 'table', fail),
      existing: readUnique(existing, 'existing', fail),
    }),
  },
  createCheck: {
    params: ['table', 'check'],
    build: ([table, check], fail) => ({ kind: 'createCheck', table: readString(table, 'table', fail), check: readCheck(check, 'check', fail) }),
  },
  dropCheck: {
    params: ['table', 'existing'],
    build: ([table, existing], fail) => ({
      kind: 'dropCheck',
      table: readString(table, 'table', fail),
      existing: readCheck(existing, 'existing', fail),
    }),
  },
  createPrimaryKey: {
    params: ['table', 'primaryKey'],
    build: ([table, primaryKey], fail) => ({
      kind: 'createPrimaryKey',
      table: readString(table, 'table', fail),
      primaryKey: readPrimaryKey(primaryKey, 'primaryKey', fail),
    }),
  },
  dropPrimaryKey: {
    params: ['table', 'existing'],
    build: ([table, existing], fail) => ({
      kind: 'dropPrimaryKey',
      table: readString(table, 'table', fail),
      existing: readPrimaryKey(existing, 'existing', fail),
    }),
  },
  rebuildTable: {
    params: ['table', 'rebuild'],
    build: ([name, rebuild], fail, call) => {
      const table = readString(name, 'table', fail);
      const o = readObject(rebuild, 'rebuild', ['from', 'to', 'changes'], fail);
      const from = readTable(o.from, 'from', fail);
      const to = readTable(o.to, 'to', fail);
      requireSameTable(from, table, 'from', fail);
      return { kind: 'rebuildTable', table, from, to, changes: readRebuildChanges(o.changes, call, fail) };
    },
  },
  createEnum: {
    params: ['enumType'],
    build: ([enumType], fail) => ({ kind: 'createEnum', enum: readEnum(enumType, 'enumType', fail) }),
  },
  dropEnum: {
    params: ['existing'],
    build: ([existing], fail) => ({ kind: 'dropEnum', existing: readEnum(existing, 'existing', fail) }),
  },
  alterEnum: {
    params: ['name', 'change'],
    build: ([name, change], fail) => {
      const key = readString(name, 'name', fail);
      const o = readObject(change, 'change', ['from', 'to', 'renames', 'usages'], fail);
      const from = readLabels(o.from, 'from', fail);
      const to = readLabels(o.to, 'to', fail);
      if (from.length === to.length && from.every((label, i) => label === to[i])) fail('from and to are the same labels; nothing changes');
      const renames = o.renames === undefined ? undefined : readLabelRenames(o.renames, 'renames', from, to, fail);
      if (o.usages === undefined) fail('usages is missing (the columns of this enum type, [] for none)');
      const usages = readList(o.usages, 'usages', fail, (item, itemPath) => readEnumUsage(item, itemPath, fail), false);
      return {
        kind: 'alterEnum',
        name: key,
        from,
        to,
        ...(renames !== undefined && Object.keys(renames).length > 0 ? { renames } : {}),
        usages,
      };
    },
  },
  setTableComment: {
    params: ['table', 'change'],
    build: ([table, change], fail) => {
      const tableName = readString(table, 'table', fail);
      const o = readObject(change, 'change', ['from', 'to'], fail);
      const from = o.from === undefined ? undefined : readText(o.from, 'from', fail);
      const to = o.to === undefined ? undefined : readText(o.to, 'to', fail);
      if (from === to) fail(`from and to are the same comment (${from === undefined ? 'none' : quoteForMessage(from)})`);
      return {
        kind: 'setTableComment',
        table: tableName,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      };
    },
  },
  execute: {
    params: ['sql', 'reverseSql'],
    build: ([sql, reverseSql], fail) => ({
      kind: 'execute',
      sql: readString(sql, 'sql', fail),
      ...(reverseSql !== undefined ? { reverseSql: readString(reverseSql, 'reverseSql', fail) } : {}),
    }),
  },
};

/**
 * The nested changes of a rebuild: a callback given its own recorder (named `rebuild` in messages, as in generated
 * files), or a list of plain Op objects replayed through one, so both forms are checked the same way.
 */
function readRebuildChanges(value: unknown, call: string, fail: Fail): ReadonlyArray<Op> {
  if (typeof value === 'function') {
    return runRecorder(`${call}: in changes: `, 'rebuild', value as (rebuild: Operations) => void);
  }
  if (value === undefined) return fail(`changes is missing (a callback (rebuild) => { rebuild.… } or a list of ops)`);
  if (!Array.isArray(value)) return fail(`changes must be a callback or an array of ops, got ${describeValue(value)}`);
  return value.flatMap((item: unknown, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return fail(`changes[${i}] must be an op object such as { kind: 'addColumn', … }, got ${describeValue(item)}`);
    }
    const kind = (item as { readonly kind?: unknown }).kind;
    if (typeof kind !== 'string' || !(OPERATION_NAMES as ReadonlyArray<string>).includes(kind)) {
      return fail(`changes[${i}].kind must be an operation name such as 'addColumn', got ${describeValue(kind)}`);
    }
    return runRecorder(`${call}: in changes[${i}]: `, 'rebuild', (rebuild) => callOperation(rebuild, item as Op));
  });
}

function readRename(from: unknown, to: unknown, fail: Fail): { readonly from: string; readonly to: string } {
  const names = { from: readString(from, 'from', fail), to: readString(to, 'to', fail) };
  if (names.from === names.to) fail(`from and to are the same name ('${names.from}')`);
  return names;
}

function requireSameName(actual: string, expected: string, path: string, argument: string, fail: Fail): void {
  if (actual !== expected) {
    fail(`${path} is ${quoteForMessage(actual)} but the ${argument} argument is ${quoteForMessage(expected)}; they must match`);
  }
}

/** The table argument of dropTable/rebuildTable names the table its definition describes, by key. */
function requireSameTable(
  definition: { readonly name: string; readonly schema?: string },
  key: string,
  path: string,
  fail: Fail,
): void {
  if (definition.schema === undefined) requireSameName(definition.name, key, `${path}.name`, 'table', fail);
  else if (tableKey(definition) !== key) {
    fail(
      `${path} is table ${quoteForMessage(tableKey(definition))} (schema.name) but the table argument is ${quoteForMessage(key)}; ` +
        'they must match',
    );
  }
}

/** Properties read by tooling rather than revision code (await, JSON, jest); they must not look like calls. */
const NOT_METHODS: ReadonlyArray<string> = ['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'inspect'];

/**
 * Runs `fn` against a fresh recorder and returns what it recorded. `context` prefixes messages of nested recorders
 * (`op.rebuildTable('items', …): in changes: `); `receiver` is the name messages give the recorder.
 */
function runRecorder(context: string, receiver: string, fn: (op: Operations) => void): ReadonlyArray<Op> {
  const ops: Op[] = [];
  const state = { open: true, nested: undefined as string | undefined };
  const methods = {} as Record<OpKind, (...args: unknown[]) => void>;
  for (const name of OPERATION_NAMES) {
    methods[name] = (...args: unknown[]): void => {
      const call = `${context}${receiver}.${name}(${describeArguments(args)})`;
      const fail: Fail = (problem) => {
        throw new RevisionApiError(`${call}: ${problem}`, name);
      };
      if (!state.open) {
        fail('called after the revision function returned; upgrade() and downgrade() must make every op call synchronously');
      }
      if (state.nested !== undefined) {
        fail(`called inside the changes callback of ${state.nested}; call the callback's own parameter (rebuild.${name}(…)) instead`);
      }
      const spec: AnyMethodSpec = METHODS[name];
      if (args.length > spec.params.length) {
        fail(`expected at most ${spec.params.length} argument(s) (${spec.params.join(', ')}), got ${args.length}`);
      }
      state.nested = `${receiver}.${name}`;
      try {
        ops.push(deepFreeze(spec.build(args, fail, call)));
      } finally {
        state.nested = undefined;
      }
    };
  }
  const target = Object.freeze(methods);
  const api = new Proxy(target, {
    get(object, property, proxy) {
      if (typeof property === 'symbol' || property in object || NOT_METHODS.includes(property)) {
        return Reflect.get(object, property, proxy);
      }
      return (): never => {
        const hint = closestName(property, OPERATION_NAMES);
        throw new RevisionApiError(
          `${context}${receiver}.${property}(…): not a revision operation${hint ? ` (did you mean ${receiver}.${hint}?)` : ''}; ` +
            `the op API has: ${OPERATION_NAMES.join(', ')}`,
          property,
        );
      };
    },
  });
  try {
    const result: unknown = fn(api);
    if (isPromiseLike(result)) {
      throw new RevisionApiError(
        `${context}the revision function returned a Promise: upgrade() and downgrade() must be synchronous (remove 'async'); ` +
          'ops are collected first and run in one transaction',
      );
    }
  } finally {
    state.open = false;
  }
  return ops;
}

/** `'users', …` — the first argument, to name the call in messages without dumping whole definitions. */
function describeArguments(args: ReadonlyArray<unknown>): string {
  if (args.length === 0) return '';
  const first = args[0];
  let text = '…';
  if (typeof first === 'string') text = quoteForMessage(first);
  else if (first !== null && typeof first === 'object' && typeof (first as { name?: unknown }).name === 'string') {
    text = `{ name: ${quoteForMessage((first as { name: string }).name)}, … }`;
  }
  return args.length > 1 ? `${text}, …` : text;
}

function isPromiseLike(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

/** Freezes plain data all the way down (the recorder built it, so nothing shared with the caller is frozen). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
