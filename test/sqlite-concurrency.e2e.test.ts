/**
 * SQLite: eight `autogen upgrade head` processes started together (an app scaled out, each migrating at
 * start-up) apply each revision exactly once: the SQLite lock is taken before the current revision is read.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, BIN, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const SCHEMA = `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const notes = sqliteTable('notes', { id: integer('id').primaryKey(), body: text('body') });
`;

function run(cwd: string, args: ReadonlyArray<string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Burns some CPU inside the revision's transaction, then appends one row: applied twice = two rows. */
const SLOW_INSERT =
  "INSERT INTO notes (id, body) SELECT coalesce((SELECT max(id) FROM notes), 0) + 1, 'applied' FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT count(*) AS n FROM c)";

describe('SQLite concurrency', () => {
  test('eight processes upgrading at once apply each revision once', async () => {
    const dir = makeProject('sqlite-concurrent');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--url', 'sqlite:./scratch.db']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head', '--url', 'sqlite:./scratch.db']).code).toBe(0);
    for (const id of ['slow00000001', 'slow00000002']) {
      expect(autogen(dir, ['revision', '-m', `slow data ${id}`, '--rev-id', id]).code).toBe(0);
      const file = join(dir, 'migrations', readdirSync(join(dir, 'migrations')).find((f) => f.includes(id))!);
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          /export function upgrade\(op: Operations\): void \{[^}]*\}/,
          `export function upgrade(op: Operations): void {\n  op.execute(${JSON.stringify(SLOW_INSERT)}, 'DELETE FROM notes');\n}`,
        ),
      );
    }
    const runs = await Promise.all(Array.from({ length: 8 }, () => run(dir, ['upgrade', 'head'])));
    for (const r of runs) {
      // The processes that wait say so, once; nothing else on stderr.
      expect(r.stderr.replace(/^waiting for the migration lock held by .* \.\.\.\n/, '')).toBe('');
      expect(r.code).toBe(0);
    }
    expect(runs.filter((r) => r.stdout.includes('slow data slow00000001')).length).toBe(1);
    expect(runs.filter((r) => r.stdout.includes('slow data slow00000002')).length).toBe(1);
    expect(runs.filter((r) => r.stdout.includes('-> ') && r.stdout.includes(' init ')).length).toBe(1);
    const db = new Database(join(dir, 'app.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT id, body FROM notes ORDER BY id').all()).toEqual([
        { id: 1, body: 'applied' },
        { id: 2, body: 'applied' },
      ]);
      expect(db.prepare('SELECT version_num FROM autogen_version').all()).toEqual([{ version_num: 'slow00000002' }]);
    } finally {
      db.close();
    }
  });
});
