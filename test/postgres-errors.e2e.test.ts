/**
 * PostgreSQL connection problems: one clear line naming host, port and database, exit 2, and never the password
 * (which may come from the config, DATABASE_URL or --url).
 */
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, makeProject, writeFiles } from './support/cli';

const SCHEMA = `import { integer, pgTable } from 'drizzle-orm/pg-core';\nexport const t = pgTable('t', { id: integer('id').primaryKey() });\n`;
const SECRET = 'Sup3r-S3cret-pw';

function project(url?: string): string {
  const dir = makeProject('pg-errors');
  writeFiles(dir, {
    'autogen.config.ts': `export default { dialect: 'postgresql', ${url ? `url: '${url}', ` : ''}adapter: 'drizzle', models: ['./src/schema.ts'] };\n`,
    'src/schema.ts': SCHEMA,
  });
  return dir;
}

describe('PostgreSQL connection errors', () => {
  test('refused connection names host and port, not the password', () => {
    const dir = project(`postgres://app:${SECRET}@127.0.0.1:1/appdb`);
    const run = autogen(dir, ['check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('127.0.0.1');
    expect(run.stderr).toContain(':1');
    expect(run.stderr).toContain('appdb');
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    const verbose = autogen(dir, ['check', '--verbose']);
    expect(verbose.stderr).not.toContain(SECRET);
  });

  test('a missing database is named; the password from DATABASE_URL or --url never shows', async () => {
    // A database name the test server (a real one, or the embedded one) does not have.
    const db: TestDatabase = await createTestDatabase();
    try {
      const missing = new URL(db.url);
      missing.username = 'postgres';
      missing.password = SECRET;
      missing.pathname = '/autogen_no_such_db';
      const url = missing.toString();
      const dir = project();
      for (const run of [autogen(dir, ['check'], { DATABASE_URL: url }), autogen(dir, ['current', '--url', url, '--verbose'])]) {
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('autogen_no_such_db');
        expect(run.stderr).toMatch(/database not found/);
        expect(run.stderr).toContain('create it first');
        expect(run.stderr + run.stdout).not.toContain(SECRET);
      }
    } finally {
      await db.drop();
    }
  });
});
