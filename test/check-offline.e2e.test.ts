/**
 * `autogen check --offline`: no server, no DATABASE_URL. Every revision is replayed into a scratch database that
 * autogen starts itself (in-memory SQLite; embedded PostgreSQL through PGlite), each one upgraded, downgraded
 * and upgraded again, and the result compared with the models. The PostgreSQL cases run with PostgreSQL made
 * unreachable for the CLI (DATABASE_URL and PGHOST/PGPORT point at a closed port).
 */
import Ajv2020 from 'ajv/dist/2020';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, BIN, drizzleSqliteConfig, makeProject, ROOT, writeFiles } from './support/cli';

const sqliteSchema = (extra = ''): string => `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),${extra}
});
export const posts = sqliteTable('posts', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
});
`;

/** Nothing listens on port 1: any attempt to reach a server fails at once. */
const UNREACHABLE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', PGHOST: '127.0.0.1', PGPORT: '1' };

const schemaValidator = (() => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs', 'schemas', 'check-report.v1.json'), 'utf8')) as object);
})();

function validReport(stdout: string): Record<string, unknown> {
  const report = JSON.parse(stdout) as Record<string, unknown>;
  expect(schemaValidator(report) ? [] : schemaValidator.errors).toEqual([]);
  return report;
}

/** A SQLite project with two applied revisions; the database file is then deleted (offline needs none). */
function sqliteProject(name: string): string {
  const dir = makeProject(name);
  writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': sqliteSchema() });
  expect(autogen(dir, ['--message', 'init']).code).toBe(0);
  expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
  writeFiles(dir, { 'src/schema.ts': sqliteSchema("\n  email: text('email'),") });
  expect(autogen(dir, ['--message', 'add email']).code).toBe(0);
  expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
  return dir;
}

const revisionFile = (dir: string, slug: string): string => join(dir, 'migrations', readdirSync(join(dir, 'migrations')).find((f) => f.endsWith(`_${slug}.ts`))!);

