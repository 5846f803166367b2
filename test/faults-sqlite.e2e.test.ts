/**
 * Faults while the real binary migrates a SQLite database: the process killed (SIGKILL, through the
 * AUTOGEN_FAILPOINT testing aid) after every statement of a revision that rebuilds a parent table with
 * ON DELETE CASCADE children, a full disk, a read-only file. Each time the database must be exactly at the
 * previous revision or the next one — schema, version table, revision log and rows — and the next
 * `autogen upgrade head` must complete with `autogen check` clean.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, BIN, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const SCHEMA = (checked: boolean): string => `
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name').notNull(), age: integer('age') }${
  checked ? ", (t) => [check('age_not_negative', sql\`\${t.age} >= 0\`)]" : ''
});
export const posts = sqliteTable('posts', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
}, (t) => [index('posts_user_idx').on(t.userId)]);
`;

/** Everything a revision can change: schema, version table, revision log (without times), rows. */
function snapshot(file: string): unknown {
  // Read-write on purpose: opening a database after a crash rolls back its hot journal, as the CLI's next run does.
  const db = new Database(file);
  try {
    return {
      schema: db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name").all(),
      version: db.prepare('SELECT version_num FROM autogen_version ORDER BY 1').all(),
      log: db.prepare("SELECT * FROM pragma_table_info('autogen_revision_log')").all().length
        ? db.prepare('SELECT revision, checksum FROM autogen_revision_log ORDER BY rowid').all()
        : [],
      users: db.prepare('SELECT * FROM users ORDER BY id').all(),
      posts: db.prepare('SELECT * FROM posts ORDER BY id').all(),
      integrity: db.prepare('PRAGMA integrity_check').all(),
      foreignKeys: db.prepare('PRAGMA foreign_key_check').all(),
    };
  } finally {
    db.close();
  }
}

/** The binary with a failpoint armed; `killed` when it died of SIGKILL. */
function runWithFailpoint(cwd: string, args: ReadonlyArray<string>, failpoint: string): { killed: boolean; code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', AUTOGEN_FAILPOINT: failpoint },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { killed: r.signal === 'SIGKILL', code: r.status, stderr: r.stderr };
}

