/**
 * Faults while the real binary migrates a PostgreSQL database: the process killed (SIGKILL) after every statement
 * of a revision (AUTOGEN_FAILPOINT testing aid) and for real while a statement runs, its backend terminated
 * (`pg_terminate_backend`) mid-revision, and a CONCURRENTLY revision interrupted. A transactional revision must
 * leave the database exactly at the previous revision or the next one (schema, version table, revision log,
 * rows), the migration lock must not outlive the process, and the next `autogen upgrade head` must complete with
 * `autogen check` clean.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, BIN, makeProject, writeFiles, type CliRun } from './support/cli';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CONFIG = `export default { dialect: 'postgresql', adapter: 'drizzle', models: ['./src/schema.ts'] };\n`;

const SCHEMA = (v2: boolean): string => `
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
export const notes = pgTable('notes', {
  id: integer('id').primaryKey(),
  body: text('body'),
  ${v2 ? "title: text('title').notNull().default('untitled')," : ''}
}${v2 ? ", (t) => [index('notes_body_idx').on(t.body)]" : ''});
${v2 ? "export const tags = pgTable('tags', { id: integer('id').primaryKey(), noteId: integer('note_id').references(() => notes.id, { onDelete: 'cascade' }) });" : ''}
`;

/** Schema (columns, constraints, indexes with validity), version table, revision log, rows, advisory locks. */
async function snapshot(db: TestDatabase): Promise<unknown> {
  const logExists = (await db.exec("SELECT to_regclass('autogen_revision_log') IS NOT NULL AS e"))[0]?.e;
  const tagsExist = (await db.exec("SELECT to_regclass('tags') IS NOT NULL AS e"))[0]?.e;
  return {
    columns: await db.exec(
      "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2",
    ),
    constraints: await db.exec(
      "SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2",
    ),
    indexes: await db.exec(
      "SELECT c.relname, i.indisvalid, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1",
    ),
    version: await db.exec('SELECT version_num FROM autogen_version ORDER BY 1'),
    log: logExists ? await db.exec('SELECT revision, checksum FROM autogen_revision_log ORDER BY applied_at, revision') : [],
    notes: await db.exec('SELECT * FROM notes ORDER BY id'),
    tags: tagsExist ? await db.exec('SELECT * FROM tags ORDER BY id') : null,
  };
}

/** Advisory locks held in the test database (other test runs on the same server hold their own meanwhile). */
const advisoryLocks = async (db: TestDatabase): Promise<number> =>
  Number(
    (await db.exec("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))[0]?.n,
  );

/** The binary started in the background. */
function start(cwd: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv): { done: Promise<CliRun & { signal: NodeJS.Signals | null }>; pid: number } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, stdout, stderr, signal })));
  return { done, pid: child.pid as number };
}

/** Waits until `probe` returns a value (polling), or fails. */
async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pid of the autogen backend running a query that matches `pattern`. */
const autogenBackend = (db: TestDatabase, pattern: string) => async (): Promise<number | undefined> => {
  const [row] = await db.exec(
    "SELECT pid FROM pg_stat_activity WHERE application_name = 'autogen' AND datname = current_database() AND state = 'active' AND query LIKE $1",
    [pattern],
  );
  return row ? Number(row.pid) : undefined;
};

