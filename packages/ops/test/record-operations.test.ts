import { createTable, parseColumnType } from '@autogen/schema';
import type { Column, Table } from '@autogen/schema';
import { callOperation } from '../src/call-operation';
import { isDestructive } from '../src/op';
import type { Op } from '../src/op';
import { describeOp } from '../src/describe-op';
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

/** A table outside the default schema, with every PostgreSQL-only field. */
const orders: Table = {
  ...createTable({
    name: 'orders',
    columns: [
      col('id', 'bigint', { nullable: false, identity: 'always', comment: 'surrogate key' }),
      col('mood', 'mood', { comment: '' }),
      col('user_id', 'integer', { identity: 'by default' }),
    ],
    primaryKey: { columns: ['id'] },
    foreignKeys: [
      {
        columns: ['user_id'],
        referencedTable: 'users',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
        deferrable: true,
        referencedSchema: 'auth',
      },
    ],
    indexes: [{ name: 'ix_orders_mood', parts: [{ kind: 'column', name: 'mood' }], unique: false, method: 'gin', include: ['user_id'] }],
  }),
  schema: 'sales',
  comment: "customer's orders",
};

const mood = { name: 'mood', values: ['happy', 'sad', ''] };

/** One op of every kind, in model form (what the comparator produces). */
const everyKind: ReadonlyArray<Op> = [
  { kind: 'createTable', table: users },
  { kind: 'createTable', table: orders },
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
  { kind: 'dropTable', table: 'sales.orders', existing: orders },
  { kind: 'createIndex', table: 'sales.orders', index: { name: 'ix_c', parts: [{ kind: 'column', name: 'id' }], unique: true }, concurrently: true },
  { kind: 'dropIndex', table: 'sales.orders', existing: orders.indexes[0]!, concurrently: true },
  { kind: 'createEnum', enum: mood },
  { kind: 'dropEnum', existing: { name: 'status', schema: 'sales', values: ['open', 'closed'] } },
  {
    kind: 'alterEnum',
    name: 'sales.status',
    from: ['open', 'closed', 'void'],
    to: ['draft', 'open', 'done'],
    renames: { closed: 'done' },
    usages: [
      { table: 'sales.orders', column: 'status', default: { kind: 'literal', value: 'open' } },
      { table: 'audit', column: 'last_status' },
    ],
  },
  { kind: 'alterEnum', name: 'mood', from: ['happy'], to: ['happy', 'sad'], usages: [] },
  { kind: 'setTableComment', table: 'sales.orders', from: 'old', to: "customer's orders" },
  { kind: 'setTableComment', table: 'users', to: 'people who log in' },
  { kind: 'setTableComment', table: 'users', from: 'people who log in' },
  {
    kind: 'alterColumn',
    table: 'sales.orders',
    column: 'id',
    from: col('id', 'bigint', { nullable: false }),
    to: col('id', 'bigint', { nullable: false, identity: 'always', comment: 'surrogate key' }),
    changes: ['identity', 'comment'],
  },
  { kind: 'execute', sql: "UPDATE users SET email = lower(email)" },
  { kind: 'execute', sql: 'CREATE VIEW v AS SELECT 1', reverseSql: 'DROP VIEW v' },
];

