import { createTable, parseColumnType } from '@autogen/schema';
import type { Column, Table } from '@autogen/schema';
import { callOperation } from '../src/call-operation';
import type { Op } from '../src/op';
import { OPERATION_NAMES } from '../src/operations';
import type { Operations } from '../src/operations';
import { recordOperations } from '../src/record-operations';
import { reverseAll } from '../src/reverse';
import { RevisionApiError } from '../src/revision-api-error';

const col = (name: string, raw: string, extra: Partial<Column> = {}): Column => ({
  name,
  type: parseColumnType(raw),
  nullable: true,
  ...extra,
});

const users: Table = createTable({
  name: 'users',
  columns: [col('id', 'INTEGER', { nullable: false, autoincrement: true }), col('email', 'varchar(255)', { nullable: false })],
  primaryKey: { columns: ['id'] },
  indexes: [{ name: 'ix_users_email', parts: [{ kind: 'column', name: 'email' }], unique: true }],
});

const items: Table = createTable({
  name: 'items',
  columns: [col('id', 'INTEGER', { nullable: false }), col('user_id', 'INTEGER'), col('price', 'numeric(10, 2)')],
  primaryKey: { columns: ['id'] },
});

const itemsWithFk: Table = {
  ...items,
  columns: [items.columns[0]!, items.columns[1]!, col('price', 'numeric(10, 2)', { nullable: false })],
  foreignKeys: [{ columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' }],
};

/** One op of every kind, in model form (what the comparator produces). */
const everyKind: ReadonlyArray<Op> = [
  { kind: 'createTable', table: users },
  { kind: 'dropTable', table: 'legacy', existing: createTable({ name: 'legacy', columns: [col('x', 'TEXT')] }) },
  { kind: 'renameTable', from: 'people', to: 'persons' },
  { kind: 'addColumn', table: 'users', column: col('nick', 'TEXT', { default: { kind: 'literal', value: "o'brien" }, collation: 'NOCASE' }) },
  { kind: 'dropColumn', table: 'users', column: 'age', existing: col('age', 'INTEGER', { default: { kind: 'literal', value: 0 } }) },
  {
    kind: 'alterColumn',
    table: 'users',
    column: 'email',
    from: col('email', 'TEXT'),
    to: col('email', 'varchar(255)', { nullable: false, default: { kind: 'sql', expr: "lower('X')" } }),
    changes: ['type', 'nullable', 'default'],
  },
  { kind: 'renameColumn', table: 'users', from: 'name', to: 'full_name' },
  {
    kind: 'createIndex',
    table: 'items',
    index: { name: 'ix_expr', parts: [{ kind: 'expression', sql: 'lower(name)' }, { kind: 'column', name: 'id', descending: true }], unique: false, where: 'price > 0' },
  },
  { kind: 'dropIndex', table: 'items', existing: { name: 'ix_old', parts: [{ kind: 'column', name: 'price' }], unique: true } },
  { kind: 'createForeignKey', table: 'items', foreignKey: itemsWithFk.foreignKeys[0]! },
  {
    kind: 'dropForeignKey',
    table: 'items',
    existing: { name: 'fk_x', columns: ['a', 'b'], referencedTable: 't', referencedColumns: ['x', 'y'], onDelete: 'set null', onUpdate: 'restrict', deferred: true },
  },
  { kind: 'createUnique', table: 'users', unique: { name: 'uq_email', columns: ['email'] } },
  { kind: 'dropUnique', table: 'users', existing: { columns: ['a', 'b'] } },
  { kind: 'createCheck', table: 'items', check: { name: 'ck_price', expression: 'price >= 0' } },
  { kind: 'dropCheck', table: 'items', existing: { expression: 'length(name) > 0' } },
  { kind: 'createPrimaryKey', table: 'items', primaryKey: { name: 'pk_items', columns: ['id'] } },
  { kind: 'dropPrimaryKey', table: 'items', existing: { columns: ['id'] } },
  {
    kind: 'rebuildTable',
    table: 'items',
    from: items,
    to: itemsWithFk,
    changes: [
      { kind: 'alterColumn', table: 'items', column: 'price', from: items.columns[2]!, to: itemsWithFk.columns[2]!, changes: ['nullable'] },
      { kind: 'createForeignKey', table: 'items', foreignKey: itemsWithFk.foreignKeys[0]! },
    ],
  },
  { kind: 'execute', sql: "UPDATE users SET email = lower(email)" },
  { kind: 'execute', sql: 'CREATE VIEW v AS SELECT 1', reverseSql: 'DROP VIEW v' },
];

function expectApiError(fn: (op: Operations) => void, message: string | RegExp): void {
  let error: unknown;
  try {
    recordOperations(fn);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(RevisionApiError);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
}

describe('recordOperations', () => {
  test('every Op kind has a method, and the fixture covers every kind', () => {
    expect(new Set(OPERATION_NAMES).size).toBe(19);
    expect(new Set(everyKind.map((op) => op.kind))).toEqual(new Set(OPERATION_NAMES));
    recordOperations((op) => {
      for (const name of OPERATION_NAMES) expect(typeof op[name]).toBe('function');
    });
  });

  test('callOperation is the inverse of recording, for every kind (model data in, the same op out)', () => {
    const recorded = recordOperations((op) => everyKind.forEach((o) => callOperation(op, o)));
    expect(recorded).toEqual(everyKind);
  });

  test('the downgrade of recorded ops records back to itself too', () => {
    const downgrade = reverseAll(everyKind.filter((op) => op.kind !== 'execute' || op.reverseSql !== undefined));
    expect(recordOperations((op) => downgrade.forEach((o) => callOperation(op, o)))).toEqual(downgrade);
  });

  test('hand-written shorthands expand to model data', () => {
    const ops = recordOperations((op) => {
      op.addColumn('users', { name: 'email', type: 'varchar(255)', nullable: false, default: { kind: 'literal', value: 'x' } });
      op.createTable({ name: 't', columns: [{ name: 'id', type: 'INTEGER', nullable: false }] });
      op.createIndex('t', { name: 'ix_t', parts: ['a', { kind: 'column', name: 'b', descending: true }] });
      op.createForeignKey('t', { columns: ['u'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'CASCADE' as 'cascade' });
      op.execute('SELECT 1', undefined);
    });
    expect(ops).toEqual([
      {
        kind: 'addColumn',
        table: 'users',
        column: { name: 'email', type: { name: 'varchar', args: [255], raw: 'varchar(255)' }, nullable: false, default: { kind: 'literal', value: 'x' } },
      },
      {
        kind: 'createTable',
        table: {
          name: 't',
          columns: [{ name: 'id', type: { name: 'integer', args: [], raw: 'INTEGER' }, nullable: false }],
          foreignKeys: [],
          indexes: [],
          uniques: [],
          checks: [],
        },
      },
      {
        kind: 'createIndex',
        table: 't',
        index: { name: 'ix_t', parts: [{ kind: 'column', name: 'a' }, { kind: 'column', name: 'b', descending: true }], unique: false },
      },
      {
        kind: 'createForeignKey',
        table: 't',
        foreignKey: { columns: ['u'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
      },
      { kind: 'execute', sql: 'SELECT 1' },
    ]);
    // `reverseSql: undefined` is the same as leaving it out: the key must not exist.
    expect('reverseSql' in ops[4]!).toBe(false);
  });

  test('a full ColumnType object is kept as given (no re-parsing of raw)', () => {
    const type = { name: 'integer', args: [], raw: 'int4' };
    const [op] = recordOperations((o) => o.addColumn('t', { name: 'n', type, nullable: true }));
    expect(op).toEqual({ kind: 'addColumn', table: 't', column: { name: 'n', type, nullable: true } });
    expect((op as Extract<Op, { kind: 'addColumn' }>).column.type).not.toBe(type);
  });

  test('ops come back in call order, deeply frozen, sharing nothing with the arguments', () => {
    const column = { name: 'email', type: 'TEXT', nullable: true, default: { kind: 'literal' as const, value: 'a' } };
    const ops = recordOperations((op) => {
      op.renameTable('a', 'b');
      op.addColumn('b', column);
      op.rebuildTable('items', { from: items, to: itemsWithFk, changes: everyKind[17]!.kind === 'rebuildTable' ? (everyKind[17] as Extract<Op, { kind: 'rebuildTable' }>).changes : [] });
    });
    expect(ops.map((o) => o.kind)).toEqual(['renameTable', 'addColumn', 'rebuildTable']);
    const added = ops[1] as Extract<Op, { kind: 'addColumn' }>;
    expect(Object.isFrozen(added)).toBe(true);
    expect(Object.isFrozen(added.column)).toBe(true);
    expect(Object.isFrozen(added.column.default)).toBe(true);
    const rebuild = ops[2] as Extract<Op, { kind: 'rebuildTable' }>;
    expect(Object.isFrozen(rebuild.changes)).toBe(true);
    expect(Object.isFrozen((rebuild.changes[0] as Extract<Op, { kind: 'alterColumn' }>).to.type)).toBe(true);
    expect(Object.isFrozen(rebuild.to.foreignKeys[0]!.columns)).toBe(true);
    expect(() => {
      (added.column as { name: string }).name = 'x';
    }).toThrow(TypeError);
    // The caller's objects are neither frozen nor aliased.
    expect(Object.isFrozen(column)).toBe(false);
    expect(Object.isFrozen(items)).toBe(false);
    expect(added.column.default).not.toBe(column.default);
    // The returned array is the caller's to keep.
    ops.push({ kind: 'execute', sql: 'x' });
    expect(ops).toHaveLength(4);
  });

  test('rebuildTable: changes as a callback are recorded by a nested recorder', () => {
    const [rebuild] = recordOperations((op) => {
      op.rebuildTable('items', {
        from: items,
        to: itemsWithFk,
        changes: (r) => {
          r.alterColumn('items', 'price', {
            from: { name: 'price', type: 'numeric(10, 2)', nullable: true },
            to: { name: 'price', type: 'numeric(10, 2)', nullable: false },
            changes: ['nullable'],
          });
          r.createForeignKey('items', { columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' });
        },
      });
    });
    expect(rebuild).toEqual(everyKind[17]);
  });

  test('a nested change is checked like a top-level call, and the message names both calls', () => {
    expectApiError(
      (op) =>
        op.rebuildTable('items', {
          from: items,
          to: itemsWithFk,
          changes: (r) => r.addColumn('items', { name: 'x', type: 'TEXT', nullable: 'no' as unknown as boolean }),
        }),
      "op.rebuildTable('items', …): in changes: rebuild.addColumn('items', …): column.nullable must be true or false, got 'no'",
    );
    expectApiError(
      (op) => op.rebuildTable('items', { from: items, to: itemsWithFk, changes: [{ kind: 'addColum' } as unknown as Op] }),
      "op.rebuildTable('items', …): changes[0].kind must be an operation name such as 'addColumn', got 'addColum'",
    );
    expectApiError(
      (op) => op.rebuildTable('items', { from: items, to: itemsWithFk, changes: [{ kind: 'dropColumn', table: 'items', column: 'x' } as unknown as Op] }),
      "op.rebuildTable('items', …): in changes[0]: rebuild.dropColumn('items', …): existing is missing",
    );
  });

  test('calling the outer op inside a rebuild callback is an error, not a misplaced op', () => {
    expectApiError(
      (op) => op.rebuildTable('items', { from: items, to: itemsWithFk, changes: () => op.renameColumn('items', 'a', 'b') }),
      /^op\.renameColumn\('items', …\): called inside the changes callback of op\.rebuildTable; call the callback's own parameter/,
    );
  });

  test.each<{ name: string; call: (op: Operations) => void; message: string }>([
    {
      name: 'missing column name',
      call: (op) => op.addColumn('users', { type: 'TEXT', nullable: true } as never),
      message: "op.addColumn('users', …): column.name is missing",
    },
    {
      name: 'missing nullable',
      call: (op) => op.addColumn('users', { name: 'a', type: 'TEXT' } as never),
      message: "op.addColumn('users', …): column.nullable is missing (true or false)",
    },
    {
      name: 'misspelled field, with a hint',
      call: (op) => op.addColumn('users', { name: 'a', type: 'TEXT', nullable: true, nulable: false } as never),
      message:
        "op.addColumn('users', …): column has an unknown field 'nulable' (did you mean 'nullable'?); allowed fields: name, type, nullable, default, autoincrement, collation",
    },
    {
      name: 'empty type spelling',
      call: (op) => op.addColumn('users', { name: 'a', type: ' ', nullable: true }),
      message: "op.addColumn('users', …): column.type must not be empty",
    },
    {
      name: 'type object without raw',
      call: (op) => op.addColumn('users', { name: 'a', type: { name: 'text', args: [] } as never, nullable: true }),
      message: "op.addColumn('users', …): column.type.raw is missing (the spelling compiled into SQL)",
    },
    {
      name: 'default without kind',
      call: (op) => op.addColumn('users', { name: 'a', type: 'TEXT', nullable: true, default: { value: 1 } as never }),
      message: "op.addColumn('users', …): column.default.kind is missing ('literal' or 'sql')",
    },
    {
      name: 'non-finite literal default',
      call: (op) => op.addColumn('users', { name: 'a', type: 'REAL', nullable: true, default: { kind: 'literal', value: Number.NaN } }),
      message: "op.addColumn('users', …): column.default.value must be a finite number, got NaN",
    },
    {
      name: 'literal default without a value',
      call: (op) => op.addColumn('users', { name: 'a', type: 'TEXT', nullable: true, default: { kind: 'literal' } as never }),
      message: "op.addColumn('users', …): column.default.value is missing (use null for a NULL default)",
    },
    {
      name: 'table given as a non-string',
      call: (op) => op.addColumn(42 as never, { name: 'a', type: 'TEXT', nullable: true }),
      message: 'op.addColumn(…, …): table must be a string, got 42',
    },
    {
      name: 'dropColumn whose existing column has another name',
      call: (op) => op.dropColumn('users', 'age', { name: 'agee', type: 'INTEGER', nullable: true }),
      message: "op.dropColumn('users', …): existing.name is 'agee' but the column argument is 'age'; they must match",
    },
    {
      name: 'dropTable whose definition is another table',
      call: (op) => op.dropTable('users', items),
      message: "op.dropTable('users', …): existing.name is 'items' but the table argument is 'users'; they must match",
    },
    {
      name: 'alterColumn with an unknown change',
      call: (op) => op.alterColumn('users', 'a', { from: col('a', 'TEXT'), to: col('a', 'INT'), changes: ['typ' as never] }),
      message:
        "op.alterColumn('users', …): changes[0] must be one of 'type', 'nullable', 'default', 'autoincrement', 'collation', got 'typ'",
    },
    {
      name: 'alterColumn listing a change twice',
      call: (op) => op.alterColumn('users', 'a', { from: col('a', 'TEXT'), to: col('a', 'INT'), changes: ['type', 'type'] }),
      message: "op.alterColumn('users', …): changes lists 'type' twice",
    },
    {
      name: 'alterColumn with no changes',
      call: (op) => op.alterColumn('users', 'a', { from: col('a', 'TEXT'), to: col('a', 'INT'), changes: [] }),
      message: "op.alterColumn('users', …): changes must not be empty",
    },
    {
      name: 'alterColumn whose to side is another column',
      call: (op) => op.alterColumn('users', 'a', { from: col('a', 'TEXT'), to: col('b', 'INT'), changes: ['type'] }),
      message: "op.alterColumn('users', …): to.name is 'b' but the column argument is 'a'; they must match",
    },
    {
      name: 'foreign key with mismatched column counts',
      call: (op) => op.createForeignKey('items', { columns: ['a', 'b'], referencedTable: 't', referencedColumns: ['x'] }),
      message: "op.createForeignKey('items', …): foreignKey has 2 column(s) but 1 referenced column(s)",
    },
    {
      name: 'unknown foreign key action',
      call: (op) => op.createForeignKey('items', { columns: ['a'], referencedTable: 't', referencedColumns: ['x'], onDelete: 'cascades' as never }),
      message:
        "op.createForeignKey('items', …): foreignKey.onDelete must be one of 'no action', 'restrict', 'cascade', 'set null', 'set default', got 'cascades'",
    },
    {
      name: 'index without parts',
      call: (op) => op.createIndex('items', { name: 'ix', parts: [] }),
      message: "op.createIndex('items', …): index.parts must not be empty",
    },
    {
      name: 'index part of unknown kind',
      call: (op) => op.createIndex('items', { name: 'ix', parts: [{ kind: 'expr', sql: 'x' } as never] }),
      message: "op.createIndex('items', …): index.parts[0].kind must be 'column' or 'expression', got 'expr'",
    },
    {
      name: 'unique listing a column twice',
      call: (op) => op.createUnique('items', { columns: ['a', 'a'] }),
      message: "op.createUnique('items', …): unique.columns lists 'a' twice",
    },
    {
      name: 'table without columns',
      call: (op) => op.createTable({ name: 't', columns: [] }),
      message: "op.createTable({ name: 't', … }): table.columns must not be empty",
    },
    {
      name: 'table with two columns of one name',
      call: (op) => op.createTable({ name: 't', columns: [col('a', 'TEXT'), col('a', 'INT')] }),
      message: "op.createTable({ name: 't', … }): table.columns has two columns named 'a'",
    },
    {
      name: 'table with a bad index',
      call: (op) => op.createTable({ name: 't', columns: [col('a', 'TEXT')], indexes: [{ name: 'ix', parts: [42 as never] }] }),
      message: "op.createTable({ name: 't', … }): table.indexes[0].parts[0] must be an object, got 42",
    },
    {
      name: 'rename to the same name',
      call: (op) => op.renameColumn('users', 'a', 'a'),
      message: "op.renameColumn('users', …): from and to are the same name ('a')",
    },
    {
      name: 'rebuild of another table',
      call: (op) => op.rebuildTable('users', { from: items, to: itemsWithFk, changes: [] }),
      message: "op.rebuildTable('users', …): from.name is 'items' but the table argument is 'users'; they must match",
    },
    {
      name: 'rebuild without changes',
      call: (op) => op.rebuildTable('items', { from: items, to: itemsWithFk } as never),
      message: "op.rebuildTable('items', …): changes is missing (a callback (rebuild) => { rebuild.… } or a list of ops)",
    },
    {
      name: 'empty SQL',
      call: (op) => op.execute(''),
      message: "op.execute(''): sql must not be empty",
    },
    {
      name: 'reverse SQL that is not a string',
      call: (op) => op.execute('SELECT 1', 2 as never),
      message: "op.execute('SELECT 1', …): reverseSql must be a string, got 2",
    },
    {
      name: 'too many arguments',
      call: (op) => (op.renameTable as (...args: unknown[]) => void)('a', 'b', 'c'),
      message: "op.renameTable('a', …): expected at most 2 argument(s) (from, to), got 3",
    },
    {
      name: 'long SQL is cut in the message, line breaks escaped',
      call: (op) => op.execute(`UPDATE users\nSET email = lower(email) WHERE id > 100 AND x = 'y'`, ''),
      message: "op.execute('UPDATE users\\nSET email = lower(email) W…', …): reverseSql must not be empty",
    },
  ])('rejects $name with a clear message', ({ call, message }) => {
    expectApiError(call, message);
  });

  test('a method that is not in the API gets a clear message with a hint', () => {
    const call = (name: string) => (op: Operations) => (op as unknown as Record<string, (...a: unknown[]) => void>)[name]!('users');
    expectApiError(call('addColum'), /^op\.addColum\(…\): not a revision operation \(did you mean op\.addColumn\?\); the op API has: createTable, /);
    expectApiError(call('add_column'), /\(did you mean op\.addColumn\?\)/);
    expectApiError(call('bulkInsert'), /^op\.bulkInsert\(…\): not a revision operation; the op API has: /);
  });

  test('the recorder is not thenable and is read-only', () => {
    recordOperations((op) => {
      expect((op as unknown as { then?: unknown }).then).toBeUndefined();
      expect(() => {
        (op as unknown as Record<string, unknown>).addColumn = () => undefined;
      }).toThrow(TypeError);
    });
  });

  test('an async revision function is rejected, and so are its calls after it returned', async () => {
    let late: Promise<unknown> = Promise.resolve();
    const asyncUpgrade = (op: Operations): Promise<unknown> => {
      late = (async () => {
        await Promise.resolve();
        op.execute('SELECT 2');
      })().catch((e: unknown) => e);
      return late;
    };
    expectApiError(asyncUpgrade, /the revision function returned a Promise: upgrade\(\) and downgrade\(\) must be synchronous/);
    const error = await late;
    expect(error).toBeInstanceOf(RevisionApiError);
    expect((error as Error).message).toMatch(/^op\.execute\('SELECT 2'\): called after the revision function returned/);
  });

  test('an error thrown by the revision itself propagates unchanged', () => {
    const boom = new Error('boom');
    expect(() =>
      recordOperations(() => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});
