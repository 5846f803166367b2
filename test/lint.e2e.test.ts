/**
 * The safety lint through the real binary: every rule id (docs/lint-rules.md) in the `autogen --message` output and
 * as a `// lint <rule> (<severity>): …` comment in the revision file; the data probes of a live database turning
 * warnings into errors on violating rows and removing them on clean rows (SQLite and PostgreSQL); `autogen lint`
 * exit codes and `--json`; `autogen check --fail-on`.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

/** One finding as the CLI shows it: severity, rule id and message. */
interface Shown {
  readonly severity: string;
  readonly rule: string;
  readonly message: string;
}

/** The findings `autogen --message` printed under its `Lint (N finding(s); …):` header. */
function printedFindings(stdout: string): Shown[] {
  const at = stdout.indexOf('finding(s); written as comments in the revision):\n');
  if (at < 0) return [];
  const lines = stdout.slice(stdout.indexOf('\n', at) + 1).split('\n');
  const shown: Shown[] = [];
  for (const line of lines) {
    const match = /^ {2}(error|warning|info) ([a-z-]+): (.*)$/.exec(line);
    if (!match) break;
    shown.push({ severity: match[1]!, rule: match[2]!, message: match[3]! });
  }
  return shown;
}

/**
 * The `// lint <rule> (<severity>): <message>` comments of a revision file, each with its wrapped continuation
 * lines (`//   …`) joined back with single spaces, in file order.
 */
function commentFindings(source: string): Shown[] {
  const shown: Array<{ severity: string; rule: string; message: string }> = [];
  let inLint = false;
  for (const line of source.split('\n')) {
    const head = /^\s*\/\/ lint ([a-z-]+) \((error|warning|info)\): (.*)$/.exec(line);
    if (head) {
      shown.push({ rule: head[1]!, severity: head[2]!, message: head[3]! });
      inLint = true;
      continue;
    }
    const more = /^\s*\/\/ {3}(\S.*)$/.exec(line);
    if (inLint && more) shown[shown.length - 1]!.message += ` ${more[1]}`;
    else inLint = false;
  }
  return shown;
}

const tags = (shown: ReadonlyArray<Shown>): string[] => shown.map((f) => `${f.severity} ${f.rule}`);

const revisionPath = (dir: string, slug: string): string => {
  const file = readdirSync(join(dir, 'migrations')).find((f) => f.endsWith(`_${slug}.ts`));
  if (!file) throw new Error(`no revision file *_${slug}.ts in ${dir}/migrations`);
  return join(dir, 'migrations', file);
};
const revisionId = (dir: string, slug: string): string => /export const revision = '(\w+)'/.exec(readFileSync(revisionPath(dir, slug), 'utf8'))![1]!;

/** Inserts hand-written SQL as the first op of a revision's upgrade (what a user does for a backfill). */
function prependExecute(file: string, sql: string): void {
  const source = readFileSync(file, 'utf8');
  const marker = 'export function upgrade(op: Operations): void {\n';
  expect(source).toContain(marker);
  writeFileSync(file, source.replace(marker, `${marker}  op.execute(${JSON.stringify(sql)});\n`));
}

/** The `autogen lint --json` document. */
interface LintJson {
  readonly revisions: string[];
  readonly failOn: string;
  readonly findings: Array<{
    readonly opIndex: number;
    readonly rule: string;
    readonly severity: string;
    readonly message: string;
    readonly revision: string;
    readonly file: string;
    readonly table?: string;
    readonly column?: string;
    readonly constraint?: string;
    readonly checked?: string;
  }>;
}

function lintJson(stdout: string): LintJson {
  const doc = JSON.parse(stdout) as LintJson;
  expect(Object.keys(doc).sort()).toEqual(['failOn', 'findings', 'revisions']);
  for (const f of doc.findings) {
    expect(typeof f.opIndex).toBe('number');
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(f.rule).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(typeof f.message).toBe('string');
    expect(doc.revisions).toContain(f.revision);
    // Paths are shown relative to the project, as in the human output.
    expect(f.file).toMatch(/^migrations\/\d{8}_\d{6}_\w+_[\w-]+\.ts$/);
  }
  return doc;
}

