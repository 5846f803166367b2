import type { DialectCapabilities } from '@autogen/dialect';
import { reverseAll } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import { compare } from '../src/compare';
import { findRenameCandidates } from '../src/rename-candidates';
import { parseRenames } from '../src/renames';
import { col, fk, id, ix, outline, schema, table, withEnums } from './fixtures';

/** PostgreSQL's capabilities, as the brief states them: transactional DDL, never a rebuild, unique index ≠ unique. */
const postgres: DialectCapabilities = { transactionalDdl: true, requiresRebuild: () => false, uniqueIndexSatisfiesUnique: false };

const users = table('users', [id(), col('name', 'text'), col('email', 'text')]);

describe('compare: tables in other schemas are named by key', () => {
  const authUsers = table('users', [id(), col('login', 'text')], { schema: 'auth' });
  const orders = table('orders', [id(), col('user_id', 'integer')], {
    schema: 'sales',
    foreignKeys: [fk(['user_id'], 'users', ['id'], { referencedSchema: 'auth' })],
    indexes: [ix('ix_orders_user', ['user_id'])],
  });

  it('creates a table of another schema after the table it refers to there, and a same-named default-schema table apart', () => {
    const result = compare(schema(users), schema(users, orders, authUsers), { capabilities: postgres });
    expect(result.ops).toEqual([
      { kind: 'createTable', table: authUsers },
      { kind: 'createTable', table: orders },
    ]);
    expect(result.log).toEqual(["Detected added table 'auth.users'", "Detected added table 'sales.orders'"]);
  });

  it('names tables by key in every op of a block and in dropTable, and drops referring tables first', () => {
    const changedOrders = table('orders', [id(), col('user_id', 'integer'), col('total', 'numeric(10, 2)')], {
      schema: 'sales',
      foreignKeys: [fk(['user_id'], 'users', ['id'], { referencedSchema: 'auth' })],
      indexes: [ix('ix_orders_user', ['user_id'])],
    });
    const refunds = table('refunds', [id(), col('order_id', 'integer')], {
      schema: 'sales',
      foreignKeys: [fk(['order_id'], 'orders', ['id'], { referencedSchema: 'sales' })],
    });
    const result = compare(schema(users, authUsers, orders, refunds), schema(users, authUsers, changedOrders), { capabilities: postgres });
    expect(result.ops).toEqual([
      { kind: 'addColumn', table: 'sales.orders', column: col('total', 'numeric(10, 2)') },
      { kind: 'dropTable', table: 'sales.refunds', existing: refunds },
    ]);
    // Both dropped: the referring table first, although it sorts last (its key reference is followed).
    expect(outline(compare(schema(users, authUsers, orders, refunds), schema(users), { capabilities: postgres }).ops)).toEqual([
      'dropTable sales.refunds',
      'dropTable sales.orders',
      'dropTable auth.users',
    ]);
    // Reversed, the downgrade names the same keys.
    expect(reverseAll(result.ops).map((op) => ('table' in op && typeof op.table === 'string' ? op.table : op.kind))).toEqual([
      'createTable',
      'sales.orders',
    ]);
  });

  it('compares a foreign key by referenced table and schema together: another schema is another key', () => {
    const toPublic = table('orders', [id(), col('user_id', 'integer')], {
      schema: 'sales',
      foreignKeys: [fk(['user_id'], 'users', ['id'])],
      indexes: [ix('ix_orders_user', ['user_id'])],
    });
    const result = compare(schema(users, authUsers, orders), schema(users, authUsers, toPublic), { capabilities: postgres });
    expect(result.ops).toEqual([
      { kind: 'dropForeignKey', table: 'sales.orders', existing: orders.foreignKeys[0] },
      { kind: 'createForeignKey', table: 'sales.orders', foreignKey: toPublic.foreignKeys[0] },
    ]);
    expect(result.log).toEqual([
      "Detected added foreign key on 'sales.orders' (user_id) -> users(id)",
      "Detected removed foreign key on 'sales.orders' (user_id) -> auth.users(id)",
    ]);
  });

  it('renames a table inside its schema with "schema.old=schema.new"; foreign keys to it follow', () => {
    const purchases = { ...orders, name: 'purchases', indexes: [ix('ix_orders_user', ['user_id'])] };
    const lines = table('lines', [id(), col('order_id', 'integer')], { foreignKeys: [fk(['order_id'], 'orders', ['id'], { referencedSchema: 'sales' })] });
    const linesAfter = { ...lines, foreignKeys: [fk(['order_id'], 'purchases', ['id'], { referencedSchema: 'sales' })] };
    const renames = parseRenames(['sales.orders=sales.purchases', 'sales.purchases.user_id=buyer_id']);
    const purchasesRenamed = { ...purchases, columns: [id(), col('buyer_id', 'integer')], foreignKeys: [fk(['buyer_id'], 'users', ['id'], { referencedSchema: 'auth' })], indexes: [ix('ix_orders_user', ['buyer_id'])] };
    const result = compare(schema(authUsers, orders, lines), schema(authUsers, purchasesRenamed, linesAfter), { capabilities: postgres, renames });
    expect(result.ops).toEqual([
      { kind: 'renameTable', from: 'sales.orders', to: 'sales.purchases' },
      { kind: 'renameColumn', table: 'sales.purchases', from: 'user_id', to: 'buyer_id' },
    ]);
    // Once applied, the same entries are silent.
    const again = compare(schema(authUsers, purchasesRenamed, linesAfter), schema(authUsers, purchasesRenamed, linesAfter), { capabilities: postgres, renames });
    expect(again).toEqual({ ops: [], log: [] });
  });

  it('hints renames by key, and never across schemas', () => {
    const current = schema(table('orders', [id(), col('total', 'integer')], { schema: 'sales' }));
    const target = schema(table('purchases', [id(), col('total', 'integer')], { schema: 'sales' }), table('archive', [id(), col('total', 'integer')], { schema: 'old' }));
    expect(findRenameCandidates(current, target)).toEqual([{ kind: 'table', from: 'sales.orders', to: 'sales.purchases' }]);
  });
});

