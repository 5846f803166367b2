/**
 * Tamper evidence through the real binary: each applied revision's file checksum (SHA-256 of its bytes) is
 * recorded; `check` and `upgrade` warn when an applied revision file was edited, and `--strict` fails
 * (check: exit 1; upgrade: exit 2, nothing applied).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const SCHEMA = (tag: boolean): string => `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const notes = sqliteTable('notes', { id: integer('id').primaryKey(), body: text('body')${tag ? ", tag: text('tag')" : ''} });
`;

describe('tamper evidence', () => {
  const dir = makeProject('tamper');
  const db = join(dir, 'app.db');
  const migrations = join(dir, 'migrations');
  const fileOf = (id: string): string => join(migrations, readdirSync(migrations).find((f) => f.includes(id))!);
  const logged = (): Array<{ revision: string; checksum: string }> => {
    const handle = new Database(db, { readonly: true });
    try {
      return handle.prepare('SELECT revision, checksum FROM autogen_revision_log ORDER BY revision').all() as Array<{ revision: string; checksum: string }>;
    } finally {
      handle.close();
    }
  };

  test('an edited applied revision is detected by check and upgrade; --strict fails', () => {
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA(false) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--rev-id', 'init00000001']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const sha = createHash('sha256').update(readFileSync(fileOf('init00000001'))).digest('hex');
    expect(logged()).toEqual([{ revision: 'init00000001', checksum: sha }]);
    const clean = autogen(dir, ['check', '--strict']);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    // Someone edits the applied revision (a comment is enough: the bytes differ).
    writeFileSync(fileOf('init00000001'), `${readFileSync(fileOf('init00000001'), 'utf8')}\n// edited after it was applied\n`);
    const warned = autogen(dir, ['check']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/warning: applied revision init00000001 \(.*init00000001_init\.ts\) has changed since it was applied/);
    const strict = autogen(dir, ['check', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('init00000001');

    writeFiles(dir, { 'src/schema.ts': SCHEMA(true) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'add tag', '--rev-id', 'tag000000001']).code).toBe(0);
    const refused = autogen(dir, ['upgrade', 'head', '--strict']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--strict');
    expect(refused.stdout).not.toContain('add tag');
    expect(logged().map((r) => r.revision)).toEqual(['init00000001']);

    const up = autogen(dir, ['upgrade', 'head']);
    expect(up.code).toBe(0);
    expect(up.stderr).toMatch(/warning: applied revision init00000001 .*has changed/);
    expect(up.stdout).toContain('init00000001 -> tag000000001 add tag');
    expect(logged().map((r) => r.revision)).toEqual(['init00000001', 'tag000000001']);

    // Downgrading forgets the checksum; a revision that disappeared after being applied is reported too.
    expect(autogen(dir, ['downgrade', '-1']).code).toBe(0);
    expect(logged().map((r) => r.revision)).toEqual(['init00000001']);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
  });
});
