/** `autogen init` writes a commented config that works as written once its paths are filled in. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, makeProject, writeFiles } from './support/cli';

describe('autogen init', () => {
  test('writes a config and migrations folder; detects drizzle; refuses to overwrite without --force', () => {
    const dir = makeProject('init');
    writeFiles(dir, { 'package.json': JSON.stringify({ dependencies: { 'drizzle-orm': '0.45.4', 'better-sqlite3': '12' } }) });
    const run = autogen(dir, ['init']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('detected drizzle on sqlite');
    expect(existsSync(join(dir, 'migrations'))).toBe(true);
    const config = readFileSync(join(dir, 'autogen.config.ts'), 'utf8');
    expect(config).toContain("adapter: 'drizzle'");
    expect(config).toContain('namingConvention');
    const again = autogen(dir, ['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');

    // the written config works once "models" points at the schema
    writeFiles(dir, {
      'src/db/schema.ts': "import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';\nexport const t = sqliteTable('t', { id: integer('id').primaryKey() });\n",
    });
    writeFileSync(join(dir, 'autogen.config.ts'), config);
    const gen = autogen(dir, ['--message', 'initial']);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain('create table t');
  });
});