describe('compare: enums', () => {
  const mood = { name: 'mood', values: ['happy', 'sad', 'meh'] };
  const people = (type = 'mood') => table('people', [id(), col('mood', type, { nullable: false, default: { kind: 'literal', value: 'happy' } })]);

  it('renames a label only when the rename map says so ("enum.old=new"); otherwise it is removed and added', () => {
    const target = withEnums([{ name: 'mood', values: ['happy', 'unhappy', 'meh'] }], people());
    const without = compare(withEnums([mood], people()), target, { capabilities: postgres });
    expect(without.ops).toEqual([
      {
        kind: 'alterEnum',
        name: 'mood',
        from: ['happy', 'sad', 'meh'],
        to: ['happy', 'unhappy', 'meh'],
        usages: [{ table: 'people', column: 'mood', default: { kind: 'literal', value: 'happy' } }],
      },
    ]);
    const renamed = compare(withEnums([mood], people()), target, { capabilities: postgres, renames: parseRenames(['mood.sad=unhappy']) });
    expect(renamed.ops).toEqual([{ ...without.ops[0], renames: { sad: 'unhappy' } }]);
    expect(renamed.log).toEqual(["Detected changed enum 'mood': ('happy', 'sad', 'meh') -> ('happy', 'unhappy', 'meh'), renamed 'sad' -> 'unhappy'"]);
    // The downgrade renames it back.
    expect(reverseAll(renamed.ops)).toEqual([{ ...without.ops[0], from: ['happy', 'unhappy', 'meh'], to: ['happy', 'sad', 'meh'], renames: { unhappy: 'sad' } }]);
  });

  it('ignores a label rename that does not fit, with a log line, and an applied one silently', () => {
    const target = withEnums([{ name: 'mood', values: ['happy', 'unhappy'] }], people());
    const result = compare(withEnums([mood], people()), target, { capabilities: postgres, renames: parseRenames(['mood.happy=unhappy']) });
    expect(result.ops.map((op) => [op.kind, 'renames' in op])).toEqual([['alterEnum', false]]);
    expect(result.log[0]).toBe("Ignored rename of enum label 'mood.happy' to 'unhappy': it needs 'happy' only in the database and 'unhappy' only in the models");
    expect(compare(target, target, { capabilities: postgres, renames: parseRenames(['mood.sad=unhappy']) })).toEqual({ ops: [], log: [] });
  });

  it('a label rename entry for an enum does not touch a same-named column rename', () => {
    const current = withEnums([mood], people(), table('mood_log', [id(), col('sad', 'text')]));
    const target = withEnums([{ name: 'mood', values: ['happy', 'unhappy', 'meh'] }], people(), table('mood_log', [id(), col('unhappy', 'text')]));
    const result = compare(current, target, { capabilities: postgres, renames: parseRenames(['mood.sad=unhappy', 'mood_log.sad=unhappy']) });
    expect(outline(result.ops)).toEqual(['alterEnum mood', 'renameColumn mood_log']);
  });

  it('keys enums of other schemas, and counts as usages only columns whose type is that key', () => {
    const salesMood = { name: 'mood', schema: 'sales', values: ['a'] };
    const current = withEnums([mood, salesMood], people(), table('orders', [id(), col('m', 'sales.mood'), col('n', 'mood')], { schema: 'sales' }));
    const target = withEnums([mood, { ...salesMood, values: ['a', 'b'] }], people(), table('orders', [id(), col('m', 'sales.mood'), col('n', 'mood')], { schema: 'sales' }));
    expect(compare(current, target, { capabilities: postgres }).ops).toEqual([
      { kind: 'alterEnum', name: 'sales.mood', from: ['a'], to: ['a', 'b'], usages: [{ table: 'sales.orders', column: 'm' }] },
    ]);
  });

  it('usages name a renamed table by its new key (the enum changes after the rename)', () => {
    const current = withEnums([mood], people());
    const target = withEnums([{ name: 'mood', values: ['happy'] }], { ...people(), name: 'persons' });
    const ops = compare(current, target, { capabilities: postgres, renames: { tables: { people: 'persons' } } }).ops;
    expect(ops).toEqual([
      { kind: 'renameTable', from: 'people', to: 'persons' },
      { kind: 'alterEnum', name: 'mood', from: ['happy', 'sad', 'meh'], to: ['happy'], usages: [{ table: 'persons', column: 'mood', default: { kind: 'literal', value: 'happy' } }] },
    ]);
  });

  it('orders: renames, createEnum, alterEnum, createTable, table blocks, dropTable, dropEnum', () => {
    const current = withEnums([mood, { name: 'old_kind', values: ['x'] }, { name: 'size', values: ['s'] }], people(), table('legacy', [id(), col('k', 'old_kind')]));
    const target = withEnums(
      [{ name: 'color', values: ['red'] }, { name: 'size', values: ['s', 'm'] }, mood],
      people('color'),
      table('shirts', [id(), col('size', 'size'), col('color', 'color')]),
    );
    const result = compare(current, target, { capabilities: postgres });
    expect(outline(result.ops)).toEqual(['createEnum color', 'alterEnum size', 'createTable shirts', 'alterColumn people', 'dropTable legacy', 'dropEnum old_kind']);
  });
});

