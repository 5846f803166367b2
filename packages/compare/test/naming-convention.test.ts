import type { NamingConvention } from '@autogen/schema';
import { compare } from '../src/compare';
import { col, fk, id, inPlace, ix, schema, table } from './fixtures';

const convention: NamingConvention = {
  fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
  uq: 'uq_%(table_name)s_%(column_0_N_name)s',
  ck: 'ck_%(table_name)s_%(constraint_name)s',
  pk: 'pk_%(table_name)s',
};

const users = table('users', [id(), col('email', 'text')]);

describe('compare: naming convention', () => {
  it('names the unnamed constraints of a created table; named ones keep their names', () => {
    const posts = table('posts', [id(), col('user_id', 'integer'), col('slug', 'text'), col('n', 'integer')], {
      foreignKeys: [fk(['user_id'], 'users', ['id'])],
      uniques: [{ columns: ['slug', 'n'] }, { name: 'my_unique', columns: ['n'] }],
      checks: [{ name: 'positive', expression: 'n > 0' }],
      indexes: [ix('ix_posts_slug', ['slug'])],
    });
    const ops = compare(schema(users), schema(users, posts), { capabilities: inPlace, namingConvention: convention }).ops;
    expect(ops).toEqual([
      {
        kind: 'createTable',
        table: {
          ...posts,
          primaryKey: { name: 'pk_posts', columns: ['id'] },
          foreignKeys: [fk(['user_id'], 'users', ['id'], { name: 'fk_posts_user_id_users' })],
          uniques: [{ name: 'my_unique', columns: ['n'] }, { name: 'uq_posts_slug_n', columns: ['slug', 'n'] }],
          checks: [{ name: 'ck_posts_positive', expression: 'n > 0' }],
        },
      },
    ]);
  });

  it('names a foreign key and a unique added to an existing table', () => {
    const current = schema(users, table('posts', [id(), col('user_id', 'integer')]));
    const target = schema(
      table('users', users.columns, { uniques: [{ columns: ['email'] }] }),
      table('posts', [id(), col('user_id', 'integer')], { foreignKeys: [fk(['user_id'], 'users', ['id'])] }),
    );
    const ops = compare(current, target, { capabilities: inPlace, namingConvention: convention }).ops;
    expect(ops).toEqual([
      { kind: 'createForeignKey', table: 'posts', foreignKey: fk(['user_id'], 'users', ['id'], { name: 'fk_posts_user_id_users' }) },
      { kind: 'createUnique', table: 'users', unique: { name: 'uq_users_email', columns: ['email'] } },
    ]);
  });

  it('does not turn a differently named existing constraint into a change', () => {
    const current = schema(
      table('users', users.columns, { uniques: [{ columns: ['email'] }], primaryKey: { columns: ['id'] } }),
      table('posts', [id(), col('user_id', 'integer')], { foreignKeys: [fk(['user_id'], 'users', ['id'], { name: 'legacy_fk' })] }),
    );
    const target = schema(
      table('users', users.columns, { uniques: [{ columns: ['email'] }] }),
      table('posts', [id(), col('user_id', 'integer')], { foreignKeys: [fk(['user_id'], 'users', ['id'])] }),
    );
    expect(compare(current, target, { capabilities: inPlace, namingConvention: convention })).toEqual({ ops: [], log: [] });
  });

  it('without a convention, created constraints stay unnamed', () => {
    const current = schema(users, table('posts', [id(), col('user_id', 'integer')]));
    const target = schema(users, table('posts', [id(), col('user_id', 'integer')], { foreignKeys: [fk(['user_id'], 'users', ['id'])] }));
    const [op] = compare(current, target, { capabilities: inPlace }).ops;
    expect(op).toEqual({ kind: 'createForeignKey', table: 'posts', foreignKey: fk(['user_id'], 'users', ['id']) });
    expect(op?.kind === 'createForeignKey' && 'name' in op.foreignKey).toBe(false);
  });
});
