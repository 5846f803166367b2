import type { DefaultValue, Schema, Table } from '@autogen/schema';
import { createTable } from '@autogen/schema';
import { compileSqlite } from '../src/sqlite-compiler';
import { introspectSqlite } from '../src/sqlite-introspector';
import { normalizeSqliteDefault, normalizeSqliteSchema } from '../src/sqlite-normalizer';
import { cleanup, col, expr, lit, tempDatabase } from './helpers';

afterAll(cleanup);

describe('normalizeSqliteDefault', () => {
  const cases: ReadonlyArray<{ name: string; from: DefaultValue; want: DefaultValue | undefined }> = [
    { name: 'quoted string', from: expr("'it''s'"), want: lit("it's") },
    { name: 'parenthesized string', from: expr("('x')"), want: lit('x') },
    { name: 'integer', from: expr('42'), want: lit(42) },
    { name: 'doubly parenthesized number', from: expr('((1))'), want: lit(1) },
    { name: 'negative number', from: expr('-1.5'), want: lit(-1.5) },
    { name: 'hex number', from: expr('0x10'), want: lit(16) },
    { name: 'huge integer stays SQL', from: expr('9223372036854775807'), want: expr('9223372036854775807') },
    // the keyword's spelling stays for DDL (ORMs comparing default text read back what they wrote)
    { name: 'TRUE', from: expr('TRUE'), want: { kind: 'literal', value: 1, raw: 'TRUE' } as const },
    { name: 'false keyword', from: expr('(false)'), want: { kind: 'literal', value: 0, raw: '(false)' } as const },
    { name: 'boolean literal', from: lit(true), want: lit(1) },
    { name: 'NULL', from: expr('NULL'), want: undefined },
    { name: 'null literal', from: lit(null), want: undefined },
    { name: 'current_timestamp in parentheses', from: expr('(current_timestamp)'), want: { kind: 'sql', expr: 'CURRENT_TIMESTAMP', raw: '(current_timestamp)' } as const },
    { name: 'CURRENT_DATE', from: expr('CURRENT_DATE'), want: expr('CURRENT_DATE') },
    { name: 'expression: outer parentheses and spaces', from: expr("(  lower( 'A  B' )  )"), want: { kind: 'sql', expr: "lower('A  B')", raw: "(  lower( 'A  B' )  )" } as const },
    { name: 'not fully wrapped', from: expr('(1) + (2)'), want: expr('(1) + (2)') },
    { name: 'literal string stays', from: lit('  x '), want: lit('  x ') },
  ];
  it.each(cases)('$name', ({ from, want }) => {
    expect(normalizeSqliteDefault(from)).toStrictEqual(want);
    if (want) expect(normalizeSqliteDefault(want)).toStrictEqual(want);
  });
});