describe('compare: PostgreSQL-only aspects', () => {
  it('removes a table comment (to absent) and sets one (from absent); an empty comment counts as none', () => {
    const result = compare(
      schema(table('a', [id()], { comment: 'was here' }), table('b', [id()], { comment: '' })),
      schema(table('a', [id()], { comment: '' }), table('b', [id()], { comment: 'new' })),
      { capabilities: postgres },
    );
    expect(result.ops).toEqual([
      { kind: 'setTableComment', table: 'a', from: 'was here' },
      { kind: 'setTableComment', table: 'b', to: 'new' },
    ]);
    expect(result.log).toEqual(["Detected changed comment on table 'a': 'was here' -> none", "Detected changed comment on table 'b': none -> 'new'"]);
  });

  it('identity changes by value: always <-> by default is a change', () => {
    const ops = compare(schema(table('t', [{ ...id(), identity: 'always' }])), schema(table('t', [{ ...id(), identity: 'by default' }])), { capabilities: postgres }).ops;
    expect(ops).toEqual([{ kind: 'alterColumn', table: 't', column: 'id', from: { ...id(), identity: 'always' }, to: { ...id(), identity: 'by default' }, changes: ['identity'] }]);
  });

  it.each<[string, Parameters<typeof ix>[2], Parameters<typeof ix>[2], string]>([
    ['method', { method: 'btree' }, { method: 'gin' }, 'ix (a) -> ix USING gin (a)'],
    ['include columns', {}, { include: ['b'] }, 'ix (a) -> ix (a) INCLUDE (b)'],
    ['include order', { include: ['a', 'b'] }, { include: ['b', 'a'] }, 'ix (a) INCLUDE (a, b) -> ix (a) INCLUDE (b, a)'],
  ])('an index whose %s differs is dropped and created', (_name, from, to, change) => {
    const columns = [id(), col('a', 'text'), col('b', 'text')];
    const result = compare(schema(table('t', columns, { indexes: [ix('ix', ['a'], from)] })), schema(table('t', columns, { indexes: [ix('ix', ['a'], to)] })), { capabilities: postgres });
    expect(result.ops).toEqual([
      { kind: 'dropIndex', table: 't', existing: ix('ix', ['a'], from) },
      { kind: 'createIndex', table: 't', index: ix('ix', ['a'], to) },
    ]);
    expect(result.log).toEqual([`Detected changed index 'ix' on 't': ${change}`]);
  });

  it('include columns follow column renames', () => {
    const ops = compare(
      schema(table('t', [id(), col('a', 'text'), col('b', 'text')], { indexes: [ix('ix', ['a'], { include: ['b'] })] })),
      schema(table('t', [id(), col('a', 'text'), col('c', 'text')], { indexes: [ix('ix', ['a'], { include: ['c'] })] })),
      { capabilities: postgres, renames: { columns: { 't.b': 'c' } } },
    ).ops;
    expect(ops).toEqual([{ kind: 'renameColumn', table: 't', from: 'b', to: 'c' }]);
  });

  it.each<[string, object, object, string]>([
    ['deferrable added', {}, { deferrable: true }, 'not deferred -> deferrable initially immediate'],
    ['initially deferred', { deferrable: true }, { deferrable: true, deferred: true }, 'deferrable initially immediate -> deferred'],
    ['deferral removed', { deferred: true }, {}, 'deferred -> not deferred'],
  ])('a foreign key whose deferral changes (%s) is dropped and created', (_name, from, to, change) => {
    const posts = (extra: object) => table('posts', [id(), col('user_id', 'integer')], { foreignKeys: [fk(['user_id'], 'users', ['id'], extra)] });
    const result = compare(schema(users, posts(from)), schema(users, posts(to)), { capabilities: postgres });
    expect(outline(result.ops)).toEqual(['dropForeignKey posts', 'createForeignKey posts']);
    expect(result.log).toEqual([`Detected changed foreign key on 'posts' (user_id) -> users(id): ${change}`]);
  });

  it('concurrentIndexes: index ops on existing tables get concurrently, a new table\'s indexes do not', () => {
    const current = schema(table('t', [id(), col('a', 'text'), col('b', 'text')], { indexes: [ix('ix_old', ['b']), ix('ix_same', ['a'], { unique: true })] }));
    const newTable = table('n', [id(), col('a', 'text')], { indexes: [ix('ix_n', ['a'])] });
    const target = schema(table('t', [id(), col('a', 'text'), col('b', 'text')], { indexes: [ix('ix_new', ['a']), ix('ix_same', ['a'])] }), newTable);
    const ops = compare(current, target, { capabilities: postgres, concurrentIndexes: true }).ops;
    expect(ops).toEqual([
      { kind: 'createTable', table: newTable },
      { kind: 'dropIndex', table: 't', existing: ix('ix_old', ['b']), concurrently: true },
      { kind: 'dropIndex', table: 't', existing: ix('ix_same', ['a'], { unique: true }), concurrently: true },
      { kind: 'createIndex', table: 't', index: ix('ix_new', ['a']), concurrently: true },
      { kind: 'createIndex', table: 't', index: ix('ix_same', ['a']), concurrently: true },
    ]);
    // Default: off.
    const plain = compare(current, target, { capabilities: postgres }).ops;
    expect(plain.some((op) => 'concurrently' in op)).toBe(false);
    expect(reverseAll(ops).filter((op) => op.kind === 'createIndex' || op.kind === 'dropIndex').every((op) => 'concurrently' in op)).toBe(true);
  });

  it('concurrentIndexes is dropped inside a table rebuild (a rebuild runs in its transaction)', () => {
    const rebuildAll: DialectCapabilities = { ...postgres, requiresRebuild: (op) => op.kind === 'alterColumn' };
    const ops = compare(
      schema(table('t', [id(), col('a', 'text')])),
      schema(table('t', [id(), col('a', 'text', { nullable: false })], { indexes: [ix('ix_a', ['a'])] })),
      { capabilities: rebuildAll, concurrentIndexes: true },
    ).ops;
    expect(ops).toHaveLength(1);
    const rebuild = ops[0] as Extract<Op, { kind: 'rebuildTable' }>;
    expect(rebuild.changes.map((op) => op.kind)).toEqual(['alterColumn', 'createIndex']);
    expect(rebuild.changes.some((op) => 'concurrently' in op)).toBe(false);
  });

  it('with PostgreSQL capabilities nothing is rebuilt, and a unique index and a unique constraint stay distinct', () => {
    const current = schema(
      users,
      table('posts', [id(), col('user_id', 'integer'), col('slug', 'text')], { indexes: [ix('ux_slug', ['slug'], { unique: true })] }),
    );
    const target = schema(
      users,
      table('posts', [id(), col('user_id', 'bigint', { nullable: false }), col('slug', 'text')], {
        foreignKeys: [fk(['user_id'], 'users', ['id'], { onDelete: 'cascade' })],
        uniques: [{ columns: ['slug'] }],
        checks: [{ expression: 'user_id > 0' }],
        primaryKey: { columns: ['id', 'user_id'] },
      }),
    );
    const result = compare(current, target, { capabilities: postgres });
    expect(outline(result.ops)).toEqual([
      'dropIndex posts',
      'dropPrimaryKey posts',
      'alterColumn posts',
      'createPrimaryKey posts',
      'createUnique posts',
      'createCheck posts',
      'createForeignKey posts',
    ]);
    expect(result.log.some((line) => line.includes('rebuild'))).toBe(false);
  });
});
