/**
 * Each `alterColumn` change, applied to a real table holding rows: the rows survive, converted.
 */
import type { PostgresConnection } from '../src/postgres-connection';
import type { AlterColumnOp, ColumnChange } from '@autogen/ops';
import type { Column } from '@autogen/schema';
import { parseColumnType } from '@autogen/schema';
import { applyPostgresRevision } from '../src/postgres-apply';
import { connect } from './support/connect';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const column = (name: string, raw: string, extra: Partial<Column> = {}): Column => ({
  name,
  type: parseColumnType(raw),
  nullable: true,
  ...extra,
});

const alter = (table: string, from: Column, to: Column, changes: ReadonlyArray<ColumnChange>): AlterColumnOp => ({
  kind: 'alterColumn',
  table,
  column: from.name,
  from,
  to,
  changes,
});

describe('alterColumn on a table with rows', () => {
  let db: TestDatabase;
  let connection: PostgresConnection;
  const apply = (...ops: AlterColumnOp[]): Promise<void> => applyPostgresRevision(connection, { label: 'test', ops, versionStatements: [] });
  const values = async (sql: string): Promise<ReadonlyArray<unknown>> => (await db.exec(sql)).map((r) => Object.values(r)[0]);

  beforeAll(async () => {
    db = await createTestDatabase();
    connection = await connect(db.url);
    await db.exec(`CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TYPE "Other Mood" AS ENUM ('ok', 'sad', 'meh')`);
  });
  afterAll(async () => {
    await connection.close();
    await db.drop();
  });

  beforeEach(async () => {
    await db.exec(`DROP TABLE IF EXISTS t; CREATE TABLE t (id integer PRIMARY KEY, a text, b integer, c varchar(10), d mood)`);
    await db.exec(`INSERT INTO t VALUES (1, '10', 0, 'one', 'sad'), (2, '20', 1, 'two', 'ok'), (3, NULL, NULL, NULL, NULL)`);
  });

  test('text -> integer (USING) keeps the values', async () => {
    await apply(alter('t', column('a', 'text'), column('a', 'integer'), ['type']));
    expect(await values('SELECT a FROM t ORDER BY id')).toEqual([10, 20, null]);
  });

  test('integer -> boolean (USING) and integer -> bigint', async () => {
    await apply(alter('t', column('b', 'integer'), column('b', 'boolean'), ['type']), alter('t', column('id', 'integer', { nullable: false }), column('id', 'bigint', { nullable: false }), ['type']));
    expect(await values('SELECT b FROM t ORDER BY id')).toEqual([false, true, null]);
    expect(await values(`SELECT data_type FROM information_schema.columns WHERE table_name = 't' AND column_name = 'id'`)).toEqual(['bigint']);
  });

  test('varchar -> enum, enum -> text, enum -> another enum', async () => {
    await db.exec(`UPDATE t SET c = 'ok' WHERE id = 1`);
    await db.exec(`UPDATE t SET c = 'sad' WHERE id = 2`);
    await apply(
      alter('t', column('c', 'varchar(10)'), column('c', 'mood'), ['type']),
      alter('t', column('d', 'mood'), column('d', '"Other Mood"'), ['type']),
    );
    expect(await db.exec('SELECT c::text, d::text FROM t ORDER BY id')).toEqual([
      { c: 'ok', d: 'sad' },
      { c: 'sad', d: 'ok' },
      { c: null, d: null },
    ]);
    await apply(alter('t', column('c', 'mood'), column('c', 'text'), ['type']));
    expect(await values(`SELECT data_type FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'`)).toEqual(['text']);
  });

  test('shrinking a varchar fails instead of truncating (no USING), and rolls back', async () => {
    await db.exec(`UPDATE t SET c = 'longer' WHERE id = 1`);
    await expect(apply(alter('t', column('c', 'varchar(10)'), column('c', 'varchar(3)'), ['type']))).rejects.toThrow(/value too long/);
    expect(await values('SELECT c FROM t ORDER BY id')).toEqual(['longer', 'two', null]);
  });

  test('a type change with a default: dropped, converted, new default set', async () => {
    await db.exec(`ALTER TABLE t ALTER COLUMN a SET DEFAULT '5'`);
    await apply(alter('t', column('a', 'text', { default: { kind: 'literal', value: '5' } }), column('a', 'integer', { default: { kind: 'literal', value: 7 } }), ['type', 'default']));
    await db.exec('INSERT INTO t (id) VALUES (4)');
    expect(await values('SELECT a FROM t ORDER BY id')).toEqual([10, 20, null, 7]);
  });

  test('nullable, default and comment', async () => {
    const from = column('b', 'integer');
    await db.exec('UPDATE t SET b = 9 WHERE b IS NULL');
    await apply(alter('t', from, column('b', 'integer', { nullable: false, default: { kind: 'literal', value: 3 }, comment: "it's b" }), ['nullable', 'default', 'comment']));
    await db.exec('INSERT INTO t (id) VALUES (4)');
    expect(await values('SELECT b FROM t ORDER BY id')).toEqual([0, 1, 9, 3]);
    expect(await values(`SELECT col_description('t'::regclass, 3)`)).toEqual(["it's b"]);
    await expect(db.exec('INSERT INTO t (id, b) VALUES (5, NULL)')).rejects.toThrow(/null value/);
    await apply(alter('t', column('b', 'integer', { nullable: false, default: { kind: 'literal', value: 3 }, comment: 'x' }), from, ['nullable', 'default', 'comment']));
    await db.exec('INSERT INTO t (id) VALUES (5)');
    expect(await values('SELECT b FROM t WHERE id = 5')).toEqual([null]);
    expect(await values(`SELECT col_description('t'::regclass, 3)`)).toEqual([null]);
  });

  test('collation', async () => {
    await apply(alter('t', column('c', 'varchar(10)'), column('c', 'varchar(10)', { collation: 'C' }), ['collation']));
    expect(await values(`SELECT collation_name FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'`)).toEqual(['C']);
    expect(await values('SELECT c FROM t ORDER BY id')).toEqual(['one', 'two', null]);
  });

  test('identity: added past the existing values, switched, dropped', async () => {
    const plain = column('id', 'integer', { nullable: false });
    const always = column('id', 'integer', { nullable: false, identity: 'always' });
    const byDefault = column('id', 'integer', { nullable: false, identity: 'by default' });
    await apply(alter('t', plain, always, ['identity']));
    await db.exec(`INSERT INTO t (a) VALUES ('new')`);
    expect(await values('SELECT id FROM t ORDER BY id')).toEqual([1, 2, 3, 4]);
    await expect(db.exec(`INSERT INTO t (id) VALUES (10)`)).rejects.toThrow(/non-DEFAULT value/);
    await apply(alter('t', always, byDefault, ['identity']));
    await db.exec(`INSERT INTO t (id) VALUES (10)`);
    await apply(alter('t', byDefault, plain, ['identity']));
    expect(await values(`SELECT is_identity FROM information_schema.columns WHERE table_name = 't' AND column_name = 'id'`)).toEqual(['NO']);
    expect(await values('SELECT count(*)::int FROM t')).toEqual([5]);
  });

  test('integer -> serial: a sequence owned by the column, past the existing values; serial -> bigserial; serial -> integer drops it', async () => {
    const plain = column('id', 'integer', { nullable: false });
    const serial = column('id', 'serial', { nullable: false });
    const bigserial = column('id', 'bigserial', { nullable: false });
    await apply(alter('t', plain, serial, ['type']));
    await db.exec(`INSERT INTO t (a) VALUES ('new')`);
    expect(await values('SELECT id FROM t ORDER BY id')).toEqual([1, 2, 3, 4]);
    expect(await values(`SELECT pg_get_serial_sequence('t', 'id')`)).toEqual(['public.t_id_seq']);

    await apply(alter('t', serial, bigserial, ['type']));
    expect(await values(`SELECT data_type FROM information_schema.sequences WHERE sequence_name = 't_id_seq'`)).toEqual(['bigint']);
    expect(await values(`SELECT data_type FROM information_schema.columns WHERE table_name = 't' AND column_name = 'id'`)).toEqual(['bigint']);
    await db.exec(`INSERT INTO t (a) VALUES ('newer')`);
    expect(await values('SELECT max(id)::int FROM t')).toEqual([5]);

    await apply(alter('t', bigserial, column('id', 'integer', { nullable: false }), ['type']));
    expect(await values(`SELECT count(*)::int FROM pg_class WHERE relkind = 'S'`)).toEqual([0]);
    expect(await values(`SELECT column_default FROM information_schema.columns WHERE table_name = 't' AND column_name = 'id'`)).toEqual([null]);
    expect(await values('SELECT id FROM t ORDER BY id')).toEqual([1, 2, 3, 4, 5]);
  });

  test('serial -> identity and back', async () => {
    const serial = column('id', 'serial', { nullable: false });
    const identity = column('id', 'integer', { nullable: false, identity: 'always' });
    await db.exec('DROP TABLE IF EXISTS s; CREATE TABLE s (id serial PRIMARY KEY, v text); INSERT INTO s (v) VALUES (1), (2)');
    await apply(alter('s', serial, identity, ['type', 'identity']));
    await db.exec(`INSERT INTO s (v) VALUES ('3')`);
    expect(await values('SELECT id FROM s ORDER BY id')).toEqual([1, 2, 3]);
    expect(await values(`SELECT count(*)::int FROM pg_class WHERE relname = 's_id_seq'`)).toEqual([1]); // the identity's own sequence
    expect(await values(`SELECT is_identity FROM information_schema.columns WHERE table_name = 's' AND column_name = 'id'`)).toEqual(['YES']);
    await apply(alter('s', identity, serial, ['type', 'identity']));
    await db.exec(`INSERT INTO s (v) VALUES ('4')`);
    expect(await values('SELECT id FROM s ORDER BY id')).toEqual([1, 2, 3, 4]);
    expect(await values(`SELECT pg_get_serial_sequence('s', 'id')`)).toEqual(['public.s_id_seq']);
    expect(await values(`SELECT is_identity FROM information_schema.columns WHERE table_name = 's' AND column_name = 'id'`)).toEqual(['NO']);
  });

  test('a renamed serial table: the sequence is found by ownership, not by name', async () => {
    await db.exec('DROP TABLE IF EXISTS s2; CREATE TABLE s1 (id serial PRIMARY KEY); INSERT INTO s1 DEFAULT VALUES; ALTER TABLE s1 RENAME TO s2');
    await apply(alter('s2', column('id', 'serial', { nullable: false }), column('id', 'integer', { nullable: false }), ['type']));
    expect(await values(`SELECT count(*)::int FROM pg_class WHERE relname = 's1_id_seq'`)).toEqual([0]);
    expect(await values('SELECT id FROM s2')).toEqual([1]);
  });

  test('timestamp -> timestamptz and date -> timestamp need no USING and keep the values', async () => {
    await db.exec(`DROP TABLE IF EXISTS times; CREATE TABLE times (a timestamp, b date); INSERT INTO times VALUES ('2024-01-02 03:04:05', '2024-05-06')`);
    await apply(alter('times', column('a', 'timestamp'), column('a', 'timestamptz(3)'), ['type']), alter('times', column('b', 'date'), column('b', 'timestamp'), ['type']));
    expect(await db.exec(`SELECT to_char(a AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD HH24:MI:SS') AS a, to_char(b, 'YYYY-MM-DD HH24:MI') AS b FROM times`)).toEqual([
      { a: '2024-01-02 03:04:05', b: '2024-05-06 00:00' },
    ]);
  });
});