describe('check --offline on SQLite (in-memory scratch database)', () => {
  test('clean history: exit 0 without any database file, every revision proved up/down/up', () => {
    const dir = sqliteProject('offline-clean');
    rmSync(join(dir, 'app.db'));
    const run = autogen(dir, ['check', '--offline']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Replayed 2 revision(s) into an in-memory SQLite database: upgrade, downgrade, upgrade again, all clean.');
    expect(run.stdout).toContain('OK: the revisions');
    const report = validReport(autogen(dir, ['check', '--offline', '--json']).stdout);
    expect(report).toMatchObject({ status: 'clean', exitCode: 0, mode: 'offline', dialect: 'sqlite' });
    expect((report.verification as Array<{ step: string; ok: boolean }>).map((v) => `${v.step}:${v.ok}`)).toEqual([
      'upgrade:true', 'downgrade:true', 'reupgrade:true', 'upgrade:true', 'downgrade:true', 'reupgrade:true',
    ]);
    // Never created a database file as a side effect.
    expect(readdirSync(dir)).not.toContain('app.db');
  });

  test('unmigrated model change: exit 1, the difference in JSON (validated) and as a GitHub annotation at the model line', () => {
    const dir = sqliteProject('offline-drift');
    writeFiles(dir, { 'src/schema.ts': sqliteSchema("\n  email: text('email'),\n  age: integer('age'),") });
    const human = autogen(dir, ['check', '--offline']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('Drift: the revisions differ from the models');
    expect(human.stdout).toContain('add column users.age integer');
    const report = validReport(autogen(dir, ['check', '--offline', '--json']).stdout);
    expect(report).toMatchObject({ status: 'drift', exitCode: 1 });
    expect(report.differences).toEqual([
      expect.objectContaining({ kind: 'addColumn', table: 'users', column: 'age', before: null, after: 'integer', source: { file: join('src', 'schema.ts'), line: 7 } }),
    ]);
    const github = autogen(dir, ['check', '--offline', '--format', 'github']);
    expect(github.code).toBe(1);
    expect(github.stdout).toContain(`::error file=src/schema.ts,line=7,title=autogen%3A addColumn::add column users.age integer`);
    expect(github.stdout).toMatch(/^::error title=autogen check::/m);
  });

  test('a downgrade that does not undo its upgrade fails verification, naming the revision file', () => {
    const dir = sqliteProject('offline-bad-downgrade');
    const file = revisionFile(dir, 'add_email');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace(/export function downgrade\(op: Operations\): void \{[\s\S]*?\n\}/, 'export function downgrade(op: Operations): void {\n  // forgot to drop the column\n}'));
    const run = autogen(dir, ['check', '--offline']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAILED downgrade of`);
    expect(run.stdout).toContain(join('migrations', file.split('/').pop()!));
    expect(run.stdout).toContain('the downgrade does not give back the schema from before the upgrade: drop column users.email');
  });

  test('a revision that fails in the scratch database names the file, the operation and the SQL error', () => {
    const dir = sqliteProject('offline-bad-sql');
    const file = revisionFile(dir, 'add_email');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace("export function upgrade(op: Operations): void {\n", "export function upgrade(op: Operations): void {\n  op.execute('UPDATE no_such_table SET x = 1');\n"));
    const run = autogen(dir, ['check', '--offline']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAILED upgrade of`);
    expect(run.stdout).toContain(file.split('/').pop()!);
    expect(run.stdout).toContain('operation: execute SQL: UPDATE no_such_table SET x = 1');
    expect(run.stdout).toContain('no such table: no_such_table');
    const report = validReport(autogen(dir, ['check', '--offline', '--json']).stdout);
    expect(report).toMatchObject({ status: 'failed', exitCode: 1 });
  });

  test('two heads fail the single-head check', () => {
    const dir = sqliteProject('offline-heads');
    const first = readdirSync(join(dir, 'migrations')).find((f) => f.endsWith('_init.ts'))!;
    const init = /export const revision = '(\w+)'/.exec(readFileSync(join(dir, 'migrations', first), 'utf8'))![1];
    writeFiles(dir, {
      [`migrations/20300101_000000_branch00000a_branch.ts`]: `import type { Operations } from '@autogen/cli';
export const revision = 'branch00000a';
export const parent: string | null = '${init}';
export const message = 'branch';
export const createdAt = '2030-01-01T00:00:00.000Z';
export function upgrade(op: Operations): void {}
export function downgrade(op: Operations): void {}
`,
    });
    const run = autogen(dir, ['check', '--offline']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAILED single-head');
    expect(run.stdout).toContain('the history has 2 heads');
    expect(run.stdout).toContain('autogen merge');
  });

  test('with --url, checksums of applied revisions are verified against that database', () => {
    const dir = sqliteProject('offline-checksum');
    const file = revisionFile(dir, 'add_email');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// edited after it was applied\n`);
    const withLive = autogen(dir, ['check', '--offline', '--url', 'sqlite:./app.db', '--json']);
    const report = validReport(withLive.stdout);
    expect(withLive.code).toBe(1);
    expect(report.verification).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'checksum', ok: false })]));
    // Without a live database the same files replay cleanly: nothing to compare checksums with.
    expect(autogen(dir, ['check', '--offline']).code).toBe(0);
  });

  test('errors exit 2, also as a JSON document with status "error"', () => {
    const dir = makeProject('offline-error');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig().replace("'./src/schema.ts'", "'./src/missing.ts'") });
    const human = autogen(dir, ['check', '--offline']);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('models pattern "./src/missing.ts" matches no file');
    const json = autogen(dir, ['check', '--offline', '--json']);
    expect(json.code).toBe(2);
    expect(validReport(json.stdout)).toMatchObject({ status: 'error', exitCode: 2, error: { message: expect.stringContaining('matches no file') } });
    expect(autogen(dir, ['check', '--offline', '--format', 'xml']).code).toBe(2);
    // --format github says it on stdout too, where the runner reads annotations.
    const github = autogen(dir, ['check', '--offline', '--format', 'github']);
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(/^::error title=autogen check::autogen check could not run: models pattern "\.\/src\/missing\.ts" matches no file/);
  });

  test('annotation paths are relative to GITHUB_WORKSPACE (the repository root) when it is set', () => {
    const dir = sqliteProject('offline-workspace');
    writeFiles(dir, { 'src/schema.ts': sqliteSchema("\n  email: text('email'),\n  age: integer('age'),") });
    const run = autogen(dir, ['check', '--offline', '--format', 'github'], { GITHUB_WORKSPACE: join(dir, '..') });
    expect(run.stdout).toContain(`::error file=${dir.split('/').pop()}/src/schema.ts,line=7,title=autogen%3A addColumn::`);
  });

  test('a reader that goes away (| true) neither crashes autogen nor changes its exit code', () => {
    const dir = sqliteProject('offline-epipe');
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check --offline --json | true; echo "status=\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    expect(run.stderr).toContain('status=0');
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.stderr).not.toContain('    at ');
  });

  test('--fail-on turns lint findings of the linted revisions into exit 1', () => {
    const dir = sqliteProject('offline-fail-on');
    writeFiles(dir, { 'src/schema.ts': sqliteSchema() });
    expect(autogen(dir, ['--message', 'drop email']).code).toBe(0);
    rmSync(join(dir, 'app.db'));
    const plain = autogen(dir, ['check', '--offline']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('error drop-column');
    const failing = autogen(dir, ['check', '--offline', '--fail-on', 'error', '--json']);
    expect(failing.code).toBe(1);
    expect(validReport(failing.stdout)).toMatchObject({ status: 'failed', lint: [expect.objectContaining({ rule: 'drop-column', severity: 'error', column: 'email' })] });
    // --since names what to lint: after the head nothing is linted; after "add email", the drop is.
    const revisionId = (slug: string): string => /export const revision = '(\w+)'/.exec(readFileSync(revisionFile(dir, slug), 'utf8'))![1]!;
    const atHead = autogen(dir, ['check', '--offline', '--fail-on', 'error', '--since', revisionId('drop_email')]);
    expect(atHead.code).toBe(0);
    expect(atHead.stdout).not.toContain('drop-column');
    const afterAdd = autogen(dir, ['check', '--offline', '--fail-on', 'error', '--since', revisionId('add_email')]);
    expect(afterAdd.code).toBe(1);
    expect(afterAdd.stdout).toContain('error drop-column');
  });
});