describe('normalizeSqliteSchema', () => {
  const table = createTable({
    name: 't',
    columns: [
      col('id', 'INT', { nullable: true }),
      col('n', 'INT'),
      col('m', 'Unsigned   Big INT'),
      col('d', 'NUMERIC( 10 , 2 )'),
      col('c', 'text', { collation: 'binary' }),
      col('e', 'text', { collation: 'nocase', autoincrement: false }),
    ],
    primaryKey: { columns: ['id'] },
    foreignKeys: [{ columns: ['n'], referencedTable: 'p', referencedColumns: ['id'], onDelete: 'CASCADE' as 'cascade', onUpdate: 'no action', deferred: false }],
    checks: [{ expression: '  n  >  0\n AND ( m < 5 )' }],
    indexes: [{ name: 'ix', parts: [{ kind: 'expression', sql: 'lower( e )  ASC' }, { kind: 'column', name: 'n', descending: false }], unique: false, where: ' e  IS NOT NULL ' }],
  });
  const normal = normalizeSqliteSchema({ tables: [table] });
  const t = normal.tables[0] as Table;

  it('canonicalizes types, keeps raw, and keeps INT on a sole primary key (not a rowid alias)', () => {
    expect(t.columns.map((c) => c.type)).toStrictEqual([
      { name: 'int', args: [], raw: 'INT' },
      { name: 'integer', args: [], raw: 'INT' },
      { name: 'unsigned big int', args: [], raw: 'Unsigned   Big INT' },
      { name: 'numeric', args: [10, 2], raw: 'NUMERIC( 10 , 2 )' },
      { name: 'text', args: [], raw: 'text' },
      { name: 'text', args: [], raw: 'text' },
    ]);
  });

  it('makes primary-key columns NOT NULL, drops BINARY and false flags, uppercases collation, lowercases actions', () => {
    expect(t.columns[0]?.nullable).toBe(false);
    expect(t.columns[4]).toStrictEqual({ name: 'c', type: { name: 'text', args: [], raw: 'text' }, nullable: true });
    expect(t.columns[5]).toStrictEqual({ name: 'e', type: { name: 'text', args: [], raw: 'text' }, nullable: true, collation: 'NOCASE' });
    expect(t.foreignKeys).toStrictEqual([{ columns: ['n'], referencedTable: 'p', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' }]);
  });

  it('collapses whitespace in checks, predicates and expression parts', () => {
    expect(t.checks).toStrictEqual([{ expression: 'n > 0 AND (m < 5)', raw: '  n  >  0\n AND ( m < 5 )' }]);
    expect(t.indexes).toStrictEqual([
      { name: 'ix', parts: [{ kind: 'expression', sql: 'lower(e)' }, { kind: 'column', name: 'n' }], unique: false, where: 'e IS NOT NULL' },
    ]);
  });

  it('is idempotent', () => {
    expect(normalizeSqliteSchema(normal)).toStrictEqual(normal);
  });
});

/**
 * The zero-noise guarantee: a table created from the compiled createTable SQL of S, read back and normalized,
 * is exactly normalize(S).
 */
describe('round trip: compile(createTable S) → SQLite → introspect → normalize ≡ normalize(S)', () => {
  const users = createTable({
    name: 'users',
    columns: [
      col('id', 'integer', { nullable: false, autoincrement: true }),
      col('email', 'text', { nullable: false, collation: 'NOCASE' }),
      col('name', 'text', { default: lit("anon's") }),
      col('score', 'real', { nullable: false, default: lit(1.5) }),
      col('balance', 'numeric', { default: lit(-3) }),
      col('avatar', 'blob'),
      col('active', 'integer', { nullable: false, default: lit(true) }),
      col('created_at', 'integer', { default: expr('(unixepoch())') }),
      col('updated_at', 'text', { default: expr('CURRENT_TIMESTAMP') }),
      col('day', 'text', { default: expr('(current_date)') }),
      col('ratio', 'numeric(10, 2)', { default: expr('((0))') }),
      col('nothing', 'text', { default: lit(null) }),
      col('label', 'TEXT', { default: expr("upper('x' || 'y')") }),
      col('flag', 'integer', { default: expr('FALSE') }),
      col('code', 'text(256)', { default: expr("'c'") }),
    ],
    primaryKey: { columns: ['id'] },
    uniques: [{ columns: ['email'] }, { name: 'uq_users_name_score', columns: ['name', 'score'] }],
    checks: [{ expression: 'score >= 0' }, { name: 'ck_users_balance', expression: '"balance"  >  -100' }],
    indexes: [
      { name: 'ix_users_lower_email', parts: [{ kind: 'expression', sql: 'lower("email")' }], unique: true },
      {
        name: 'ix_users_score',
        parts: [
          { kind: 'column', name: 'score', descending: true },
          { kind: 'column', name: 'name' },
        ],
        unique: false,
        where: 'active = 1',
      },
    ],
  });
  const orgs = createTable({
    name: 'orgs',
    columns: [col('id', 'integer'), col('slug', 'text', { nullable: false })],
    primaryKey: { name: 'pk_orgs', columns: ['id'] },
    uniques: [{ name: 'uq_orgs_slug', columns: ['slug'] }],
  });
  const memberships = createTable({
    name: 'memberships',
    columns: [col('user_id', 'integer', { nullable: false }), col('org_id', 'integer', { nullable: false }), col('role', 'text', { default: lit('member') })],
    primaryKey: { columns: ['org_id', 'user_id'] },
    foreignKeys: [
      { columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action', deferred: true },
      { name: 'fk_memberships_org', columns: ['org_id'], referencedTable: 'orgs', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'cascade' },
    ],
    checks: [{ name: 'ck_role', expression: "role IN ('member', 'admin')" }],
    indexes: [{ name: 'ix_memberships_role', parts: [{ kind: 'column', name: 'role' }], unique: false }],
  });
  const target: Schema = { tables: [users, orgs, memberships] };

  it('introspects back to exactly the normalized model', async () => {
    const { connection } = await tempDatabase();
    for (const statement of compileSqlite(target.tables.map((table) => ({ kind: 'createTable', table })))) await connection.execute(statement.sql);
    const current = normalizeSqliteSchema(await introspectSqlite(connection, { exclude: [] }));
    // `raw` is each side's own spelling, kept for DDL only: the canonical forms must be identical.
    expect(withoutRaw(current)).toStrictEqual(withoutRaw(normalizeSqliteSchema(target)));
    expect(normalizeSqliteSchema(current)).toStrictEqual(current);
  });
});

describe('PostgreSQL-only model fields', () => {
  const model: Schema = {
    tables: [
      {
        ...createTable({
          name: 'orders',
          columns: [
            col('id', 'integer', { nullable: false, identity: 'always', comment: 'key' }),
            col('user_id', 'integer', { comment: '' }),
            col('status', 'text'),
          ],
          primaryKey: { columns: ['id'] },
          foreignKeys: [
            { columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action', deferrable: true, referencedSchema: 'auth' },
          ],
          indexes: [{ name: 'ix_orders_status', parts: [{ kind: 'column', name: 'status' }], unique: false, method: 'btree', include: ['user_id'] }],
        }),
        schema: 'sales',
        comment: 'orders placed',
      },
      createTable({ name: 'users', columns: [col('id', 'integer', { nullable: false })], primaryKey: { columns: ['id'] } }),
    ],
    enums: [{ name: 'mood', values: ['happy', 'sad'] }],
  };

  it('are dropped by the normalizer, so SQLite never reports them as drift', async () => {
    const normal = normalizeSqliteSchema(model);
    const orders = normal.tables.find((t) => t.name === 'orders') as Table;
    expect(normal.enums).toBeUndefined();
    expect(orders.schema).toBeUndefined();
    expect(orders.comment).toBeUndefined();
    expect(orders.columns.map((c) => [c.identity, c.comment])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(orders.foreignKeys).toStrictEqual([{ columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' }]);
    expect(orders.indexes).toStrictEqual([{ name: 'ix_orders_status', parts: [{ kind: 'column', name: 'status' }], unique: false }]);
    // The database built from the model reads back as the normalized model: nothing to migrate.
    const { connection } = await tempDatabase();
    const ops = normal.tables.map((table) => ({ kind: 'createTable' as const, table }));
    for (const statement of compileSqlite(ops)) await connection.execute(statement.sql);
    expect(normalizeSqliteSchema(await introspectSqlite(connection, { exclude: [] }))).toStrictEqual(normal);
  });
});

/** Drops the DDL-only `raw` spellings of defaults and checks (types keep theirs: `type.raw` is compared elsewhere). */
function withoutRaw<T>(value: T, key?: string): T {
  if (Array.isArray(value)) return value.map((v) => withoutRaw(v)) as unknown as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !(k === 'raw' && key !== 'type'))
        .map(([k, v]) => [k, withoutRaw(v, k)]),
    ) as T;
  }
  return value;
}
