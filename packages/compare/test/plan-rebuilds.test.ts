import { reverse, reverseAll } from '@autogen/ops';
import type { Op, RebuildTableOp } from '@autogen/ops';
import { compare } from '../src/compare';
import { col, fk, id, inPlace, ix, outline, rebuilding, schema, table } from './fixtures';

const users = table('users', [id(), col('name', 'text')]);
const postsFrom = table('posts', [id(), col('user_id', 'integer'), col('title', 'text')], {
  indexes: [ix('ix_posts_title', ['title'])],
});
const postsTo = table('posts', [id(), col('user_id', 'integer'), col('heading', 'text'), col('body', 'text')], {
  foreignKeys: [fk(['user_id'], 'users', ['id'], { onDelete: 'cascade' })],
  indexes: [ix('ix_posts_user', ['user_id'])],
});

function onlyRebuild(ops: ReadonlyArray<Op>): RebuildTableOp {
  const rebuilds = ops.filter((op): op is RebuildTableOp => op.kind === 'rebuildTable');
  expect(rebuilds).toHaveLength(1);
  return rebuilds[0] as RebuildTableOp;
}

describe('planRebuilds (inside compare)', () => {
  it('groups all of a table\'s ops, index ops included, into one rebuildTable with full from/to', () => {
    const renames = { columns: { 'posts.title': 'heading' } };
    const inPlaceOps = compare(schema(users, postsFrom), schema(users, postsTo), { capabilities: inPlace, renames }).ops;
    const result = compare(schema(users, postsFrom), schema(users, postsTo), { capabilities: rebuilding, renames });
    expect(result.ops).toEqual([{ kind: 'rebuildTable', table: 'posts', from: postsFrom, to: postsTo, changes: inPlaceOps }]);
    expect(outline(inPlaceOps)).toEqual(['dropIndex posts', 'renameColumn posts', 'addColumn posts', 'createForeignKey posts', 'createIndex posts']);
    expect(result.log).toContain(
      "Detected table 'posts' needs a rebuild: the dialect cannot add foreign key posts(user_id) -> users(id) ON DELETE CASCADE ON UPDATE NO ACTION in place",
    );
  });

  it('leaves a table alone when none of its ops needs a rebuild', () => {
    const target = schema(users, table('posts', [...postsFrom.columns, col('body', 'text')], { indexes: [ix('ix_posts_user', ['user_id'])] }));
    const ops = compare(schema(users, postsFrom), target, { capabilities: rebuilding }).ops;
    expect(outline(ops)).toEqual(['dropIndex posts', 'addColumn posts', 'createIndex posts']);
  });

  it('asks the capability with the current table: a column drop is native only when nothing refers to the column', () => {
    const plain = compare(schema(users, postsFrom), schema(users, table('posts', [id(), col('user_id', 'integer'), col('title', 'text')], { indexes: postsFrom.indexes })), {
      capabilities: rebuilding,
    });
    expect(plain.ops).toEqual([]);
    const dropIndexed = compare(schema(users, postsFrom), schema(users, table('posts', [id(), col('user_id', 'integer')])), {
      capabilities: rebuilding,
    });
    expect(outline(dropIndexed.ops)).toEqual(['rebuildTable posts']);
    const dropFree = compare(schema(users, postsFrom), schema(users, table('posts', [id(), col('title', 'text')], { indexes: postsFrom.indexes })), {
      capabilities: rebuilding,
    });
    expect(outline(dropFree.ops)).toEqual(['dropColumn posts']);
  });

  it('puts the rebuild where the table\'s block was, between other tables\' ops', () => {
    const current = schema(table('alpha', [id()]), postsFrom, users, table('zulu', [id()]));
    const target = schema(
      table('alpha', [id(), col('x', 'text')]),
      postsTo,
      table('users', [id(), col('name', 'text'), col('email', 'text')]),
      table('zulu', [id(), col('y', 'text')]),
      table('new_one', [id()]),
    );
    const ops = compare(current, target, { capabilities: rebuilding, renames: { columns: { 'posts.title': 'heading' } } }).ops;
    expect(outline(ops)).toEqual(['createTable new_one', 'addColumn alpha', 'rebuildTable posts', 'addColumn users', 'addColumn zulu']);
  });

  it('keeps renameTable outside and before the rebuild; from already has the new name and renamed references', () => {
    const current = schema(
      table('authors', [id()]),
      table('articles', [id(), col('author_id', 'integer')], { foreignKeys: [fk(['author_id'], 'authors', ['id'])] }),
    );
    const target = schema(
      table('writers', [id()]),
      table('posts', [id(), col('author_id', 'integer')], {
        foreignKeys: [fk(['author_id'], 'writers', ['id'], { onDelete: 'cascade' })],
      }),
    );
    const ops = compare(current, target, { capabilities: rebuilding, renames: { tables: { articles: 'posts', authors: 'writers' } } }).ops;
    expect(outline(ops)).toEqual(['renameTable articles->posts', 'renameTable authors->writers', 'rebuildTable posts']);
    const rebuild = onlyRebuild(ops);
    expect(rebuild.table).toBe('posts');
    expect(rebuild.from).toEqual(
      table('posts', [id(), col('author_id', 'integer')], { foreignKeys: [fk(['author_id'], 'writers', ['id'])] }),
    );
    expect(rebuild.to).toEqual(target.tables[1]);
    expect(outline(rebuild.changes)).toEqual(['dropForeignKey posts', 'createForeignKey posts']);
  });

  it('reverses into a rebuild with from/to swapped and the changes reversed', () => {
    const ops = compare(schema(users, postsFrom), schema(users, postsTo), {
      capabilities: rebuilding,
      renames: { columns: { 'posts.title': 'heading' } },
    }).ops;
    const rebuild = onlyRebuild(ops);
    const back = reverse(rebuild);
    expect(back).toEqual({ kind: 'rebuildTable', table: 'posts', from: postsTo, to: postsFrom, changes: reverseAll(rebuild.changes) });
    expect(outline((back as RebuildTableOp).changes)).toEqual([
      'dropIndex posts',
      'dropForeignKey posts',
      'dropColumn posts',
      'renameColumn posts',
      'createIndex posts',
    ]);
    expect(reverse(back)).toEqual(rebuild);
  });
});

describe('reverseAll of compared ops', () => {
  it('undoes a create, an alter and a drop in the opposite order', () => {
    const current = schema(users, table('legacy', [id()]));
    const target = schema(table('users', [id(), col('name', 'text', { nullable: false })]), postsFrom);
    const ops = compare(current, target, { capabilities: inPlace }).ops;
    expect(outline(ops)).toEqual(['createTable posts', 'alterColumn users', 'dropTable legacy']);
    const down = reverseAll(ops);
    expect(down).toEqual([
      { kind: 'createTable', table: table('legacy', [id()]) },
      { kind: 'alterColumn', table: 'users', column: 'name', from: col('name', 'text', { nullable: false }), to: col('name', 'text'), changes: ['nullable'] },
      { kind: 'dropTable', table: 'posts', existing: postsFrom },
    ]);
  });

  it('equals comparing the other way round for an added column and index', () => {
    // Every drop carries its full `existing` state, so the reverse of the upgrade is exactly the second diff a
    // downgrade must never need.
    const current = schema(users);
    const target = schema(table('users', [id(), col('name', 'text'), col('email', 'text')], { indexes: [ix('ix_email', ['email'])] }));
    const up = compare(current, target, { capabilities: inPlace }).ops;
    const down = compare(target, current, { capabilities: inPlace }).ops;
    expect(reverseAll(up)).toEqual(down);
  });
});
