/** Accepted renames keep data: `--rename` (or `renames` in the config) turns drop + add into a rename. */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, BIN, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const schema = (column: string, table = 'people'): string => `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const people = sqliteTable('${table}', { id: integer('id').primaryKey(), ${column}: text('${column}') });
`;

describe('renames', () => {
  test('a column rename accepted with --rename is a native RENAME COLUMN that keeps the data', () => {
    const dir = makeProject('rename');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema('fullname') });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const db = new Database(join(dir, 'app.db'));
    db.prepare("INSERT INTO people (id, fullname) VALUES (1, 'Ada Lovelace')").run();
    db.close();

    writeFiles(dir, { 'src/schema.ts': schema('full_name') });
    const gen = autogen(dir, ['--message', 'rename fullname', '--rename', 'people.fullname=full_name']);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain('rename column people.fullname to full_name');
    const file = readdirSync(join(dir, 'migrations')).find((f) => f.endsWith('_rename_fullname.ts'))!;
    expect(readFileSync(join(dir, 'migrations', file), 'utf8')).toContain("op.renameColumn('people', 'fullname', 'full_name')");
    const up = autogen(dir, ['upgrade', 'head', '--sql']);
    expect(up.stdout).toContain('ALTER TABLE "people" RENAME COLUMN "fullname" TO "full_name"');
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const after = new Database(join(dir, 'app.db'), { readonly: true });
    expect(after.prepare('SELECT full_name FROM people').all()).toEqual([{ full_name: 'Ada Lovelace' }]);
    after.close();
    expect(autogen(dir, ['check']).code).toBe(0);
  });

  test('a table rename from the config keeps the rows', () => {
    const dir = makeProject('rename-table');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema('name') });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const db = new Database(join(dir, 'app.db'));
    db.prepare("INSERT INTO people (id, name) VALUES (7, 'Grace')").run();
    db.close();
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig("renames: ['people=persons'],"), 'src/schema.ts': schema('name', 'persons') });
    const gen = autogen(dir, ['--message', 'rename table']);
    expect(gen.stdout).toContain('rename table people to persons');
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const after = new Database(join(dir, 'app.db'), { readonly: true });
    expect(after.prepare('SELECT id, name FROM persons').all()).toEqual([{ id: 7, name: 'Grace' }]);
    after.close();
  });

  test('a malformed --rename is a clear error', () => {
    const dir = makeProject('rename-bad');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema('name') });
    const run = autogen(dir, ['--message', 'x', '--rename', 'nonsense']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nonsense');
  });

  describe('rename hints', () => {
    /** A project at revision "init" with one row in people(fullname), the models now saying full_name. */
    function renamedColumnProject(name: string): string {
      const dir = makeProject(name);
      writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema('fullname') });
      expect(autogen(dir, ['--message', 'init']).code).toBe(0);
      expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
      const db = new Database(join(dir, 'app.db'));
      db.prepare("INSERT INTO people (id, fullname) VALUES (1, 'Ada Lovelace')").run();
      db.close();
      writeFiles(dir, { 'src/schema.ts': schema('full_name') });
      return dir;
    }
    const revisionFile = (dir: string, slug: string): string =>
      readFileSync(join(dir, 'migrations', readdirSync(join(dir, 'migrations')).find((f) => f.endsWith(`_${slug}.ts`))!), 'utf8');

    test('without a terminal: drop + add is written with the hint and the exact flag, and nothing waits for input', () => {
      const dir = renamedColumnProject('rename-hint');
      const gen = autogen(dir, ['--message', 'rename guess']);
      expect(gen.code).toBe(0);
      expect(gen.stdout).toContain('rename? column people.fullname disappeared and people.full_name appeared with the same type');
      expect(gen.stdout).toContain('--rename people.fullname=full_name');
      const source = revisionFile(dir, 'rename_guess');
      // The hint sits right above the drop, beside the add.
      expect(source).toMatch(/\/\/ rename\? column people\.fullname [\s\S]*?--rename people\.fullname=full_name[^\n]*\n(\s*\/\/[^\n]*\n)*\s*op\.dropColumn\('people', 'fullname'/);
      expect(source).toMatch(/\/\/ lint drop-column \(error\): drop column people\.fullname/);
      expect(source).toContain("op.addColumn('people'");
      expect(source).not.toContain('renameColumn');
      // check (live) shows the same hint beside the drift.
      rmSync(join(dir, 'migrations', readdirSync(join(dir, 'migrations')).find((f) => f.endsWith('_rename_guess.ts'))!));
      const check = autogen(dir, ['check']);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('rename? column people.fullname disappeared');
    });

    test('on a terminal, "y" accepts the rename (the data is kept) and "n" declines it', () => {
      const accept = renamedColumnProject('rename-prompt-yes');
      const yes = inTerminal(accept, '--message accepted', 'y\n');
      expect(yes).toContain('Was column people.fullname renamed to full_name? [y/N]');
      expect(yes).toContain('accepted rename people.fullname=full_name');
      expect(revisionFile(accept, 'accepted')).toContain("op.renameColumn('people', 'fullname', 'full_name')");
      expect(autogen(accept, ['upgrade', 'head']).code).toBe(0);
      const db = new Database(join(accept, 'app.db'), { readonly: true });
      expect(db.prepare('SELECT full_name FROM people').all()).toEqual([{ full_name: 'Ada Lovelace' }]);
      db.close();

      const decline = renamedColumnProject('rename-prompt-no');
      const no = inTerminal(decline, '--message declined', 'n\n');
      expect(no).toContain('Was column people.fullname renamed to full_name? [y/N]');
      expect(no).toContain('No rename accepted');
      const source = revisionFile(decline, 'declined');
      expect(source).toContain("op.dropColumn('people', 'fullname'");
      expect(source).not.toContain('renameColumn');
    });

    test('--no-interactive never asks, even on a terminal', () => {
      const dir = renamedColumnProject('rename-no-interactive');
      const out = inTerminal(dir, '--message quiet --no-interactive', '');
      expect(out).not.toContain('[y/N]');
      expect(revisionFile(dir, 'quiet')).toContain("op.dropColumn('people', 'fullname'");
    });

    test('a table that disappeared while one with the same columns appeared is hinted too', () => {
      const dir = makeProject('rename-hint-table');
      writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema('name') });
      expect(autogen(dir, ['--message', 'init']).code).toBe(0);
      expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
      writeFiles(dir, { 'src/schema.ts': schema('name', 'persons') });
      const gen = autogen(dir, ['--message', 'table guess']);
      expect(gen.stdout).toContain('table people disappeared and persons appeared with the same columns: if it is a rename, accept it with --rename people=persons');
      expect(revisionFile(dir, 'table_guess')).toMatch(/\/\/ rename\? table people [\s\S]*?--rename people=persons[^\n]*\n(\s*\/\/[^\n]*\n)*\s*op\.dropTable\('people'/);
    });

    test('--rename naming a column that exists on neither side is an error, and nothing is written', () => {
      const dir = renamedColumnProject('rename-missing');
      const before = readdirSync(join(dir, 'migrations'));
      const run = autogen(dir, ['--message', 'typo', '--rename', 'people.fulname=full_name']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--rename does not match the database and the models: rename of column 'people.fulname' to 'full_name'");
      expect(run.stderr).not.toContain('    at ');
      expect(readdirSync(join(dir, 'migrations'))).toEqual(before);
    });
  });
});

/** Runs the binary on a pseudo-terminal (`script`, util-linux) with `input` typed in; returns what the terminal showed. */
function inTerminal(cwd: string, args: string, input: string): string {
  const result = spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', TERM: 'xterm' },
    timeout: 60_000,
  });
  return result.stdout;
}