describe('lint on SQLite (Drizzle models, live database file)', () => {
  const dir = makeProject('lint-sqlite');
  const initial = `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  name: text('name'),
  email: text('email'),
  nickname: text('nickname'),
  age: integer('age'),
});
export const posts = sqliteTable('posts', { id: integer('id').primaryKey(), userId: integer('user_id'), title: text('title') });
export const legacy = sqliteTable('legacy', { id: integer('id').primaryKey() });
`;
  /** name NOT NULL, a unique index on email, age integer -> text, nickname and legacy dropped, posts.user_id a foreign key. */
  const risky = `
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email'),
  age: text('age'),
}, (t) => [uniqueIndex('users_email_unique').on(t.email)]);
export const posts = sqliteTable('posts', { id: integer('id').primaryKey(), userId: integer('user_id').references(() => users.id), title: text('title') });
`;
  /** users renamed to people, name to full_name, email to mail, which becomes NOT NULL. */
  const renamed = `
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
export const people = sqliteTable('people', {
  id: integer('id').primaryKey(),
  fullName: text('full_name').notNull(),
  mail: text('mail').notNull(),
  age: text('age'),
}, (t) => [uniqueIndex('users_email_unique').on(t.mail)]);
export const posts = sqliteTable('posts', { id: integer('id').primaryKey(), userId: integer('user_id').references(() => people.id), title: text('title') });
`;
  const sql = (statements: string): void => {
    const db = new Database(join(dir, 'app.db'));
    try {
      db.exec(statements);
    } finally {
      db.close();
    }
  };
  let initId: string;

  beforeAll(() => {
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': initial });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    initId = revisionId(dir, 'init');
  });

  test('rows that violate the change: NOT NULL, unique and foreign-key findings become errors; every static rule is printed and commented', () => {
    sql(`
      INSERT INTO users (id, name, email) VALUES (1, NULL, 'a@example.com'), (2, 'Bo', 'a@example.com'), (3, 'Cy', 'c@example.com');
      INSERT INTO posts (id, user_id, title) VALUES (1, 1, 'ok'), (2, 99, 'orphan');
      INSERT INTO legacy (id) VALUES (1);
    `);
    writeFiles(dir, { 'src/schema.ts': risky });
    const gen = autogen(dir, ['--message', 'risky']);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain('Lint (8 finding(s); written as comments in the revision):\n');
    const printed = printedFindings(gen.stdout);
    // Sorted by op index (posts rebuild, users rebuild, drop legacy), then rule id.
    expect(tags(printed)).toEqual([
      'error foreign-key-orphans',
      'info table-rebuild',
      'error drop-column',
      'error not-null-without-default',
      'info table-rebuild',
      'warning type-change',
      'error unique-on-duplicates',
      'error drop-table',
    ]);
    const message = (rule: string, table?: string): string => printed.find((f) => f.rule === rule && (!table || f.message.includes(table)))!.message;
    // The probes counted the violating rows.
    expect(message('not-null-without-default')).toBe(
      'alter column users.name set NOT NULL: fails, 1 row(s) hold NULL in it; backfill them (UPDATE ... SET name = ... WHERE name IS NULL) first',
    );
    expect(message('unique-on-duplicates')).toBe('create unique index users_email_unique on users(email): fails, 1 value(s) occur in more than one row; resolve them first');
    expect(message('foreign-key-orphans')).toBe('add foreign key posts(user_id) -> users(id): fails, 1 row(s) of posts reference no users row; fix or delete them first');
    expect(message('drop-column')).toMatch(/^drop column users\.nickname: deletes its value in every row/);
    expect(message('drop-table')).toMatch(/^drop table legacy: deletes every row it holds/);
    expect(message('type-change')).toMatch(/^alter column users\.age: type integer -> text; values that do not convert make the migration fail/);
    expect(message('table-rebuild', 'posts')).toMatch(/^rebuild table posts: copies every row into a new table/);
    expect(message('table-rebuild', 'users')).toMatch(/^rebuild table users: copies every row into a new table/);

    // The revision file holds the same findings as comments, above the op they are about.
    const source = readFileSync(revisionPath(dir, 'risky'), 'utf8');
    expect(commentFindings(source)).toEqual(printed);
    expect(source).toMatch(/\/\/ lint drop-table \(error\): drop table legacy[^\n]*\n(\s*\/\/[^\n]*\n)*\s*op\.dropTable\('legacy'/);
    expect(source).toMatch(/\/\/ lint foreign-key-orphans \(error\): [^\n]*\n(\s*\/\/[^\n]*\n)*\s*op\.rebuildTable\('posts'/);
    expect(source).toMatch(/\/\/ lint not-null-without-default \(error\): [^\n]*\n(\s*\/\/[^\n]*\n)*\s*op\.rebuildTable\('users'/);
    // The downgrade is not linted.
    expect(source.slice(source.indexOf('export function downgrade'))).not.toContain('// lint ');
  });

  test('autogen lint on the pending revision: the probed findings, exit 1 at --fail-on, 2 on bad input, --json', () => {
    const riskyId = revisionId(dir, 'risky');
    const run = autogen(dir, ['lint']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${riskyId} risky (migrations/${revisionPath(dir, 'risky').split('/').pop()}): 8 finding(s)\n`);
    expect(run.stdout).toContain(
      '  error not-null-without-default: alter column users.name set NOT NULL: fails, 1 row(s) hold NULL in it; backfill them (UPDATE ... SET name = ... WHERE name IS NULL) first (checked against the data)\n',
    );
    expect(run.stdout.match(/\(checked against the data\)/g)).toHaveLength(3);
    expect(run.stdout).toContain('Failing: findings at error or worse (--fail-on error).');
    // An error fails every threshold.
    expect(autogen(dir, ['lint', '--fail-on', 'warning']).code).toBe(1);
    expect(autogen(dir, ['lint', '--fail-on', 'info']).code).toBe(1);
    // Named by id or by prefix.
    expect(autogen(dir, ['lint', riskyId.slice(0, 6)]).code).toBe(1);

    const json = autogen(dir, ['lint', '--json']);
    expect(json.code).toBe(1);
    const doc = lintJson(json.stdout);
    expect(doc.revisions).toEqual([riskyId]);
    expect(doc.failOn).toBe('error');
    expect(doc.findings.map((f) => `${f.opIndex} ${f.severity} ${f.rule}${f.checked ? ` ${f.checked}` : ''}`)).toEqual([
      '0 error foreign-key-orphans data',
      '0 info table-rebuild',
      '1 error drop-column',
      '1 error not-null-without-default data',
      '1 info table-rebuild',
      '1 warning type-change',
      '1 error unique-on-duplicates data',
      '2 error drop-table',
    ]);
    expect(doc.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'drop-column', table: 'users', column: 'nickname', revision: riskyId }),
        expect.objectContaining({ rule: 'not-null-without-default', table: 'users', column: 'name', checked: 'data' }),
        expect.objectContaining({ rule: 'unique-on-duplicates', table: 'users', constraint: 'users_email_unique', checked: 'data' }),
        expect.objectContaining({ rule: 'foreign-key-orphans', table: 'posts', checked: 'data' }),
        expect.objectContaining({ rule: 'type-change', table: 'users', column: 'age' }),
        expect.objectContaining({ rule: 'drop-table', table: 'legacy' }),
      ]),
    );
    expect(lintJson(autogen(dir, ['lint', '--json', '--fail-on', 'info']).stdout).failOn).toBe('info');

    // Without a database: the head, linted statically (the data-dependent findings stay warnings); nothing is created.
    const offline = autogen(dir, ['lint', '--json', '--url', 'sqlite:./none.db']);
    expect(offline.code).toBe(1);
    const staticDoc = lintJson(offline.stdout);
    expect(staticDoc.revisions).toEqual([riskyId]);
    expect(staticDoc.findings.filter((f) => f.checked !== undefined)).toEqual([]);
    expect(staticDoc.findings.filter((f) => ['not-null-without-default', 'unique-on-duplicates', 'foreign-key-orphans'].includes(f.rule)).map((f) => f.severity)).toEqual([
      'warning',
      'warning',
      'warning',
    ]);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);

    const unknown = autogen(dir, ['lint', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no revision matches "nope"');
    const badFailOn = autogen(dir, ['lint', '--fail-on', 'fatal']);
    expect(badFailOn.code).toBe(2);
    expect(badFailOn.stderr).toContain('unknown --fail-on "fatal"');
    expect(badFailOn.stderr).toContain('use one of: info, warning, error');
    const unknownJson = autogen(dir, ['lint', 'nope', '--json']);
    expect(unknownJson.code).toBe(2);
    expect(JSON.parse(unknownJson.stdout)).toEqual({ error: { message: expect.stringContaining('no revision matches "nope"') } });
    expect(unknownJson.stderr).toContain('no revision matches "nope"');
  });

  test('check with the revision pending: --fail-on warning turns the lint findings into a failure', () => {
    const riskyId = revisionId(dir, 'risky');
    // Pending alone is drift (exit 1) whatever --fail-on says; the findings are listed either way.
    const plain = autogen(dir, ['check', '--json']);
    expect(plain.code).toBe(1);
    const plainReport = JSON.parse(plain.stdout) as { status: string; lint: Array<{ rule: string; severity: string; revision: string }> };
    expect(plainReport.status).toBe('drift');
    expect(plainReport.lint).toHaveLength(8);
    expect(plainReport.lint).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'drop-table', severity: 'error', revision: riskyId })]));
    const failing = autogen(dir, ['check', '--json', '--fail-on', 'warning']);
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout)).toMatchObject({ status: 'failed', exitCode: 1 });
    const human = autogen(dir, ['check', '--fail-on', 'warning']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('Lint (8 finding(s), failing on warning or worse):');
    expect(human.stdout).toContain(`  error not-null-without-default [${riskyId}]: alter column users.name set NOT NULL: fails, 1 row(s) hold NULL in it`);
    // check accepts warning and error only.
    const info = autogen(dir, ['check', '--fail-on', 'info']);
    expect(info.code).toBe(2);
    expect(info.stderr).toContain('unknown --fail-on "info"');
  });

  test('clean rows: the probes remove the NOT NULL, unique and foreign-key findings; linted later, the revision gets the static warnings', () => {
    rmSync(revisionPath(dir, 'risky'));
    sql(`
      UPDATE users SET name = 'Ada' WHERE id = 1;
      UPDATE users SET email = 'b@example.com' WHERE id = 2;
      DELETE FROM posts WHERE id = 2;
    `);
    const gen = autogen(dir, ['--message', 'clean']);
    expect(gen.code).toBe(0);
    const printed = printedFindings(gen.stdout);
    expect(tags(printed)).toEqual(['info table-rebuild', 'error drop-column', 'info table-rebuild', 'warning type-change', 'error drop-table']);
    expect(commentFindings(readFileSync(revisionPath(dir, 'clean'), 'utf8'))).toEqual(printed);

    // The probes were right: the upgrade goes through.
    const up = autogen(dir, ['upgrade', 'head']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const lintNothing = autogen(dir, ['lint']);
    expect(lintNothing.code).toBe(0);
    expect(lintNothing.stdout).toContain('Nothing to lint: the database has applied every revision');

    // The database is no longer at the revision's parent, so no probe runs: the data-dependent findings are warnings.
    const cleanId = revisionId(dir, 'clean');
    const later = lintJson(autogen(dir, ['lint', cleanId, '--json']).stdout);
    expect(later.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual([
      'warning foreign-key-orphans',
      'info table-rebuild',
      'error drop-column',
      'warning not-null-without-default',
      'info table-rebuild',
      'warning type-change',
      'warning unique-on-duplicates',
      'error drop-table',
    ]);
    expect(later.findings.find((f) => f.rule === 'not-null-without-default')!.message).toBe(
      'alter column users.name set NOT NULL: fails if any row holds NULL in it; backfill the NULLs (UPDATE ... SET name = ... WHERE name IS NULL) first',
    );
  });

  test('renames: rename-breaks-clients; probes follow the renames; an execute op (raw-sql) stops them', () => {
    sql("INSERT INTO users (id, name, email) VALUES (10, 'Zed', NULL);");
    writeFiles(dir, { 'src/schema.ts': renamed });
    const gen = autogen(dir, ['--message', 'renames', '--rename', 'users=people', '--rename', 'people.name=full_name', '--rename', 'people.email=mail']);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    const printed = printedFindings(gen.stdout);
    expect(tags(printed)).toEqual([
      'warning rename-breaks-clients',
      'error not-null-without-default',
      'warning rename-breaks-clients',
      'warning rename-breaks-clients',
      'info table-rebuild',
    ]);
    expect(printed.filter((f) => f.rule === 'rename-breaks-clients').map((f) => f.message)).toEqual([
      'rename table users to people: deployed code that still uses users fails until it is redeployed; deploy code that no longer needs the old name first (or keep a view named users for the switch-over)',
      'rename column people.email to mail: deployed code that still uses email fails until it is redeployed; to avoid downtime add mail, write both and backfill, switch readers over, then drop email',
      'rename column people.name to full_name: deployed code that still uses name fails until it is redeployed; to avoid downtime add full_name, write both and backfill, switch readers over, then drop name',
    ]);
    // The probe counted NULLs in users.email, the names the database has before the revision.
    expect(printed[1]!.message).toContain('alter column people.mail set NOT NULL: fails, 1 row(s) hold NULL in it');
    const file = revisionPath(dir, 'renames');
    const source = readFileSync(file, 'utf8');
    expect(commentFindings(source)).toEqual(printed);
    expect(source).toMatch(/\/\/ lint rename-breaks-clients \(warning\): rename table users to people[^\n]*\n(\s*\/\/[^\n]*\n)*\s*op\.renameTable\('users', 'people'\)/);
    expect(autogen(dir, ['lint']).code).toBe(1);

    // A hand-written backfill before the change: raw-sql, and the NOT NULL finding is a static warning again.
    prependExecute(file, "UPDATE users SET email = 'none@example.com' WHERE email IS NULL");
    const run = autogen(dir, ['lint']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('  info raw-sql: execute SQL "UPDATE users SET email = \'none@example.com\' WHERE email IS NULL": hand-written SQL is not analysed');
    expect(run.stdout).toContain('  warning not-null-without-default: alter column people.mail set NOT NULL: fails if any row holds NULL in it');
    expect(run.stdout).not.toContain('checked against the data');
    // Warnings and infos only: exit 0 at the default threshold (error), 1 at warning or info.
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Failing:');
    expect(autogen(dir, ['lint', '--fail-on', 'error']).code).toBe(0);
    expect(autogen(dir, ['lint', '--fail-on', 'warning']).code).toBe(1);
    expect(autogen(dir, ['lint', '--fail-on', 'info']).code).toBe(1);
    const doc = lintJson(autogen(dir, ['lint', '--json']).stdout);
    expect(doc.findings[0]).toMatchObject({ opIndex: 0, rule: 'raw-sql', severity: 'info' });
    expect(doc.findings.map((f) => f.rule)).toEqual([
      'raw-sql',
      'rename-breaks-clients',
      'not-null-without-default',
      'rename-breaks-clients',
      'rename-breaks-clients',
      'table-rebuild',
    ]);

    // Pending with warnings only: --fail-on error does not fail on lint (the pending revision is still drift).
    expect(JSON.parse(autogen(dir, ['check', '--json', '--fail-on', 'error']).stdout)).toMatchObject({ status: 'drift' });
    expect(JSON.parse(autogen(dir, ['check', '--json', '--fail-on', 'warning']).stdout)).toMatchObject({ status: 'failed' });

    // The backfill makes the upgrade pass and the renames keep the rows.
    const up = autogen(dir, ['upgrade', 'head']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const db = new Database(join(dir, 'app.db'), { readonly: true });
    expect(db.prepare('SELECT id, full_name, mail FROM people ORDER BY id').all()).toEqual([
      { id: 1, full_name: 'Ada', mail: 'a@example.com' },
      { id: 2, full_name: 'Bo', mail: 'b@example.com' },
      { id: 3, full_name: 'Cy', mail: 'c@example.com' },
      { id: 10, full_name: 'Zed', mail: 'none@example.com' },
    ]);
    db.close();
  });

  test('check at head: exit 0, with or without --fail-on; --since relints applied revisions and fails on their findings', () => {
    expect(autogen(dir, ['check']).code).toBe(0);
    expect(autogen(dir, ['check', '--fail-on', 'warning']).code).toBe(0);
    const cleanId = revisionId(dir, 'clean');
    // The revisions after "clean" (renames): warnings only.
    expect(autogen(dir, ['check', '--since', cleanId]).code).toBe(0);
    expect(autogen(dir, ['check', '--fail-on', 'error', '--since', cleanId]).code).toBe(0);
    const failing = autogen(dir, ['check', '--fail-on', 'warning', '--since', cleanId]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('Lint (6 finding(s), failing on warning or worse):');
    expect(failing.stdout).toContain(`  info raw-sql [${revisionId(dir, 'renames')}]`);
    // From the start: "clean" drops a table and a column.
    expect(autogen(dir, ['check', '--fail-on', 'error', '--since', initId]).code).toBe(1);
    expect(autogen(dir, ['check', '--fail-on', 'error', '--since', 'base']).code).toBe(1);
  });
});

describe('lint on PostgreSQL (Drizzle models, live server)', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const dir = makeProject('lint-pg');
  const initial = `
import { bigint, integer, pgEnum, pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';
export const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name'),
  email: text('email'),
  nickname: varchar('nickname', { length: 100 }),
  points: bigint('points', { mode: 'number' }),
  mood: mood('mood'),
});
export const posts = pgTable('posts', { id: serial('id').primaryKey(), userId: integer('user_id'), title: text('title') });
export const events = pgTable('events', { id: integer('id').primaryKey(), kind: text('kind') });
`;
  /** Label 'sad' removed, name NOT NULL, email unique, varchar(100) -> varchar(20), bigint -> integer, a foreign key, two indexes. */
  const risky = (extra = ''): string => `
import { index, integer, pgEnum, pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';
export const mood = pgEnum('mood', ['ok', 'happy']);
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').unique(),
  nickname: varchar('nickname', { length: 20 }),
  points: integer('points'),
  mood: mood('mood'),${extra}
});
export const posts = pgTable('posts', { id: serial('id').primaryKey(), userId: integer('user_id').references(() => users.id), title: text('title') }, (t) => [index('posts_title_idx').on(t.title)]);
export const events = pgTable('events', { id: integer('id').primaryKey(), kind: text('kind') }, (t) => [index('events_kind_idx').on(t.kind)]);
`;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
    writeFiles(dir, {
      'autogen.config.ts': `import { defineConfig } from '@autogen/cli';
export default defineConfig({ dialect: 'postgresql', adapter: 'drizzle', models: ['./src/schema.ts'] });
`,
      'src/schema.ts': initial,
    });
    expect(autogen(dir, ['--message', 'init'], env).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head'], env).code).toBe(0);
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('violating rows and a table over 100 000 rows: errors for NULLs, duplicates and orphans, a warning for the index build', async () => {
    await db.exec(`
      INSERT INTO users (name, email, nickname, points, mood) VALUES (NULL, 'a@example.com', 'ada', 1, 'ok'), ('Bo', 'a@example.com', 'bo', 2, 'happy'), ('Cy', 'c@example.com', 'cy', 3, NULL);
      INSERT INTO posts (user_id, title) VALUES (1, 'ok'), (99, 'orphan');
      INSERT INTO events (id, kind) SELECT g, 'click' FROM generate_series(1, 100001) AS g;
    `);
    writeFiles(dir, { 'src/schema.ts': risky() });
    const gen = autogen(dir, ['--message', 'risky'], env);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    const printed = printedFindings(gen.stdout);
    expect(tags(printed)).toEqual([
      'error enum-label-removed',
      'warning blocking-index-build',
      'error foreign-key-orphans',
      'error not-null-without-default',
      'error type-narrowing',
      'error type-narrowing',
      'error unique-on-duplicates',
    ]);
    expect(printed.map((f) => f.message)).toEqual([
      "alter enum mood: removing 'sad' fails if rows still hold it (used by users.mood) and breaks deployed code that writes it; update those rows and that code first",
      'create index events_kind_idx on events: the table has more than 100000 rows and without CONCURRENTLY writes to it are blocked while the index builds; use --concurrent-indexes (or concurrently: true)',
      'add foreign key posts(user_id) -> users(id): fails, 1 row(s) of posts reference no users row; fix or delete them first',
      'alter column users.name set NOT NULL: fails, 1 row(s) hold NULL in it; backfill them (UPDATE ... SET name = ... WHERE name IS NULL) first',
      'alter column users.nickname: type varchar(100) -> varchar(20) is narrower, so values that do not fit are truncated or make the migration fail; check (or fix) the data first, or keep the wider type',
      'alter column users.points: type bigint -> integer is narrower, so values that do not fit are truncated or make the migration fail; check (or fix) the data first, or keep the wider type',
      'add unique on users(email): fails, 1 value(s) occur in more than one row; resolve them first',
    ]);
    // posts has 2 rows: its index build is no finding once the table size is known.
    expect(gen.stdout).not.toContain('posts_title_idx on posts:');
    const source = readFileSync(revisionPath(dir, 'risky'), 'utf8');
    expect(commentFindings(source)).toEqual(printed);
    expect(source).toMatch(/\/\/ lint enum-label-removed \(error\): [^\n]*\n(\s*\/\/[^\n]*\n)*\s*op\.alterEnum\('mood'/);
    expect(source).toMatch(/\/\/ lint blocking-index-build \(warning\): [^\n]*\n(\s*\/\/[^\n]*\n)*\s*op\.createIndex\('events'/);

    const doc = lintJson(autogen(dir, ['lint', '--json'], env).stdout);
    expect(doc.findings.filter((f) => f.checked === 'data').map((f) => f.rule)).toEqual([
      'blocking-index-build',
      'foreign-key-orphans',
      'not-null-without-default',
      'unique-on-duplicates',
    ]);
    expect(doc.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'blocking-index-build', severity: 'warning', table: 'events', constraint: 'events_kind_idx' }),
        expect.objectContaining({ rule: 'type-narrowing', table: 'users', column: 'nickname' }),
        expect.objectContaining({ rule: 'type-narrowing', table: 'users', column: 'points' }),
      ]),
    );
  });

  test('clean rows: only the static errors and the large-table warning remain; the upgrade passes; linted later, the static severities', async () => {
    rmSync(revisionPath(dir, 'risky'));
    await db.exec(`
      UPDATE users SET name = 'Ada' WHERE name IS NULL;
      UPDATE users SET email = 'b@example.com' WHERE name = 'Bo';
      DELETE FROM posts WHERE user_id = 99;
    `);
    const gen = autogen(dir, ['--message', 'clean'], env);
    expect(gen.code).toBe(0);
    const printed = printedFindings(gen.stdout);
    expect(tags(printed)).toEqual(['error enum-label-removed', 'warning blocking-index-build', 'error type-narrowing', 'error type-narrowing']);
    expect(commentFindings(readFileSync(revisionPath(dir, 'clean'), 'utf8'))).toEqual(printed);
    const up = autogen(dir, ['upgrade', 'head'], env);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(autogen(dir, ['check'], env).code).toBe(0);

    // Applied: linting it again cannot probe (the database is past its parent). Index builds are then infos.
    const run = autogen(dir, ['lint', revisionId(dir, 'clean')], env);
    expect(run.code).toBe(1);
    const shown = run.stdout.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(':')[0]);
    expect(shown).toEqual([
      'error enum-label-removed',
      'info blocking-index-build',
      'warning foreign-key-orphans',
      'info blocking-index-build',
      'warning not-null-without-default',
      'error type-narrowing',
      'error type-narrowing',
      'warning unique-on-duplicates',
    ]);
    expect(run.stdout).toContain(
      '  info blocking-index-build: create index posts_title_idx on posts: without CONCURRENTLY it blocks writes to posts while it builds; for a large table use --concurrent-indexes (or concurrently: true)\n',
    );
    expect(run.stdout).not.toContain('checked against the data');
  });

  test('a NOT NULL column added to a table with rows is an error; a backfill execute before it leaves the static warning and raw-sql', () => {
    writeFiles(dir, { 'src/schema.ts': risky("\n  score: integer('score').notNull(),") });
    const gen = autogen(dir, ['--message', 'score'], env);
    expect(gen.code).toBe(0);
    const printed = printedFindings(gen.stdout);
    expect(printed).toEqual([
      {
        severity: 'error',
        rule: 'not-null-without-default',
        message: 'add column users.score NOT NULL without a default: fails, the table has rows; give it a default, or add it nullable, backfill it and then set NOT NULL',
      },
    ]);
    const file = revisionPath(dir, 'score');
    expect(commentFindings(readFileSync(file, 'utf8'))).toEqual(printed);
    expect(autogen(dir, ['lint'], env).code).toBe(1);

    prependExecute(file, 'SELECT 1');
    const run = autogen(dir, ['lint', '--json'], env);
    expect(run.code).toBe(0);
    const doc = lintJson(run.stdout);
    expect(doc.revisions).toEqual([revisionId(dir, 'score')]);
    expect(doc.findings.map((f) => ({ opIndex: f.opIndex, rule: f.rule, severity: f.severity, checked: f.checked }))).toEqual([
      { opIndex: 0, rule: 'raw-sql', severity: 'info', checked: undefined },
      { opIndex: 1, rule: 'not-null-without-default', severity: 'warning', checked: undefined },
    ]);
    expect(doc.findings[0]!.message).toBe('execute SQL "SELECT 1": hand-written SQL is not analysed; review it for data loss and long locks');
    expect(autogen(dir, ['lint', '--fail-on', 'warning'], env).code).toBe(1);
    expect(autogen(dir, ['lint', '--fail-on', 'info'], env).code).toBe(1);
    // check on the live database with this pending revision: --fail-on warning fails it on lint.
    expect(JSON.parse(autogen(dir, ['check', '--json'], env).stdout)).toMatchObject({ status: 'drift', exitCode: 1 });
    expect(JSON.parse(autogen(dir, ['check', '--json', '--fail-on', 'warning'], env).stdout)).toMatchObject({ status: 'failed', exitCode: 1 });
  });
});
