/**
 * PostgreSQL: several `autogen upgrade head` processes started together apply each revision exactly once (an
 * advisory lock serializes them), and `--concurrent-indexes` writes a non-transactional revision that works.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, testDatabaseCapabilities, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, BIN, makeProject, writeFiles } from './support/cli';

const SCHEMA = (indexed: boolean): string => `
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
export const notes = pgTable('notes', { id: integer('id').primaryKey(), body: text('body') }${indexed ? ", (t) => [index('notes_body_idx').on(t.body)]" : ''});
`;

function run(cwd: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The processes must be separate sessions for the advisory lock to serialize them; embedded PGlite has one session. */
const withSessionIsolation = testDatabaseCapabilities().sessionIsolation ? test : test.skip;

describe('PostgreSQL concurrency', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  withSessionIsolation('eight processes upgrading at once apply each revision once (needs a real PostgreSQL server)', async () => {
    const dir = makeProject('pg-concurrent');
    writeFiles(dir, {
      'autogen.config.ts': `export default { dialect: 'postgresql', adapter: 'drizzle', models: ['./src/schema.ts'] };\n`,
      'src/schema.ts': SCHEMA(false),
    });
    const env = { DATABASE_URL: db.url };
    expect(autogen(dir, ['--message', 'init'], env).code).toBe(0);
    expect(autogen(dir, ['revision', '-m', 'slow data', '--rev-id', 'slowdata0001'], env).code).toBe(0);
    const file = join(dir, 'migrations', readdirSync(join(dir, 'migrations')).find((f) => f.includes('slowdata0001'))!);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /export function upgrade\(op: Operations\): void \{[^}]*\}/,
        `export function upgrade(op: Operations): void {\n  op.execute("SELECT pg_sleep(0.5)");\n  op.execute("INSERT INTO notes (id, body) SELECT coalesce(max(id), 0) + 1, 'applied' FROM notes", 'DELETE FROM notes');\n}`,
      ),
    );
    const runs = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => run(dir, ['upgrade', 'head'], env)));
    for (const r of runs) {
      // The processes that wait say so, once; nothing else on stderr.
      expect(r.stderr.replace(/^waiting for the migration lock held by .* \.\.\.\n/, '')).toBe('');
      expect(r.code).toBe(0);
    }
    const applied = runs.filter((r) => r.stdout.includes('slow data')).length;
    expect(applied).toBe(1);
    expect(await db.exec('SELECT body FROM notes')).toEqual([{ body: 'applied' }]);
    expect(await db.exec('SELECT version_num FROM autogen_version')).toEqual([{ version_num: 'slowdata0001' }]);
  });

  test('--concurrent-indexes: CREATE INDEX CONCURRENTLY in a revision marked non-transactional', async () => {
    const dir = makeProject('pg-concurrently');
    const env = { DATABASE_URL: db.url };
    await db.exec('DROP TABLE IF EXISTS notes; DROP TABLE IF EXISTS autogen_version; DROP TABLE IF EXISTS autogen_revision_log');
    writeFiles(dir, {
      'autogen.config.ts': `export default { dialect: 'postgresql', adapter: 'drizzle', models: ['./src/schema.ts'] };\n`,
      'src/schema.ts': SCHEMA(false),
    });
    expect(autogen(dir, ['--message', 'init'], env).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head'], env).code).toBe(0);
    writeFiles(dir, { 'src/schema.ts': SCHEMA(true) });
    const gen = autogen(dir, ['revision', '--autogenerate', '-m', 'index body', '--concurrent-indexes'], env);
    expect(gen.code).toBe(0);
    const source = readFileSync(join(dir, 'migrations', readdirSync(join(dir, 'migrations')).find((f) => f.endsWith('_index_body.ts'))!), 'utf8');
    expect(source).toContain('export const transactional = false;');
    expect(source).toContain('concurrently: true');
    const sql = autogen(dir, ['upgrade', 'head', '--sql'], env);
    expect(sql.stdout).toContain('CREATE INDEX CONCURRENTLY "notes_body_idx"');
    const up = autogen(dir, ['upgrade', 'head'], env);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(autogen(dir, ['check'], env).code).toBe(0);
    expect(autogen(dir, ['downgrade', '-1'], env).code).toBe(0);
    expect(await db.exec("SELECT indexname FROM pg_indexes WHERE indexname = 'notes_body_idx'")).toEqual([]);
  });
});