describe('SQLite faults', () => {
  let dir: string;
  let before: unknown;
  let after: unknown;

  beforeAll(() => {
    dir = makeProject('faults-sqlite');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA(false) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--rev-id', 'init00000001']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const db = new Database(join(dir, 'app.db'));
    db.exec("INSERT INTO users (id, name, age) VALUES (1, 'ann', 30), (2, 'bob', 41)");
    db.exec("INSERT INTO posts (id, user_id, title) VALUES (10, 1, 'a'), (11, 1, 'b'), (12, 2, 'c')");
    db.close();
    copyFileSync(join(dir, 'app.db'), join(dir, 'base.db'));
    writeFiles(dir, { 'src/schema.ts': SCHEMA(true) });
    const gen = autogen(dir, ['revision', '--autogenerate', '-m', 'age check', '--rev-id', 'check0000002']);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain('rebuild table users');
    before = snapshot(join(dir, 'base.db'));
    copyFileSync(join(dir, 'base.db'), join(dir, 'after.db'));
    expect(autogen(dir, ['upgrade', 'head', '--url', 'sqlite:./after.db']).code).toBe(0);
    after = snapshot(join(dir, 'after.db'));
    // The two states differ in the schema only: the rebuild kept every child row (foreign keys off around it).
    expect(after).not.toEqual(before);
    expect(after).toMatchObject({ users: (before as { users: unknown }).users, posts: (before as { posts: unknown }).posts });
  });

  test('SIGKILL after each statement of a parent-table rebuild: previous or next revision, never between; then upgrade and check succeed', () => {
    const outcomes: string[] = [];
    for (let n = 1; n < 40; n++) {
      const file = `kill-${n}.db`;
      copyFileSync(join(dir, 'base.db'), join(dir, file));
      const r = runWithFailpoint(dir, ['upgrade', 'head', '--url', `sqlite:./${file}`], `statement:${n}`);
      const state = snapshot(join(dir, file));
      if (!r.killed) {
        // n is past the revision's last statement: the run completed.
        expect(r.code).toBe(0);
        expect(state).toEqual(after);
        break;
      }
      outcomes.push(state === undefined ? '?' : JSON.stringify(state) === JSON.stringify(before) ? 'previous' : 'other');
      // Killed before COMMIT: exactly the previous revision, child rows included.
      expect(state).toEqual(before);
      const again = autogen(dir, ['upgrade', 'head', '--url', `sqlite:./${file}`]);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(snapshot(join(dir, file))).toEqual(after);
      const check = autogen(dir, ['check', '--url', `sqlite:./${file}`]);
      expect(check.stdout + check.stderr).toContain('OK: the database is at head');
      expect(check.code).toBe(0);
    }
    // The rebuild has at least: create, copy, drop, rename (3 statements), index, version move, revision log.
    expect(outcomes.length).toBeGreaterThanOrEqual(8);
    expect(new Set(outcomes)).toEqual(new Set(['previous']));
  });

  test.each([
    ['sqlite-rebuild:after-copy', 'previous'],
    ['revision:before-commit', 'previous'],
    ['revision:after-commit', 'next'],
  ])('SIGKILL at %s: the %s revision, and the next upgrade completes', (point, expected) => {
    const file = `point-${point.replace(/\W/g, '_')}.db`;
    copyFileSync(join(dir, 'base.db'), join(dir, file));
    const r = runWithFailpoint(dir, ['upgrade', 'head', '--url', `sqlite:./${file}`], point);
    expect(r.killed).toBe(true);
    expect(snapshot(join(dir, file))).toEqual(expected === 'previous' ? before : after);
    const again = autogen(dir, ['upgrade', 'head', '--url', `sqlite:./${file}`]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(expected === 'previous' ? 'init00000001 -> check0000002' : 'Nothing to upgrade');
    expect(snapshot(join(dir, file))).toEqual(after);
    expect(autogen(dir, ['check', '--url', `sqlite:./${file}`]).code).toBe(0);
  });

  describe('environment failures (tests run as root: mount is available)', () => {
    const mounts: string[] = [];
    const mount = (args: ReadonlyArray<string>): void => {
      const r = spawnSync('mount', args, { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };
    afterAll(() => {
      for (const target of mounts.reverse()) spawnSync('umount', [target]);
    });

    test('disk full during a rebuild: exit 2 saying the disk is full, database and version table unchanged; with room, the upgrade completes', () => {
      // A parent table large enough that its rebuild (a second copy of it) cannot fit in what is left.
      const big = join(dir, 'big.db');
      copyFileSync(join(dir, 'base.db'), big);
      const db = new Database(big);
      db.exec(
        "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 2000) INSERT INTO users (id, name, age) SELECT 100 + v, printf('%.2000c', 'x'), 20 FROM n",
      );
      db.close();
      const size = statSync(big).size;
      const disk = join(dir, 'small-disk');
      mkdirSync(disk);
      mount(['-t', 'tmpfs', '-o', `size=${Math.ceil(size / 4096) * 4096 + 256 * 1024}`, 'tmpfs', disk]);
      mounts.push(disk);
      copyFileSync(big, join(disk, 'app.db'));
      const url = `sqlite:${join(disk, 'app.db')}`;
      const before = snapshot(join(disk, 'app.db'));
      const r = autogen(dir, ['upgrade', 'head', '--url', url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: the disk is full: SQLite could not write to ${join(disk, 'app.db')}; revision init00000001 -> check0000002 (age check) was rolled back, nothing of it was applied`);
      expect(r.stderr).toContain('hint: free space on the disk');
      expect(r.stderr).not.toContain('--verbose');
      expect(snapshot(join(disk, 'app.db'))).toEqual(before);
      expect(existsSync(join(disk, 'app.db-journal'))).toBe(false);
      mount(['-o', 'remount,size=64m', disk]);
      const again = autogen(dir, ['upgrade', 'head', '--url', url]);
      expect(again.code).toBe(0);
      expect(autogen(dir, ['check', '--url', url]).code).toBe(0);
    });

    test('read-only database (read-only mount): exit 2 saying the database is read-only, nothing changed', () => {
      const source = join(dir, 'ro-source');
      const readOnly = join(dir, 'ro');
      mkdirSync(source);
      mkdirSync(readOnly);
      copyFileSync(join(dir, 'base.db'), join(source, 'app.db'));
      // Migrated before, as in production: the lock file is there.
      expect(autogen(dir, ['upgrade', 'init00000001', '--url', `sqlite:${join(source, 'app.db')}`]).code).toBe(0);
      expect(existsSync(join(source, 'app.db-autogen-lock'))).toBe(true);
      const before = snapshot(join(source, 'app.db'));
      mount(['--bind', source, readOnly]);
      mounts.push(readOnly);
      mount(['-o', 'remount,ro,bind', readOnly]);
      const r = autogen(dir, ['upgrade', 'head', '--url', `sqlite:${join(readOnly, 'app.db')}`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`error: the database ${join(readOnly, 'app.db').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is read-only \\(SQLITE_READONLY\\w*\\)`));
      expect(r.stderr).toContain('hint: check that this user may write the file and its folder');
      expect(r.stderr).not.toContain('--verbose');
      expect(snapshot(join(source, 'app.db'))).toEqual(before);
      // Never migrated there: the lock file cannot be created beside the database.
      const fresh = join(dir, 'ro-fresh');
      mkdirSync(fresh);
      copyFileSync(join(dir, 'base.db'), join(fresh, 'app.db'));
      const freshBefore = snapshot(join(fresh, 'app.db'));
      mount(['--bind', fresh, fresh]);
      mounts.push(fresh);
      mount(['-o', 'remount,ro,bind', fresh]);
      const cannot = autogen(dir, ['upgrade', 'head', '--url', `sqlite:${join(fresh, 'app.db')}`]);
      expect(cannot.code).toBe(2);
      expect(cannot.stderr).toContain(`error: cannot open or create a file of the database ${join(fresh, 'app.db')} (SQLITE_CANTOPEN); nothing was changed`);
      expect(cannot.stderr).toContain('-autogen-lock file beside the database');
      spawnSync('umount', [fresh]);
      expect(snapshot(join(fresh, 'app.db'))).toEqual(freshBefore);
    });
  });
});