describe('check --offline on PostgreSQL (embedded PGlite), with PostgreSQL unreachable', () => {
  let db: TestDatabase;
  let dir: string;
  const schema = (extra = ''): string => `
import { integer, pgEnum, pgTable, serial, text, timestamp, index } from 'drizzle-orm/pg-core';
export const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  mood: mood('mood').default('ok'),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),${extra}
}, (t) => [index('users_name_idx').on(t.name)]);
export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
});
`;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = makeProject('offline-pg');
    writeFiles(dir, {
      'autogen.config.ts': `import { defineConfig } from '@autogen/cli';
export default defineConfig({ dialect: 'postgresql', adapter: 'drizzle', models: ['./src/schema.ts'] });
`,
      'src/schema.ts': schema(),
    });
    const env = { DATABASE_URL: db.url };
    expect(autogen(dir, ['--message', 'init'], env).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head'], env).code).toBe(0);
    writeFiles(dir, { 'src/schema.ts': schema("\n  bio: text('bio'),") });
    expect(autogen(dir, ['--message', 'add bio'], env).code).toBe(0);
  });
  afterAll(async () => {
    await db.drop();
  });

  test('clean: exit 0, every revision replayed up/down/up in PGlite', () => {
    const run = autogen(dir, ['check', '--offline'], UNREACHABLE);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Replayed 2 revision(s) into an embedded PostgreSQL (PGlite)');
    expect(run.code).toBe(0);
    const report = validReport(autogen(dir, ['check', '--offline', '--json'], UNREACHABLE).stdout);
    expect(report).toMatchObject({ status: 'clean', mode: 'offline', dialect: 'postgresql' });
    expect((report.verification as unknown[]).length).toBe(6);
  });

  test('drift: exit 1 with the difference', () => {
    writeFiles(dir, { 'src/schema.ts': schema("\n  bio: text('bio'),\n  score: integer('score').notNull().default(0),") });
    try {
      const run = autogen(dir, ['check', '--offline'], UNREACHABLE);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('add column users.score integer NOT NULL DEFAULT 0');
      const github = autogen(dir, ['check', '--offline', '--format', 'github'], UNREACHABLE);
      expect(github.stdout).toMatch(/^::error file=src\/schema\.ts,line=\d+,title=autogen%3A addColumn::add column users\.score/m);
    } finally {
      writeFiles(dir, { 'src/schema.ts': schema("\n  bio: text('bio'),") });
    }
  });

  test('a revision failing in PGlite names the file, the operation and the PostgreSQL error', () => {
    const file = revisionFile(dir, 'add_bio');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace("export function upgrade(op: Operations): void {\n", "export function upgrade(op: Operations): void {\n  op.execute('ALTER TABLE users ADD COLUMN id integer');\n"));
    try {
      const run = autogen(dir, ['check', '--offline'], UNREACHABLE);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('FAILED upgrade of');
      expect(run.stdout).toContain(file.split('/').pop()!);
      expect(run.stdout).toContain('operation: execute SQL: ALTER TABLE users ADD COLUMN id integer');
      expect(run.stdout).toContain('column "id" of relation "users" already exists');
    } finally {
      writeFileSync(file, source);
    }
  });

  test('the live database is still at "init": offline never touched it', async () => {
    const rows = await db.exec('SELECT version_num FROM autogen_version');
    expect(rows).toHaveLength(1);
    expect(await db.exec("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'")).toEqual([]);
  });
});
