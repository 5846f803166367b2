/**
 * The migration lock held by another session, through the real binary on both dialects: `--lock-timeout N`
 * gives up after N seconds with exit 3 ("lock not acquired") and changes nothing; without it, autogen says once
 * on stderr who holds the lock and waits until it is released, then migrates.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { AUTOGEN_ADVISORY_LOCK_KEY } from '../packages/dialect-postgres/src/postgres-lock';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, BIN, drizzleSqliteConfig, makeProject, writeFiles, type CliRun } from './support/cli';

/** The real binary, started without waiting for it (spawnSync would block the lock holder in this process). */
function start(cwd: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = {}): { done: Promise<CliRun>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { done, stderr: () => stderr };
}

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const WAITING = /^waiting for the migration lock held by (.*): another autogen run is migrating this database/m;

describe('lock timeout: SQLite (exclusive transaction on <db>-autogen-lock)', () => {
  const SCHEMA = (withTags: boolean): string => `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const notes = sqliteTable('notes', { id: integer('id').primaryKey(), body: text('body') });
${withTags ? "export const tags = sqliteTable('tags', { id: integer('id').primaryKey(), name: text('name') });" : ''}
`;
  let dir: string;
  let holder: Database.Database | undefined;

  const state = (): unknown => {
    const db = new Database(join(dir, 'app.db'), { readonly: true });
    try {
      return {
        tables: db.prepare("SELECT name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all(),
        version: db.prepare('SELECT version_num FROM autogen_version ORDER BY 1').all(),
        notes: db.prepare('SELECT * FROM notes ORDER BY id').all(),
      };
    } finally {
      db.close();
    }
  };
  const hold = (): void => {
    holder = new Database(join(dir, 'app.db-autogen-lock'));
    holder.exec('BEGIN EXCLUSIVE');
  };
  const release = (): void => {
    holder?.exec('COMMIT');
    holder?.close();
    holder = undefined;
  };

  beforeAll(() => {
    dir = makeProject('lock-sqlite');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA(false) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--rev-id', 'init00000001']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    new Database(join(dir, 'app.db')).exec("INSERT INTO notes (id, body) VALUES (1, 'kept')");
    writeFiles(dir, { 'src/schema.ts': SCHEMA(true) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'tags', '--rev-id', 'tags00000002']).code).toBe(0);
  });
  afterEach(release);

  test('--lock-timeout 1: exit 3 after about a second, naming the holder (this test process), nothing changed', () => {
    const before = state();
    hold();
    const started = Date.now();
    const r = autogen(dir, ['upgrade', 'head', '--lock-timeout', '1']);
    const seconds = (Date.now() - started) / 1000;
    expect(r.code).toBe(3);
    expect(r.stderr.match(WAITING)?.[1]).toMatch(new RegExp(`^pid ${process.pid}\\b`));
    expect(r.stderr.match(/waiting for the migration lock/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/\(at most 1 s\) \.\.\./);
    expect(r.stderr).toContain(`error: the migration lock was not acquired within 1 s: it is held by pid ${process.pid}`);
    expect(r.stderr).toContain('nothing was changed');
    expect(r.stderr).toContain('hint: another autogen process is migrating this database');
    expect(r.stderr).not.toContain('--verbose');
    expect(r.stdout).toBe('');
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThan(15);
    release();
    expect(state()).toEqual(before);
  });

  test('downgrade and stamp take --lock-timeout too; 0 does not wait', () => {
    const before = state();
    hold();
    const down = autogen(dir, ['downgrade', 'base', '--lock-timeout', '0']);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('the migration lock was not acquired within 0 s');
    const stamp = autogen(dir, ['stamp', 'head', '--lock-timeout', '0.5']);
    expect(stamp.code).toBe(3);
    expect(stamp.stderr).toContain('the migration lock was not acquired within 0.5 s');
    release();
    expect(state()).toEqual(before);
  });

  test('a bad --lock-timeout is a usage error (exit 2)', () => {
    const r = autogen(dir, ['upgrade', 'head', '--lock-timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lock-timeout soon: not a number of seconds');
  });

  test('without --lock-timeout: says once that it waits, then migrates when the lock is released', async () => {
    hold();
    const run = start(dir, ['upgrade', 'head']);
    await until(() => WAITING.test(run.stderr()), 'the waiting message');
    await sleep(1000);
    expect(state()).toMatchObject({ version: [{ version_num: 'init00000001' }] });
    release();
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('init00000001 -> tags00000002 tags');
    expect(r.stderr.match(/waiting for the migration lock/g)).toHaveLength(1);
    expect(r.stderr).not.toContain('(at most');
    expect(state()).toMatchObject({ version: [{ version_num: 'tags00000002' }], notes: [{ id: 1, body: 'kept' }] });
  });
});

describe('lock timeout: PostgreSQL (advisory lock)', () => {
  const SCHEMA = (withTags: boolean): string => `
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
export const notes = pgTable('notes', { id: integer('id').primaryKey(), body: text('body') });
${withTags ? "export const tags = pgTable('tags', { id: integer('id').primaryKey(), name: text('name') });" : ''}
`;
  let db: TestDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let holder: Client | undefined;
  let holderPid: number;

  const state = async (): Promise<unknown> => ({
    tables: await db.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"),
    version: await db.exec('SELECT version_num FROM autogen_version ORDER BY 1'),
    notes: await db.exec('SELECT * FROM notes ORDER BY id'),
  });
  const hold = async (): Promise<void> => {
    holder = new Client({ connectionString: db.url, application_name: 'lock-holder-test' });
    await holder.connect();
    holderPid = Number((await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    await holder.query(`SELECT pg_advisory_lock(${AUTOGEN_ADVISORY_LOCK_KEY})`);
  };
  const release = async (): Promise<void> => {
    await holder?.end();
    holder = undefined;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // Another session must be able to hold the lock: embedded PGlite has a single session, so this needs a server.
    expect(db.capabilities.sessionIsolation).toBe(true);
    dir = makeProject('lock-postgres');
    env = { DATABASE_URL: db.url };
    writeFiles(dir, {
      'autogen.config.ts': `export default { dialect: 'postgresql', adapter: 'drizzle', models: ['./src/schema.ts'] };\n`,
      'src/schema.ts': SCHEMA(false),
    });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--rev-id', 'init00000001'], env).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head'], env).code).toBe(0);
    await db.exec("INSERT INTO notes (id, body) VALUES (1, 'kept')");
    writeFiles(dir, { 'src/schema.ts': SCHEMA(true) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'tags', '--rev-id', 'tags00000002'], env).code).toBe(0);
  });
  afterEach(release);
  afterAll(async () => {
    await db.drop();
  });

  test('--lock-timeout 1: exit 3, naming the holding session from pg_stat_activity, nothing changed', async () => {
    const before = await state();
    await hold();
    const run = start(dir, ['upgrade', 'head', '--lock-timeout', '1'], env);
    const started = Date.now();
    const r = await run.done;
    const seconds = (Date.now() - started) / 1000;
    expect(r.code).toBe(3);
    const who = r.stderr.match(WAITING)?.[1];
    expect(who).toContain(`pid ${holderPid}, application "lock-holder-test", user "postgres"`);
    expect(r.stderr.match(/waiting for the migration lock/g)).toHaveLength(1);
    expect(r.stderr).toContain(`error: the migration lock was not acquired within 1 s: it is held by pid ${holderPid}`);
    expect(r.stderr).toContain('pg_terminate_backend(<pid>)');
    expect(r.stdout).toBe('');
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThan(15);
    // The lock_timeout used for the wait must not stay on: the holder's lock is still the only one.
    expect(
      await db.exec(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`),
    ).toEqual([{ n: 1 }]);
    await release();
    expect(await state()).toEqual(before);
  });

  test('downgrade and stamp: --lock-timeout 0 fails at once with exit 3', async () => {
    const before = await state();
    await hold();
    const down = await start(dir, ['downgrade', 'base', '--lock-timeout', '0'], env).done;
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('the migration lock was not acquired within 0 s');
    const stamp = await start(dir, ['stamp', 'base', '--lock-timeout', '0'], env).done;
    expect(stamp.code).toBe(3);
    await release();
    expect(await state()).toEqual(before);
  });

  test('without --lock-timeout: says once that it waits, then migrates when the lock is released', async () => {
    await hold();
    const run = start(dir, ['upgrade', 'head'], env);
    await until(() => WAITING.test(run.stderr()), 'the waiting message');
    await sleep(1000);
    expect(await state()).toMatchObject({ version: [{ version_num: 'init00000001' }] });
    await release();
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('init00000001 -> tags00000002 tags');
    expect(r.stderr.match(/waiting for the migration lock/g)).toHaveLength(1);
    expect(await state()).toMatchObject({ version: [{ version_num: 'tags00000002' }], notes: [{ id: 1, body: 'kept' }] });
  });
});
