import type { Schema } from '@autogen/schema';
import { compare } from '../src/compare';
import type { CompareOptions } from '../src/compare';
import { col, fk, id, inPlace, ix, rebuilding, schema, table, withEnums } from './fixtures';

interface Case {
  readonly name: string;
  readonly current: Schema;
  readonly target: Schema;
  readonly options?: Partial<CompareOptions>;
}

const users = table('users', [id(), col('email', 'text'), col('name', 'text')]);
const posts = (extra: Parameters<typeof table>[2] = {}) =>
  table('posts', [id(), col('user_id', 'integer'), col('title', 'text'), col('price', 'integer')], extra);

/** Pairs of schemas that differ only in ways that must not produce a single op. */
const cases: ReadonlyArray<Case> = [
  {
    name: 'identical schemas',
    current: schema(users, posts({ foreignKeys: [fk(['user_id'], 'users', ['id'])], indexes: [ix('ix_title', ['title'])] })),
    target: schema(users, posts({ foreignKeys: [fk(['user_id'], 'users', ['id'])], indexes: [ix('ix_title', ['title'])] })),
  },
  {
    name: 'foreign key differing only by name',
    current: schema(users, posts({ foreignKeys: [fk(['user_id'], 'users', ['id'], { name: 'posts_user_id_fkey' })] })),
    target: schema(users, posts({ foreignKeys: [fk(['user_id'], 'users', ['id'], { name: 'fk_posts_users' })] })),
  },
  {
    name: 'index differing only by name',
    current: schema(users, posts({ indexes: [ix('posts_title_idx', ['title'])] })),
    target: schema(users, posts({ indexes: [ix('ix_posts_title', ['title'])] })),
  },
  {
    name: 'partial expression index differing only by name and spelling',
    current: schema(users, posts({ indexes: [{ name: 'a', unique: true, parts: [{ kind: 'expression', sql: 'lower( title )' }], where: '(price > 0)' }] })),
    target: schema(users, posts({ indexes: [{ name: 'b', unique: true, parts: [{ kind: 'expression', sql: 'LOWER(title)' }], where: 'price>0' }] })),
  },
  {
    name: 'unique differing only by name',
    current: schema(users, posts({ uniques: [{ name: 'posts_title_key', columns: ['title'] }] })),
    target: schema(users, posts({ uniques: [{ columns: ['title'] }] })),
  },
  {
    name: 'check differing only by whitespace, case, outer parentheses and name',
    current: schema(users, posts({ checks: [{ name: 'ck_a', expression: '(price  >=\n 0 AND title <> \'X y\')' }] })),
    target: schema(users, posts({ checks: [{ name: 'ck_b', expression: "PRICE>=0 and TITLE <> 'X y'" }] })),
  },
  {
    name: 'unique constraint in the models, unique index in the database (capability on)',
    current: schema(users, posts({ indexes: [ix('ux_title', ['title'], { unique: true })] })),
    target: schema(users, posts({ uniques: [{ columns: ['title'] }] })),
    options: { capabilities: rebuilding },
  },
  {
    name: 'unique index in the models, unique constraint in the database (capability on)',
    current: schema(users, posts({ uniques: [{ name: 'sqlite_autoindex_posts_1', columns: ['title'] }] })),
    target: schema(users, posts({ indexes: [ix('ux_title', ['title'], { unique: true })] })),
    options: { capabilities: rebuilding },
  },
  {
    name: 'column order',
    current: schema(table('users', [col('name', 'text'), id(), col('email', 'text')])),
    target: schema(users),
  },
  {
    name: 'table, constraint and index order',
    current: schema(
      posts({ foreignKeys: [fk(['user_id'], 'users', ['id']), fk(['price'], 'users', ['id'])], indexes: [ix('b', ['price']), ix('a', ['title'])] }),
      users,
    ),
    target: schema(
      users,
      posts({ foreignKeys: [fk(['price'], 'users', ['id']), fk(['user_id'], 'users', ['id'])], indexes: [ix('a', ['title']), ix('b', ['price'])] }),
    ),
  },
  {
    name: 'type spelling (raw) differing, normalized type the same',
    current: schema(table('users', [{ ...id(), type: { name: 'integer', args: [], raw: 'INTEGER' } }])),
    target: schema(table('users', [{ ...id(), type: { name: 'integer', args: [], raw: 'int' } }])),
  },
  {
    name: 'collation case, and no collation vs BINARY',
    current: schema(table('users', [id(), col('email', 'text', { collation: 'nocase' }), col('name', 'text')])),
    target: schema(table('users', [id(), col('email', 'text', { collation: 'NOCASE' }), col('name', 'text', { collation: 'BINARY' })])),
  },
  {
    name: 'primary key differing only by name',
    current: schema(table('users', [id()], { primaryKey: { name: 'users_pkey', columns: ['id'] } })),
    target: schema(table('users', [id()], { primaryKey: { columns: ['id'] } })),
  },
  {
    name: 'false and absent autoincrement',
    current: schema(table('users', [{ ...id(), autoincrement: false }])),
    target: schema(table('users', [id()])),
  },
  {
    name: "column comment '' and no comment",
    current: schema(table('users', [id(), col('email', 'text', { comment: '' }), col('name', 'text')])),
    target: schema(table('users', [id(), col('email', 'text'), col('name', 'text', { comment: '' })])),
  },
  {
    name: "table comment '' and no comment",
    current: schema(table('users', [id()], { comment: '' }), table('posts', [id()])),
    target: schema(table('users', [id()]), table('posts', [id()], { comment: '' })),
  },
  {
    name: 'same comments and identity',
    current: schema(table('users', [{ ...id(), identity: 'always', comment: 'key' }], { comment: "it's" })),
    target: schema(table('users', [{ ...id(), identity: 'always', comment: 'key' }], { comment: "it's" })),
  },
  {
    name: 'index method btree and no method (any case), include [] and no include',
    current: schema(users, posts({ indexes: [ix('a', ['title'], { method: 'BTREE' }), ix('b', ['price'], { include: [] })] })),
    target: schema(users, posts({ indexes: [ix('a', ['title']), ix('b', ['price'], { method: 'btree' })] })),
  },
  {
    name: 'same method and include, index differing only by name',
    current: schema(users, posts({ indexes: [ix('posts_title_idx', ['title'], { method: 'gin', include: ['price'] })] })),
    target: schema(users, posts({ indexes: [ix('ix_posts_title', ['title'], { method: 'gin', include: ['price'] })] })),
  },
  {
    name: 'identical enums, in any order, with their columns',
    current: withEnums([{ name: 'size', values: ['s', 'm'] }, { name: 'mood', values: ['happy', 'sad'] }], table('users', [id(), col('mood', 'mood')])),
    target: withEnums([{ name: 'mood', values: ['happy', 'sad'] }, { name: 'size', values: ['s', 'm'] }], table('users', [id(), col('mood', 'mood')])),
  },
  {
    name: 'no enums and an empty enum list',
    current: { tables: [users], enums: [] },
    target: schema(users),
  },
  {
    name: 'tables in another schema with a cross-schema foreign key, in any order',
    current: schema(
      table('orders', [id(), col('user_id', 'integer')], { schema: 'sales', foreignKeys: [fk(['user_id'], 'users', ['id'], { referencedSchema: 'auth', name: 'orders_user_id_fkey' })] }),
      table('users', [id()], { schema: 'auth' }),
      table('users', [id()]),
    ),
    target: schema(
      table('users', [id()]),
      table('users', [id()], { schema: 'auth' }),
      table('orders', [id(), col('user_id', 'integer')], { schema: 'sales', foreignKeys: [fk(['user_id'], 'users', ['id'], { referencedSchema: 'auth' })] }),
    ),
  },
  {
    name: 'initially deferred with and without deferrable (deferred implies it)',
    current: schema(users, posts({ foreignKeys: [fk(['user_id'], 'users', ['id'], { deferred: true, deferrable: true })] })),
    target: schema(users, posts({ foreignKeys: [fk(['user_id'], 'users', ['id'], { deferred: true })] })),
  },
  {
    name: 'false deferrable and absent',
    current: schema(users, posts({ foreignKeys: [fk(['user_id'], 'users', ['id'], { deferrable: false })] })),
    target: schema(users, posts({ foreignKeys: [fk(['user_id'], 'users', ['id'])] })),
  },
];

