/**
 * Round trip on PostgreSQL over a fixture that uses every supported type and constraint (fixtures/pg-kitchen-sink):
 * a generated revision creates it, `check` is clean, `--message` finds no changes, and downgrade to base leaves an
 * empty schema.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, makeProject, ROOT } from './support/cli';

describe('PostgreSQL round trip (fixtures/pg-kitchen-sink)', () => {
  let db: TestDatabase;
  const dir = makeProject('pg-roundtrip');
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.exec('CREATE SCHEMA audit');
    cpSync(join(ROOT, 'fixtures', 'pg-kitchen-sink'), dir, { recursive: true });
  });
  afterAll(async () => {
    await db.drop();
  });

  test('create from the models, check clean, no noise, down to base and up again', async () => {
    const env = { DATABASE_URL: db.url };
    const init = autogen(dir, ['--message', 'init'], env);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('create enum mood');
    const up = autogen(dir, ['upgrade', 'head'], env);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const again = autogen(dir, ['--verbose', '--message', 'again'], env);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('No changes');
    expect(autogen(dir, ['check'], env).code).toBe(0);

    // the database really has the details
    const odd = await db.exec(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Order Items' ORDER BY ordinal_position`);
    expect(odd.map((r) => r.column_name)).toEqual(['id', 'user', 'Weird "Name"', 'MixedCase']);
    await db.exec(`INSERT INTO accounts (email, handle) VALUES ('a@x', 'Ann')`);
    const row = (await db.exec('SELECT country, balance, active, mood, tags, settings FROM accounts'))[0]!;
    expect(row).toEqual({ country: 'NL', balance: '0.00', active: true, mood: 'ok', tags: [], settings: { theme: 'dark' } });

    const down = autogen(dir, ['downgrade', 'base'], env);
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    const tables = await db.exec(`SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'audit') ORDER BY 1, 2`);
    expect(tables).toEqual([
      { schemaname: 'public', tablename: 'autogen_revision_log' },
      { schemaname: 'public', tablename: 'autogen_version' },
    ]);
    const types = await db.exec(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname IN ('public', 'audit') AND t.typtype = 'e'`);
    expect(types).toEqual([]);
    expect(autogen(dir, ['upgrade', 'head'], env).code).toBe(0);
    expect(autogen(dir, ['check'], env).code).toBe(0);
  });
});
