import type { Schema, Table } from '@autogen/schema';
import { compare } from '../src/compare';
import { col, fk, id, inPlace, ix, outline, schema, table } from './fixtures';

const current = schema(
  table('users', [id(), col('name', 'text'), col('legacy', 'text')], {
    indexes: [ix('ix_users_name', ['name'])],
    uniques: [{ columns: ['legacy'] }],
  }),
  table('posts', [id(), col('user_id', 'integer'), col('title', 'text')], {
    foreignKeys: [fk(['user_id'], 'users', ['id'])],
    checks: [{ expression: 'length(title) > 0' }],
  }),
  table('old_log', [id(), col('post_id', 'integer')], { foreignKeys: [fk(['post_id'], 'posts', ['id'])] }),
  table('old_audit', [id(), col('log_id', 'integer')], { foreignKeys: [fk(['log_id'], 'old_log', ['id'])] }),
  table('people', [id()]),
);

const target = schema(
  table('users', [id(), col('name', 'text', { nullable: false }), col('email', 'text')], {
    indexes: [ix('ix_users_email', ['email'])],
    uniques: [{ columns: ['email'] }],
  }),
  table('posts', [id(), col('user_id', 'integer'), col('title', 'text'), col('body', 'text')], {
    foreignKeys: [fk(['user_id'], 'users', ['id'], { onDelete: 'cascade' })],
    checks: [{ expression: 'length(title) > 1' }],
  }),
  // areas refers to zones: zones must be created first although it sorts last.
  table('areas', [id(), col('zone_id', 'integer')], { foreignKeys: [fk(['zone_id'], 'zones', ['id'])] }),
  table('zones', [id()]),
  // A cycle: broken by name.
  table('b_cycle', [id(), col('a_id', 'integer')], { foreignKeys: [fk(['a_id'], 'a_cycle', ['id'])] }),
  table('a_cycle', [id(), col('b_id', 'integer')], { foreignKeys: [fk(['b_id'], 'b_cycle', ['id'])] }),
  table('members', [id(), col('nick', 'text')]),
);

const options = { capabilities: inPlace, renames: { tables: { people: 'members' } } };

/** A small seeded PRNG (mulberry32), so a failure is reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(xs: ReadonlyArray<T>, random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Shuffles everything whose order carries no meaning (tables and constraints; column order is kept). */
function shuffleSchema(s: Schema, random: () => number): Schema {
  const shuffleTable = (t: Table): Table => ({
    ...t,
    foreignKeys: shuffled(t.foreignKeys, random),
    indexes: shuffled(t.indexes, random),
    uniques: shuffled(t.uniques, random),
    checks: shuffled(t.checks, random),
  });
  return { tables: shuffled(s.tables, random).map(shuffleTable) };
}

describe('compare: ordering', () => {
  it('renames, creates (parents first, cycles by name), per-table blocks in name order, drops (children first)', () => {
    expect(outline(compare(current, target, options).ops)).toEqual([
      'renameTable people->members',
      'createTable zones',
      'createTable areas',
      'createTable a_cycle',
      'createTable b_cycle',
      'addColumn members',
      'dropForeignKey posts',
      'dropCheck posts',
      'addColumn posts',
      'createCheck posts',
      'createForeignKey posts',
      'dropIndex users',
      'dropUnique users',
      'addColumn users',
      'alterColumn users',
      'dropColumn users',
      'createUnique users',
      'createIndex users',
      'dropTable old_audit',
      'dropTable old_log',
    ]);
  });

  it('every block kind in its place: drops, renames, adds, alters, column drops, then creates', () => {
    const wide = (extra: Partial<Table>, columns = [id(), col('a', 'integer'), col('b', 'integer'), col('c', 'text')]): Table =>
      table('t', columns, extra);
    const from = wide({
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['a'], 't', ['id'])],
      indexes: [ix('ix_a', ['a'])],
      uniques: [{ columns: ['b'] }],
      checks: [{ expression: 'a > 0' }],
    });
    const to = wide(
      {
        primaryKey: { columns: ['id', 'a2'] },
        foreignKeys: [fk(['b2'], 't', ['id'])],
        indexes: [ix('ix_b', ['b2'])],
        uniques: [{ columns: ['a2'] }],
        checks: [{ expression: 'b2 > 0' }],
      },
      [id(), col('a2', 'integer'), col('b2', 'bigint'), col('d', 'text')],
    );
    const ops = compare(schema(from), schema(to), {
      capabilities: inPlace,
      renames: { columns: { 't.a': 'a2', 't.b': 'b2' } },
    }).ops;
    expect(ops.map((op) => op.kind)).toEqual([
      'dropIndex',
      'dropForeignKey',
      'dropUnique',
      'dropCheck',
      'dropPrimaryKey',
      'renameColumn',
      'renameColumn',
      'addColumn',
      'alterColumn',
      'dropColumn',
      'createPrimaryKey',
      'createUnique',
      'createCheck',
      'createForeignKey',
      'createIndex',
    ]);
  });

  it('ignores self references when ordering created and dropped tables', () => {
    const tree = table('tree', [id(), col('parent_id', 'integer')], { foreignKeys: [fk(['parent_id'], 'tree', ['id'])] });
    const leaf = table('leaf', [id(), col('tree_id', 'integer')], { foreignKeys: [fk(['tree_id'], 'tree', ['id'])] });
    expect(outline(compare(schema(), schema(leaf, tree), { capabilities: inPlace }).ops)).toEqual(['createTable tree', 'createTable leaf']);
    expect(outline(compare(schema(tree, leaf), schema(), { capabilities: inPlace }).ops)).toEqual(['dropTable leaf', 'dropTable tree']);
  });

  it('gives identical ops and log for shuffled inputs', () => {
    const baseline = compare(current, target, options);
    const random = rng(20240607);
    for (let i = 0; i < 25; i++) {
      const result = compare(shuffleSchema(current, random), shuffleSchema(target, random), options);
      expect(result.ops).toEqual(baseline.ops);
      expect(result.log).toEqual(baseline.log);
    }
  });

  it('does not depend on the order of the rename map entries', () => {
    const a = compare(current, target, { capabilities: inPlace, renames: { tables: { people: 'members', ghost: 'spirit' } } });
    const b = compare(current, target, { capabilities: inPlace, renames: { tables: { ghost: 'spirit', people: 'members' } } });
    expect(a).toEqual(b);
  });
});
