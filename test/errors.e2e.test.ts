/**
 * Bad input gets one clear message, exit code 2, no stack trace (unless --verbose), and loses nothing.
 * Every case runs the real binary against real files.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, drizzleSqliteConfig, makeProject, ROOT, writeFiles } from './support/cli';

const SCHEMA = `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name') });
`;

/** No stack frames in the output. */
function expectNoStack(output: string): void {
  expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
}

function project(files: Record<string, string>): string {
  const dir = makeProject('errors');
  writeFiles(dir, files);
  return dir;
}

describe('configuration errors', () => {
  test.each([
    ['missing dialect', `export default { url: 'sqlite:./app.db', adapter: 'drizzle', models: ['./src/schema.ts'] };`, /"dialect" is missing/],
    ['missing models', `export default { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'drizzle' };`, /"models" is missing/],
    ['unknown adapter', `export default { dialect: 'sqlite', adapter: 'prisma', models: ['./src/schema.ts'] };`, /unknown adapter "prisma"/],
    ['unknown dialect', `export default { dialect: 'oracle', adapter: 'drizzle', models: ['./src/schema.ts'] };`, /unknown dialect "oracle"/],
    ['unknown key', `export default { dialect: 'sqlite', adapter: 'drizzle', models: ['./src/schema.ts'], modles: [] };`, /unknown key "modles"/],
  ])('%s', (_name, config, message) => {
    const dir = project({ 'autogen.config.ts': config, 'src/schema.ts': SCHEMA });
    const run = autogen(dir, ['check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('autogen.config.ts');
    expectNoStack(run.stderr);
  });

  test('no config file', () => {
    const dir = project({ 'src/schema.ts': SCHEMA });
    const run = autogen(dir, ['check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no autogen config file');
    expect(run.stderr).toContain('autogen init');
  });

  test('a JSON config works and is validated like the others', () => {
    const dir = project({
      'autogen.config.json': JSON.stringify({ dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'drizzle', models: ['./src/schema.ts'] }),
      'src/schema.ts': SCHEMA,
    });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
  });

  test('a models glob that matches nothing', () => {
    const dir = project({ 'autogen.config.ts': drizzleSqliteConfig().replace('./src/schema.ts', './src/models/*.ts') });
    const run = autogen(dir, ['--message', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('models pattern "./src/models/*.ts" matches no file');
    expectNoStack(run.stderr);
  });

  test('a model file that throws on import names the file and the error; --verbose adds the stack', () => {
    const dir = project({ 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': `${SCHEMA}\nthrow new Error('boom in models');\n` });
    const run = autogen(dir, ['--message', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('src/schema.ts');
    expect(run.stderr).toContain('boom in models');
    expectNoStack(run.stderr);
    const verbose = autogen(dir, ['--verbose', '--message', 'x']);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/^\s+at /m);
  });

  test('no database URL anywhere', () => {
    const dir = project({ 'autogen.config.ts': drizzleSqliteConfig().replace("url: 'sqlite:./app.db',", ''), 'src/schema.ts': SCHEMA });
    const run = autogen(dir, ['check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no database URL');
    expect(run.stderr).toContain('DATABASE_URL');
  });

  test('unknown command and bad options exit 2', () => {
    const dir = project({ 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA });
    expect(autogen(dir, ['frobnicate']).code).toBe(2);
    expect(autogen(dir, ['upgrade', '--no-such-flag']).code).toBe(2);
  });
});

describe('database and history errors', () => {
  test('check on a database file that does not exist fails and creates nothing', () => {
    const dir = project({ 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA });
    const run = autogen(dir, ['check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/database not found/i);
    expect(existsSync(join(dir, 'app.db'))).toBe(false);
  });

  test('the URL comes from --url, else DATABASE_URL, else the config', () => {
    const dir = project({ 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head'], { DATABASE_URL: 'sqlite:./from-env.db' }).code).toBe(0);
    expect(existsSync(join(dir, 'from-env.db'))).toBe(true);
    expect(autogen(dir, ['--url', `sqlite:///flag.db`, 'upgrade', 'head'], { DATABASE_URL: 'sqlite:./from-env.db' }).code).toBe(0);
    expect(existsSync(join(dir, 'flag.db'))).toBe(true);
    expect(existsSync(join(dir, 'app.db'))).toBe(false);
  });

  test('a malformed revision file is named', () => {
    const dir = project({
      'autogen.config.ts': drizzleSqliteConfig(),
      'src/schema.ts': SCHEMA,
      'migrations/20260101_000000_aaaaaaaaaaaa_bad.ts': `export const revision = 'aaaaaaaaaaaa';\nexport const parent = null;\n`,
    });
    const run = autogen(dir, ['upgrade', 'head']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('20260101_000000_aaaaaaaaaaaa_bad.ts');
    expect(run.stderr).toContain('upgrade(op)');
    expectNoStack(run.stderr);
  });

  test('a revision file with a syntax error is named', () => {
    const dir = project({
      'autogen.config.ts': drizzleSqliteConfig(),
      'src/schema.ts': SCHEMA,
      'migrations/20260101_000000_bbbbbbbbbbbb_bad.ts': `export const revision = 'bbbbbbbbbbbb'\nexport function upgrade(op) { op.execute( }\n`,
    });
    const run = autogen(dir, ['upgrade', 'head']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('20260101_000000_bbbbbbbbbbbb_bad.ts');
    expectNoStack(run.stderr);
  });

  test('models that yield no tables while the database has tables: refused, files named, nothing written', () => {
    const dir = project({ 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    writeFiles(dir, { 'src/schema.ts': `import './tables';\n`, 'src/tables.ts': SCHEMA.replace('export const users', 'const users') });
    const run = autogen(dir, ['--message', 'oops']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no tables');
    expect(run.stderr).toContain('users');
    expect(run.stderr).toContain('src/schema.ts');
    expect(run.stderr).toContain('--allow-empty');
    expect(readdirSync(join(dir, 'migrations'))).toHaveLength(1);
    const allowed = autogen(dir, ['--message', 'drop all', '--allow-empty']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('drop table users');
  });

  test('a revision that fails midway leaves the database and the version table as they were', () => {
    const dir = project({ 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const before = autogen(dir, ['current']).stdout.split(' ')[0];
    expect(autogen(dir, ['revision', '-m', 'broken']).code).toBe(0);
    const broken = readdirSync(join(dir, 'migrations')).find((f) => f.endsWith('_broken.ts'))!;
    const file = join(dir, 'migrations', broken);
    const { readFileSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /export function upgrade\(op: Operations\): void \{[^}]*\}/,
        `export function upgrade(op: Operations): void {\n  op.execute('CREATE TABLE half_done (id INTEGER)');\n  op.execute("INSERT INTO users (id, name) VALUES (1, 'kept?')");\n  op.execute('THIS IS NOT SQL');\n}`,
      ),
    );
    const run = autogen(dir, ['upgrade', 'head']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broken');
    expectNoStack(run.stderr);
    expect(autogen(dir, ['current']).stdout.split(' ')[0]).toBe(before);
    const db = new Database(join(dir, 'app.db'), { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_done'").all()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('help and version', () => {
  test('--version prints the package version and --help lists the commands, both exit 0', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string };
    const v = autogen(ROOT, ['--version']);
    expect([v.code, v.stdout.trim()]).toEqual([0, version]);
    const help = autogen(ROOT, ['--help']);
    expect(help.code).toBe(0);
    for (const command of ['check', 'lint', 'upgrade', 'downgrade', 'merge']) expect(help.stdout).toContain(command);
  });
});