describe('PostgreSQL faults', () => {
  let db: TestDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let atInit: unknown;
  let atV2: unknown;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The backend of the CLI must be a session of its own (pg_terminate_backend, lock release): a real server.
    expect(db.capabilities.sessionIsolation).toBe(true);
    dir = makeProject('faults-postgres');
    env = { DATABASE_URL: db.url };
    writeFiles(dir, { 'autogen.config.ts': CONFIG, 'src/schema.ts': SCHEMA(false) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--rev-id', 'init00000001'], env).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head'], env).code).toBe(0);
    await db.exec("INSERT INTO notes (id, body) VALUES (1, 'one'), (2, 'two')");
    atInit = await snapshot(db);
    writeFiles(dir, { 'src/schema.ts': SCHEMA(true) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'v2', '--rev-id', 'v20000000002'], env).code).toBe(0);
    // A hand-written revision whose data change is followed by a statement that runs as long as the test wants.
    expect(autogen(dir, ['revision', '-m', 'slow', '--rev-id', 'slow00000003'], env).code).toBe(0);
    const file = join(dir, 'migrations', readdirSync(join(dir, 'migrations')).find((f) => f.includes('slow00000003')) as string);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /export function upgrade\(op: Operations\): void \{[^}]*\}/,
        `export function upgrade(op: Operations): void {
  op.execute("INSERT INTO notes (id, body) VALUES (100, 'slow')", 'DELETE FROM notes WHERE id = 100');
  op.execute(\`SELECT pg_sleep(\${Number(process.env.SLOW_SECONDS ?? 0)})\`);
}`,
      ),
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  test('SIGKILL after each statement of a revision: previous or next revision, never between, lock released', async () => {
    let killed = 0;
    for (let n = 1; n < 40; n++) {
      // --lock-timeout: a migration lock left behind by the killed run would make this exit 3 instead of hanging.
      const r = spawnSync(process.execPath, [BIN, 'upgrade', 'v20000000002', '--lock-timeout', '5'], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', ...env, AUTOGEN_FAILPOINT: `statement:${n}` },
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (r.signal !== 'SIGKILL') {
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        break;
      }
      killed++;
      expect(await snapshot(db)).toEqual(atInit);
      await waitFor(async () => ((await advisoryLocks(db)) === 0 ? true : undefined), 'the killed run\'s lock to go');
    }
    // add column, create table, foreign key, index, version move, revision log: at least 5 statements.
    expect(killed).toBeGreaterThanOrEqual(5);
    atV2 = await snapshot(db);
    expect(atV2).toMatchObject({ version: [{ version_num: 'v20000000002' }], indexes: expect.arrayContaining([expect.objectContaining({ relname: 'notes_body_idx' })]) });
    expect(autogen(dir, ['downgrade', 'init00000001'], env).code).toBe(0);
    expect(await snapshot(db)).toEqual(atInit);
    for (const [point, expected] of [['revision:before-commit', atInit], ['revision:after-commit', atV2]] as const) {
      const r = spawnSync(process.execPath, [BIN, 'upgrade', 'v20000000002', '--lock-timeout', '5'], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', ...env, AUTOGEN_FAILPOINT: point },
        encoding: 'utf8',
      });
      expect(r.signal).toBe('SIGKILL');
      expect(await snapshot(db)).toEqual(expected);
      await waitFor(async () => ((await advisoryLocks(db)) === 0 ? true : undefined), 'the killed run\'s lock to go');
    }
    expect(autogen(dir, ['upgrade', 'v20000000002', '--lock-timeout', '5'], env).code).toBe(0);
    expect(await snapshot(db)).toEqual(atV2);
  });

  test('real SIGKILL while a statement runs: rolled back, and the server ends the orphaned backend and its lock within seconds', async () => {
    expect(await snapshot(db)).toEqual(atV2);
    const run = start(dir, ['upgrade', 'head'], { ...env, SLOW_SECONDS: '60' });
    const backend = await waitFor(autogenBackend(db, '%pg_sleep%'), 'the revision to be running pg_sleep');
    process.kill(run.pid, 'SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    // Regression: without client_connection_check_interval the backend went on sleeping for the whole minute,
    // holding the migration lock, so the next upgrade hung.
    const started = Date.now();
    await waitFor(async () => ((await db.exec('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [backend])).length === 0 ? true : undefined), 'the backend to end', 15_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await advisoryLocks(db)).toBe(0);
    expect(await snapshot(db)).toEqual(atV2);
  });

  test('pg_terminate_backend mid-revision: exit 2 saying the connection was lost and the revision rolled back; the next upgrade completes', async () => {
    expect(await snapshot(db)).toEqual(atV2);
    const run = start(dir, ['upgrade', 'head'], { ...env, SLOW_SECONDS: '60' });
    const backend = await waitFor(autogenBackend(db, '%pg_sleep%'), 'the revision to be running pg_sleep');
    await db.exec('SELECT pg_terminate_backend($1)', [backend]);
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('v20000000002 -> slow00000003 slow ...');
    expect(r.stderr).toContain('error: the connection to the database was lost during revision v20000000002 -> slow00000003 (slow)');
    expect(r.stderr).toContain('revision v20000000002 -> slow00000003 (slow) was rolled back, nothing of it was applied');
    expect(r.stderr).toMatch(/hint: find out why the session ended .* Revisions before it stay applied/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr).not.toContain('--verbose');
    expect(await advisoryLocks(db)).toBe(0);
    expect(await snapshot(db)).toEqual(atV2);
    const again = autogen(dir, ['upgrade', 'head', '--lock-timeout', '5'], env);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(await db.exec('SELECT id, body FROM notes WHERE id = 100')).toEqual([{ id: 100, body: 'slow' }]);
    const check = autogen(dir, ['check'], env);
    expect(check.code).toBe(0);
  });
});

describe('PostgreSQL faults: CONCURRENTLY revisions (outside a transaction)', () => {
  let db: TestDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const indexState = async (): Promise<unknown> => ({
    index: await db.exec("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass('notes_body_idx')"),
    version: await db.exec('SELECT version_num FROM autogen_version'),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    expect(db.capabilities.sessionIsolation).toBe(true);
    dir = makeProject('faults-postgres-concurrently');
    env = { DATABASE_URL: db.url };
    writeFiles(dir, { 'autogen.config.ts': CONFIG, 'src/schema.ts': SCHEMA(false) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--rev-id', 'init00000001'], env).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head'], env).code).toBe(0);
    await db.exec("INSERT INTO notes (id, body) SELECT g, 'n' || g FROM generate_series(1, 1000) g");
    writeFiles(dir, {
      'src/schema.ts': `
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
export const notes = pgTable('notes', { id: integer('id').primaryKey(), body: text('body') }, (t) => [index('notes_body_idx').on(t.body)]);
`,
    });
    const gen = autogen(dir, ['revision', '--autogenerate', '-m', 'index body', '--rev-id', 'index0000002', '--concurrent-indexes'], env);
    expect(gen.code).toBe(0);
  });
  afterAll(async () => {
    await db.drop();
  });

  test('regression: killed after CREATE INDEX CONCURRENTLY but before the version move, the next upgrade no longer fails on "already exists"', async () => {
    const r = spawnSync(process.execPath, [BIN, 'upgrade', 'head'], { cwd: dir, env: { ...process.env, ...env, AUTOGEN_FAILPOINT: 'statement:1' }, encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    // In between by design (no transaction): the index is built, the version not moved.
    expect(await indexState()).toEqual({ index: [{ indisvalid: true }], version: [{ version_num: 'init00000001' }] });
    const again = autogen(dir, ['upgrade', 'head', '--lock-timeout', '5'], env);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(await indexState()).toEqual({ index: [{ indisvalid: true }], version: [{ version_num: 'index0000002' }] });
    expect(autogen(dir, ['check'], env).code).toBe(0);
    // Same for the reverse: killed after DROP INDEX CONCURRENTLY, the next downgrade does not fail on "does not exist".
    const down = spawnSync(process.execPath, [BIN, 'downgrade', 'init00000001'], { cwd: dir, env: { ...process.env, ...env, AUTOGEN_FAILPOINT: 'statement:1' }, encoding: 'utf8' });
    expect(down.signal).toBe('SIGKILL');
    expect(await indexState()).toEqual({ index: [], version: [{ version_num: 'index0000002' }] });
    const downAgain = autogen(dir, ['downgrade', 'init00000001', '--lock-timeout', '5'], env);
    expect(downAgain.stderr).toBe('');
    expect(downAgain.code).toBe(0);
    expect(await indexState()).toEqual({ index: [], version: [{ version_num: 'init00000001' }] });
  });

  test('regression: an INVALID index left by an interrupted CREATE INDEX CONCURRENTLY is dropped and rebuilt by the next upgrade', async () => {
    expect(await indexState()).toEqual({ index: [], version: [{ version_num: 'init00000001' }] });
    // An open writing transaction makes CREATE INDEX CONCURRENTLY wait after it created the (still invalid) index.
    const { Client } = await import('pg');
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query("UPDATE notes SET body = body WHERE id = 1");
      const run = start(dir, ['upgrade', 'head'], env);
      const backend = await waitFor(autogenBackend(db, 'CREATE INDEX CONCURRENTLY%'), 'CREATE INDEX CONCURRENTLY to wait');
      await waitFor(async () => ((await indexState()) as { index: unknown[] }).index.length ? true : undefined, 'the invalid index');
      await db.exec('SELECT pg_terminate_backend($1)', [backend]);
      const r = await run.done;
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error: the connection to the database was lost during revision init00000001 -> index0000002 (index body)');
      expect(r.stderr).toContain('runs outside a transaction');
      expect(r.stderr).toContain('the next upgrade drops and rebuilds it');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(await indexState()).toEqual({ index: [{ indisvalid: false }], version: [{ version_num: 'init00000001' }] });
    const again = autogen(dir, ['upgrade', 'head', '--lock-timeout', '5'], env);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(await indexState()).toEqual({ index: [{ indisvalid: true }], version: [{ version_num: 'index0000002' }] });
    expect(autogen(dir, ['check'], env).code).toBe(0);
  });
});