describe('compare: no change', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = compare(c.current, c.target, { capabilities: inPlace, ...c.options });
    expect(result.ops).toEqual([]);
    expect(result.log).toEqual([]);
  });

  it('without the capability, a unique constraint and a unique index are different things', () => {
    const current = schema(users, posts({ indexes: [ix('ux_title', ['title'], { unique: true })] }));
    const target = schema(users, posts({ uniques: [{ columns: ['title'] }] }));
    expect(compare(current, target, { capabilities: inPlace }).ops.map((op) => op.kind)).toEqual(['dropIndex', 'createUnique']);
  });

  it('with the capability, a partial unique index does not satisfy a unique constraint', () => {
    const current = schema(users, posts({ indexes: [ix('ux_title', ['title'], { unique: true, where: 'price > 0' })] }));
    const target = schema(users, posts({ uniques: [{ columns: ['title'] }] }));
    const ops = compare(current, target, { capabilities: { ...rebuilding, requiresRebuild: () => false } }).ops;
    expect(ops.map((op) => op.kind)).toEqual(['dropIndex', 'createUnique']);
  });

  it('with the capability, a unique index with INCLUDE columns or another method does not satisfy a unique constraint', () => {
    const capabilities = { ...rebuilding, requiresRebuild: () => false };
    for (const extra of [{ include: ['price'] }, { method: 'hash' }]) {
      const current = schema(users, posts({ indexes: [ix('ux_title', ['title'], { unique: true, ...extra })] }));
      const target = schema(users, posts({ uniques: [{ columns: ['title'] }] }));
      expect(compare(current, target, { capabilities }).ops.map((op) => op.kind)).toEqual(['dropIndex', 'createUnique']);
    }
  });

  it('a string literal differing only in case is a change', () => {
    const current = schema(users, posts({ checks: [{ expression: "title <> 'x'" }] }));
    const target = schema(users, posts({ checks: [{ expression: "title <> 'X'" }] }));
    expect(compare(current, target, { capabilities: inPlace }).ops.map((op) => op.kind)).toEqual(['dropCheck', 'createCheck']);
  });
});
