/**
 * The USING decision checked against the server itself: for every pair of built-in types, the compiled
 * `ALTER COLUMN ... TYPE` never fails for want of a USING clause, and omits USING only where PostgreSQL agrees.
 */
import type { Column } from '@autogen/schema';
import { parseColumnType } from '@autogen/schema';
import { compilePostgres } from '../src/postgres-compiler';
import { castType, serialBaseType, usingCast } from '../src/postgres-type-cast';
import type { PostgresConnection } from '../src/postgres-connection';
import { connect } from './support/connect';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const TYPES = [
  'smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric(10,2)', 'boolean', 'text', 'varchar(20)', 'char(3)',
  'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval', 'json', 'jsonb', 'uuid', 'bytea', 'inet', 'cidr',
  'macaddr', 'text[]', 'integer[]', 'varchar(5)[]', 'mood', '"Other Mood"',
];

const column = (raw: string): Column => ({ name: 'c', type: parseColumnType(raw), nullable: true });

describe('castType and usingCast', () => {
  test('reads the raw spelling, synonyms and arrays included', () => {
    expect(castType(parseColumnType('int4'))).toEqual({ name: 'integer', builtin: true, array: false });
    expect(castType(parseColumnType('character varying(20)[]'))).toEqual({ name: 'varchar', builtin: true, array: true });
    expect(castType({ name: 'timestamptz', args: [3], raw: 'timestamp(3) with time zone' })).toEqual({ name: 'timestamptz', builtin: true, array: false });
    expect(castType({ name: 'integer[]', args: [], raw: 'integer ARRAY' })).toEqual({ name: 'integer', builtin: true, array: true });
    expect(castType({ name: 'audit.level', args: [], raw: '"audit"."level"' })).toEqual({ name: '"audit"."level"', builtin: false, array: false });
    expect(serialBaseType(parseColumnType('BIGSERIAL'))).toBe('bigint');
    expect(serialBaseType(parseColumnType('serial4'))).toBe('integer');
    expect(serialBaseType(parseColumnType('integer'))).toBeUndefined();
  });

  test('USING only where needed', () => {
    expect(usingCast('c', parseColumnType('varchar(10)'), parseColumnType('varchar(3)'))).toBeUndefined();
    expect(usingCast('c', parseColumnType('numeric(10,2)'), parseColumnType('integer'))).toBeUndefined();
    expect(usingCast('c', parseColumnType('jsonb'), parseColumnType('text'))).toBeUndefined();
    expect(usingCast('c', parseColumnType('text'), parseColumnType('jsonb'))).toBe('"c"::jsonb');
    expect(usingCast('My Col', parseColumnType('mood'), parseColumnType('integer'))).toBe('"My Col"::text::integer');
    expect(usingCast('c', parseColumnType('text'), parseColumnType('text[]'))).toBe('"c"::text[]');
  });
});

describe('USING against the server, for every pair of types', () => {
  let db: TestDatabase;
  let connection: PostgresConnection;
  beforeAll(async () => {
    db = await createTestDatabase();
    connection = await connect(db.url);
    await connection.execute(`CREATE TYPE mood AS ENUM ('a'); CREATE TYPE "Other Mood" AS ENUM ('a')`);
  });
  afterAll(async () => {
    await connection.close();
    await db.drop();
  });

  test('no ALTER fails for want of USING, and USING is left out only where PostgreSQL converts alone', async () => {
    const wrong: string[] = [];
    for (const from of TYPES) {
      await connection.execute(`DROP TABLE IF EXISTS t; CREATE TABLE t (c ${from})`);
      for (const to of TYPES) {
        if (from === to) continue;
        const [statement] = compilePostgres([{ kind: 'alterColumn', table: 't', column: 'c', from: column(from), to: column(to), changes: ['type'] }]);
        const sql = statement?.sql ?? '';
        const bare = sql.replace(/ USING .*$/, '');
        const outcome = async (text: string): Promise<string> => {
          await connection.execute('BEGIN');
          try {
            await connection.execute(text);
            return 'ok';
          } catch (error) {
            return (error as Error).message;
          } finally {
            await connection.execute('ROLLBACK');
          }
        };
        const withCompiled = await outcome(sql);
        if (/cannot be cast automatically/.test(withCompiled)) wrong.push(`${from} -> ${to}: missing USING (${sql})`);
        if (sql !== bare) {
          // USING was added: it must have been needed.
          if ((await outcome(bare)) === 'ok') wrong.push(`${from} -> ${to}: needless USING (${sql})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