const everyRebuild = everyKind.find((op): op is Extract<Op, { kind: 'rebuildTable' }> => op.kind === 'rebuildTable')!;

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
    expect(new Set(OPERATION_NAMES).size).toBe(23);
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

  test('PostgreSQL shorthands: identity in any case, false concurrently, empty include and renames are left out', () => {
    const ops = recordOperations((op) => {
      op.addColumn('t', { name: 'id', type: 'bigint', nullable: false, identity: ' BY  Default' as 'by default' });
      op.createIndex('t', { name: 'ix', parts: ['a'], include: [] }, { concurrently: false });
      op.dropIndex('t', { name: 'ix', parts: ['a'], method: 'hash' }, {});
      op.createIndex('t', { name: 'ix2', parts: ['a'] }, { concurrently: true });
      op.alterEnum('mood', { from: ['a'], to: ['a', 'b'], renames: {}, usages: [{ table: 't', column: 'm' }] });
      op.setTableComment('t', { to: '' });
    });
    expect(ops).toEqual([
      { kind: 'addColumn', table: 't', column: { name: 'id', type: parseColumnType('bigint'), nullable: false, identity: 'by default' } },
      { kind: 'createIndex', table: 't', index: { name: 'ix', parts: [{ kind: 'column', name: 'a' }], unique: false } },
      { kind: 'dropIndex', table: 't', existing: { name: 'ix', parts: [{ kind: 'column', name: 'a' }], unique: false, method: 'hash' } },
      { kind: 'createIndex', table: 't', index: { name: 'ix2', parts: [{ kind: 'column', name: 'a' }], unique: false }, concurrently: true },
      { kind: 'alterEnum', name: 'mood', from: ['a'], to: ['a', 'b'], usages: [{ table: 't', column: 'm' }] },
      { kind: 'setTableComment', table: 't', to: '' },
    ]);
    expect('concurrently' in ops[1]!).toBe(false);
    expect('include' in (ops[1] as Extract<Op, { kind: 'createIndex' }>).index).toBe(false);
    expect('renames' in ops[4]!).toBe(false);
  });

  test('ops name a table outside the default schema by key: reverse, describe and the recorder agree', () => {
    const [drop] = reverseAll([{ kind: 'createTable', table: orders }]);
    expect(drop).toEqual({ kind: 'dropTable', table: 'sales.orders', existing: orders });
    expect(describeOp({ kind: 'createTable', table: orders })).toBe('create table sales.orders');
    const rebuild: Op = { kind: 'rebuildTable', table: 'sales.orders', from: orders, to: { ...orders, comment: 'x' }, changes: [] };
    expect(reverseAll([rebuild])[0]).toMatchObject({ kind: 'rebuildTable', table: 'sales.orders' });
    expect(recordOperations((op) => reverseAll([rebuild]).forEach((o) => callOperation(op, o)))).toEqual(reverseAll([rebuild]));
  });

  test('alterEnum is destructive only when a label is removed without a rename, whatever the label', () => {
    const alter = (from: string[], to: string[], renames?: Record<string, string>): Op => ({
      kind: 'alterEnum',
      name: 'e',
      from,
      to,
      ...(renames ? { renames } : {}),
      usages: [],
    });
    expect(isDestructive(alter(['a'], ['a', 'b']))).toBe(false);
    expect(isDestructive(alter(['a', 'b'], ['a', 'c'], { b: 'c' }))).toBe(false);
    expect(isDestructive(alter(['a', 'b'], ['a']))).toBe(true);
    // A label named like an Object.prototype member is still a label, not an inherited rename.
    expect(isDestructive(alter(['toString', 'a'], ['c'], { a: 'c' }))).toBe(true);
  });

  test('a label named __proto__ is an ordinary rename key, not a prototype', () => {
    const [op] = recordOperations((o) =>
      o.alterEnum('e', { from: ['__proto__'], to: ['x'], renames: Object.fromEntries([['__proto__', 'x']]), usages: [] }),
    );
    const renames = (op as Extract<Op, { kind: 'alterEnum' }>).renames!;
    expect(Object.keys(renames)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(renames)).toBe(Object.prototype);
    expect(reverseAll([op!])).toEqual([{ kind: 'alterEnum', name: 'e', from: ['x'], to: ['__proto__'], renames: { x: '__proto__' }, usages: [] }]);
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
      op.rebuildTable('items', { from: items, to: itemsWithFk, changes: everyRebuild.changes });
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
    expect(rebuild).toEqual(everyRebuild);
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
        "op.addColumn('users', …): column has an unknown field 'nulable' (did you mean 'nullable'?); allowed fields: name, type, nullable, default, autoincrement, collation, identity, comment",
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
        "op.alterColumn('users', …): changes[0] must be one of 'type', 'nullable', 'default', 'autoincrement', 'collation', 'identity', 'comment', got 'typ'",
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
      name: 'dropTable of a schema table named without its schema',
      call: (op) => op.dropTable('orders', orders),
      message: "op.dropTable('orders', …): existing is table 'sales.orders' (schema.name) but the table argument is 'orders'; they must match",
    },
    {
      name: 'unknown identity kind',
      call: (op) => op.addColumn('t', { name: 'id', type: 'int', nullable: false, identity: 'sometimes' as never }),
      message: "op.addColumn('t', …): column.identity must be 'always' or 'by default', got 'sometimes'",
    },
    {
      name: 'comment that is not a string',
      call: (op) => op.createTable({ name: 't', columns: [col('a', 'TEXT')], comment: 3 as never }),
      message: "op.createTable({ name: 't', … }): table.comment must be a string, got 3",
    },
    {
      name: 'index include listing a column twice',
      call: (op) => op.createIndex('t', { name: 'ix', parts: ['a'], include: ['b', 'b'] }),
      message: "op.createIndex('t', …): index.include lists 'b' twice",
    },
    {
      name: 'misspelled index option, with a hint',
      call: (op) => op.createIndex('t', { name: 'ix', parts: ['a'] }, { concurently: true } as never),
      message:
        "op.createIndex('t', …): options has an unknown field 'concurently' (did you mean 'concurrently'?); allowed fields: concurrently",
    },
    {
      name: 'concurrently that is not a boolean',
      call: (op) => op.dropIndex('t', { name: 'ix', parts: ['a'] }, { concurrently: 'yes' as never }),
      message: "op.dropIndex('t', …): options.concurrently must be true or false, got 'yes'",
    },
    {
      name: 'foreign key with an empty referenced schema',
      call: (op) => op.createForeignKey('t', { columns: ['a'], referencedTable: 'u', referencedColumns: ['id'], referencedSchema: '' }),
      message: "op.createForeignKey('t', …): foreignKey.referencedSchema must not be empty",
    },
    {
      name: 'enum without values',
      call: (op) => op.createEnum({ name: 'mood' } as never),
      message: "op.createEnum({ name: 'mood', … }): enumType.values is missing",
    },
    {
      name: 'enum listing a label twice',
      call: (op) => op.createEnum({ name: 'mood', values: ['a', 'b', 'a'] }),
      message: "op.createEnum({ name: 'mood', … }): enumType.values lists 'a' twice",
    },
    {
      name: 'alterEnum that changes nothing',
      call: (op) => op.alterEnum('mood', { from: ['a', 'b'], to: ['a', 'b'], usages: [] }),
      message: "op.alterEnum('mood', …): from and to are the same labels; nothing changes",
    },
    {
      name: 'alterEnum without usages',
      call: (op) => op.alterEnum('mood', { from: ['a'], to: ['b'] } as never),
      message: "op.alterEnum('mood', …): usages is missing (the columns of this enum type, [] for none)",
    },
    {
      name: 'alterEnum renaming a label that stays',
      call: (op) => op.alterEnum('mood', { from: ['a', 'b'], to: ['a', 'c'], renames: { a: 'c' }, usages: [] }),
      message: "op.alterEnum('mood', …): renames renames 'a', which must be in from and not in to",
    },
    {
      name: 'alterEnum renaming to a label that is not in to',
      call: (op) => op.alterEnum('mood', { from: ['a', 'b'], to: ['a', 'c'], renames: { b: 'd' }, usages: [] }),
      message: "op.alterEnum('mood', …): renames renames to 'd', which must be in to and not in from",
    },
    {
      name: 'alterEnum usage without a column',
      call: (op) => op.alterEnum('mood', { from: ['a'], to: ['b'], usages: [{ table: 't' } as never] }),
      message: "op.alterEnum('mood', …): usages[0].column is missing",
    },
    {
      name: 'setTableComment that changes nothing',
      call: (op) => op.setTableComment('t', { from: 'x', to: 'x' }),
      message: "op.setTableComment('t', …): from and to are the same comment ('x')",
    },
    {
      name: 'setTableComment with neither side',
      call: (op) => op.setTableComment('t', {}),
      message: "op.setTableComment('t', …): from and to are the same comment (none)",
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
