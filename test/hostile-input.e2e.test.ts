/**
 * Hostile input through the real `autogen` binary, on real SQLite files and a real PostgreSQL database
 * (test/quoting.e2e.test.ts and fixtures/pg-kitchen-sink cover ordinary odd names: mixed case, spaces, `"`):
 *
 * 1. Identifiers with quotes, `;DROP TABLE`, backslashes, emoji, combining characters, CJK, reserved words and
 *    exactly 63 bytes survive the full cycle (generate, upgrade, check, downgrade, upgrade) and an alter (a SQLite
 *    rebuild). PostgreSQL keeps only 63 bytes of a name: longer names, also those a naming convention makes, are
 *    refused (exit 2, nothing written) with the name and its byte length.
 * 2. Defaults and PostgreSQL comments full of quotes, `$$`, comment markers, line breaks, `${}` and backticks: the
 *    revision stays valid TypeScript with nothing but `op.*` calls in it, the database stores exactly those values,
 *    and the offline SQL (`upgrade --sql`, run through psql / sqlite3) stores them too.
 *
 * Passwords in model output and revision messages that look like paths: test/hostile-cli-input.e2e.test.ts.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, drizzleSqliteConfig, makeProject, ROOT, writeFiles, type CliRun } from './support/cli';
import { drizzlePostgresConfig, listFiles, writtenFile, inspectRevision, psql, sqlite3, expectOk } from './support/hostile-project';

/*
 * Identifier names. Each of the two 63-byte names is exactly PostgreSQL's limit in bytes, with far fewer
 * characters: 21 CJK characters of 3 bytes, and 15 emoji of 4 bytes plus 3 ASCII letters.
 */
const CJK_63 = '漢'.repeat(21);
const EMOJI_63 = `${'😀'.repeat(15)}abc`;
const ASCII_63 = `t${'x'.repeat(62)}`;
const QUOTES_TABLE = `t"q's;DROP TABLE x\\b`;

/** Models with hostile names, for `sqlite-core` or `pg-core`; `alter` adds a column, an index and a foreign key. */
function hostileModels(core: 'sqlite' | 'pg', alter: boolean): string {
  const table = core === 'sqlite' ? 'sqliteTable' : 'pgTable';
  return `
import { sql } from 'drizzle-orm';
import { check, index, integer, ${table} as table, text, unique } from 'drizzle-orm/${core}-core';

export const users = table('user', {
  id: integer('select').primaryKey(),
  name: text('a;DROP TABLE x').notNull(),
  order: text('order'),
});

export const odd = table(${JSON.stringify(QUOTES_TABLE)}, {
  id: integer('group').primaryKey(),
  emoji: text('😀 e\\u0301 漢字 "x"').default('x'),
  backslash: text('back\\\\slash \\'q\\''),
  owner: integer('user').references(() => users.id${alter ? ", { onDelete: 'cascade' }" : ''}),${alter ? "\n  extra: integer('where \"x\"; --').references(() => users.id)," : ''}
}, (t) => [
  index('ix */ /* "q" \`\${x}\`').on(t.emoji),
  unique('uq; DROP TABLE x --').on(t.emoji, t.owner),
  check('select', sql\`\${t.id} > 0\`),${alter ? "\n  index('ix2 \\'; --').on(t.extra)," : ''}
]);

export const long = table(${JSON.stringify(ASCII_63)}, {
  id: integer('id').primaryKey(),
  cjk: text(${JSON.stringify(CJK_63)}),
  emoji: text(${JSON.stringify(EMOJI_63)}),
}, (t) => [index(${JSON.stringify(`${'i'.repeat(60)}漢`)}).on(t.cjk)]);
`;
}

/** The hostile-identifier cycle on one dialect: generate, upgrade, check, no noise, downgrade, upgrade, alter. */
function identifierCycle(dir: string, env: NodeJS.ProcessEnv): void {
  const init = autogen(dir, ['--message', 'init'], env);
  expectOk(init);
  expect(inspectRevision(writtenFile(dir, init)).calls).toBeGreaterThan(0);
  expectOk(autogen(dir, ['upgrade', 'head'], env));
  expectOk(autogen(dir, ['check'], env));
  expect(autogen(dir, ['--message', 'again'], env).stdout).toContain('No changes');
  expectOk(autogen(dir, ['downgrade', 'base'], env));
  expectOk(autogen(dir, ['upgrade', 'head'], env));
  expectOk(autogen(dir, ['check'], env));
}

describe('hostile identifiers on SQLite', () => {
  test('quotes, ;DROP TABLE, backslashes, unicode, reserved words and 63-byte names: full cycle and a rebuild', () => {
    const dir = makeProject('hostile-ids-sqlite');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': hostileModels('sqlite', false) });
    identifierCycle(dir, {});

    const db = new Database(join(dir, 'app.db'));
    db.prepare(`INSERT INTO "user" ("select", "a;DROP TABLE x") VALUES (1, 'u')`).run();
    db.prepare(`INSERT INTO ${'"t""q\'s;DROP TABLE x\\b"'} ("group", "user") VALUES (1, 1)`).run();
    db.close();

    // Changing the foreign key's ON DELETE makes SQLite rebuild the table; the new column, key and index ride along.
    writeFiles(dir, { 'src/schema.ts': hostileModels('sqlite', true) });
    const alter = autogen(dir, ['--message', 'alter'], {});
    expectOk(alter);
    expect(alter.stdout).toContain('rebuild table');
    inspectRevision(writtenFile(dir, alter));
    expectOk(autogen(dir, ['upgrade', 'head'], {}));
    expectOk(autogen(dir, ['check'], {}));
    const after = new Database(join(dir, 'app.db'), { readonly: true });
    expect(after.prepare(`SELECT "group", "user" FROM ${'"t""q\'s;DROP TABLE x\\b"'}`).all()).toEqual([{ group: 1, user: 1 }]);
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE name = 'x'`).all()).toEqual([]);
    after.close();
    expectOk(autogen(dir, ['downgrade', 'base'], {}));
    expectOk(autogen(dir, ['upgrade', 'head'], {}));
    expectOk(autogen(dir, ['check'], {}));
  });

  test('SQLite has no identifier length limit: a 100-byte name is accepted', () => {
    const dir = makeProject('hostile-long-sqlite');
    const name = '漢'.repeat(34);
    writeFiles(dir, {
      'autogen.config.ts': drizzleSqliteConfig(),
      'src/schema.ts': `import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';\nexport const t = sqliteTable(${JSON.stringify(name)}, { id: integer('id').primaryKey() });\n`,
    });
    expectOk(autogen(dir, ['--message', 'init']));
    expectOk(autogen(dir, ['upgrade', 'head']));
    expectOk(autogen(dir, ['check']));
  });
});

describe('hostile identifiers on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('autogen_hostile');
  });
  afterAll(async () => {
    await db.drop();
  });

  test('quotes, ;DROP TABLE, backslashes, unicode, reserved words and 63-byte names: full cycle and an alter', async () => {
    const dir = makeProject('hostile-ids-pg');
    const env = { DATABASE_URL: db.url };
    writeFiles(dir, { 'autogen.config.ts': drizzlePostgresConfig(), 'src/schema.ts': hostileModels('pg', false) });
    identifierCycle(dir, env);
    const names = await db.exec(`SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i') ORDER BY 1`);
    expect(names.map((r) => r.relname)).toEqual(expect.arrayContaining([ASCII_63, QUOTES_TABLE, 'user', `${'i'.repeat(60)}漢`]));
    const columns = await db.exec(`SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 ORDER BY attnum`, [`"${ASCII_63}"`]);
    expect(columns.map((r) => r.attname)).toEqual(['id', CJK_63, EMOJI_63]);

    writeFiles(dir, { 'src/schema.ts': hostileModels('pg', true) });
    const alter = autogen(dir, ['--message', 'alter'], env);
    expectOk(alter);
    inspectRevision(writtenFile(dir, alter));
    expectOk(autogen(dir, ['upgrade', 'head'], env));
    expectOk(autogen(dir, ['check'], env));
    expectOk(autogen(dir, ['downgrade', 'base'], env));
    expect(await db.exec(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'autogen_%'`)).toEqual([]);
    expectOk(autogen(dir, ['upgrade', 'head'], env));
    expectOk(autogen(dir, ['check'], env));
    expectOk(autogen(dir, ['downgrade', 'base'], env));
  });

  /** Runs `args` on models that PostgreSQL would truncate: exit 2, the message, nothing written. */
  function expectRefused(models: string, config: string, args: ReadonlyArray<string>, expected: ReadonlyArray<string>): void {
    const dir = makeProject('hostile-too-long');
    writeFiles(dir, { 'autogen.config.ts': config, 'src/schema.ts': models });
    const before = listFiles(dir);
    const run = autogen(dir, args, { DATABASE_URL: db.url });
    expect(run.code).toBe(2);
    for (const text of expected) expect(run.stderr).toContain(text);
    expect(run.stderr).toContain('hint:');
    expect(run.stderr).not.toContain('    at '); // no stack trace without --verbose
    expect(listFiles(dir)).toEqual(before);
  }

  test('bug: names over 63 bytes were silently truncated by PostgreSQL (every later check reported drift); now refused with name and byte length', async () => {
    const longTable = `t${'x'.repeat(63)}`; // 64 bytes
    const cjk = '漢'.repeat(22); // 22 characters, 66 bytes
    const models = `import { integer, pgTable, text } from 'drizzle-orm/pg-core';
export const t = pgTable(${JSON.stringify(longTable)}, { id: integer('id').primaryKey(), c: text(${JSON.stringify(cjk)}) });
`;
    const expected = [`table ${JSON.stringify(longTable)} is 64 bytes`, `column ${JSON.stringify(cjk)} of table ${JSON.stringify(longTable)} is 66 bytes (22 characters)`, 'nothing was written'];
    expectRefused(models, drizzlePostgresConfig(), ['--message', 'init'], expected);
    expectRefused(models, drizzlePostgresConfig(), ['check'], expected);
    expectRefused(models, drizzlePostgresConfig(), ['revision', '--baseline', '-m', 'b'], expected);
    expect(await db.exec(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'txx%'`)).toEqual([]);
  });

  test('bug: index and constraint names over 63 bytes (explicit, or made by the naming convention) are refused too', () => {
    const explicitIndex = `ix_${'é'.repeat(31)}`; // 3 + 62 = 65 bytes, 34 characters
    expectRefused(
      `import { index, integer, pgTable } from 'drizzle-orm/pg-core';
export const t = pgTable('t', { id: integer('id').primaryKey() }, (t) => [index(${JSON.stringify(explicitIndex)}).on(t.id)]);
`,
      drizzlePostgresConfig(),
      ['--message', 'init'],
      [`index ${JSON.stringify(explicitIndex)} of table "t" is 65 bytes (34 characters)`],
    );
    // Each name fits; the convention's concatenation does not.
    const parent = `parent_${'p'.repeat(33)}`; // 40 bytes
    const child = `child_${'c'.repeat(24)}`; // 30 bytes
    const fkName = `fk_${child}_owner_id_${parent}`;
    const uqName = `uq_${child}_owner_id_${'z'.repeat(30)}`;
    expectRefused(
      `import { integer, pgTable } from 'drizzle-orm/pg-core';
export const parent = pgTable(${JSON.stringify(parent)}, { id: integer('id').primaryKey() });
export const child = pgTable(${JSON.stringify(child)}, { id: integer('id').primaryKey(), ownerId: integer('owner_id').unique().references(() => parent.id) });
`,
      drizzlePostgresConfig(
        `namingConvention: { fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s', uq: 'uq_%(table_name)s_%(column_0_N_name)s_${'z'.repeat(30)}' },`,
      ),
      ['--message', 'init'],
      [
        '2 names are',
        `foreign key ${JSON.stringify(fkName)} of table ${JSON.stringify(child)} is ${Buffer.byteLength(fkName)} bytes`,
        `unique constraint ${JSON.stringify(uqName)} of table ${JSON.stringify(child)} is ${Buffer.byteLength(uqName)} bytes`,
        'namingConvention',
      ],
    );
  });
});

/** Values that break naive quoting in SQL, TypeScript, comments and templates. */
const NASTY = [
  `it's`,
  `say "hi"`,
  'back\\slash\\',
  '$$ dollar $tag$',
  'end */ of comment',
  '/* open comment',
  'line\nbreak\r\nand CR\rend',
  '${process.exit(1)}',
  '`backtick`',
  '-- dash dash',
  `all: ' " \\ $$ */ /* \n \${x} \` -- ;DROP TABLE x`,
];

describe('hostile defaults and comments', () => {
  let db: TestDatabase;
  let replay: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('autogen_hostile');
    replay = await createTestDatabase('autogen_hostile');
  });
  afterAll(async () => {
    await db.drop();
    await replay.drop();
  });

  test('PostgreSQL table/column comments and defaults: valid revision, stored exactly, check clean, offline SQL through psql', async () => {
    const dir = makeProject('hostile-text-pg');
    const env = { DATABASE_URL: db.url };
    const columns = NASTY.map(
      (_, i) => `  @Column({ type: 'text', name: 'c${i}', default: NASTY[${i}], comment: NASTY[${i}] })\n  c${i}!: string;\n`,
    ).join('');
    writeFiles(dir, {
      'autogen.config.ts': `import { defineConfig } from '@autogen/cli';\nexport default defineConfig({ dialect: 'postgresql', adapter: 'typeorm', models: ['./src/entities.ts'] });\n`,
      'tsconfig.json': readFileSync(join(ROOT, 'fixtures', 'typeorm-shop', 'tsconfig.json'), 'utf8'),
      'src/entities.ts': `import { Column, Entity, PrimaryColumn } from 'typeorm';
export const NASTY: string[] = ${JSON.stringify(NASTY)};
@Entity({ name: 'note', comment: NASTY[${NASTY.length - 1}] })
export class Note {
  @PrimaryColumn({ type: 'integer' })
  id!: number;
${columns}}
`,
    });
    const init = autogen(dir, ['--message', 'init'], env);
    expectOk(init);
    inspectRevision(writtenFile(dir, init));
    expectOk(autogen(dir, ['upgrade', 'head'], env));
    expectOk(autogen(dir, ['check'], env));
    expect(autogen(dir, ['--message', 'again'], env).stdout).toContain('No changes');

    const stored = async (target: TestDatabase): Promise<void> => {
      await target.exec('INSERT INTO note (id) VALUES (1)');
      const row = (await target.exec(`SELECT ${NASTY.map((_, i) => `c${i}`).join(', ')} FROM note`))[0]!;
      expect(NASTY.map((_, i) => row[`c${i}`])).toEqual(NASTY);
      const comments = await target.exec(`SELECT col_description('note'::regclass, attnum) AS c FROM pg_attribute WHERE attrelid = 'note'::regclass AND attnum > 1 ORDER BY attnum`);
      expect(comments.map((r) => r.c)).toEqual(NASTY);
      expect(await target.exec(`SELECT obj_description('note'::regclass, 'pg_class') AS c`)).toEqual([{ c: NASTY[NASTY.length - 1] }]);
    };
    await stored(db);

    const sql = autogen(dir, ['upgrade', 'base:head', '--sql'], env);
    expectOk(sql);
    const ran = psql(replay.url, sql.stdout);
    expect(ran).toEqual({ code: 0, output: '' });
    await stored(replay);

    expectOk(autogen(dir, ['downgrade', 'base'], env));
    expect(await db.exec(`SELECT tablename FROM pg_tables WHERE tablename = 'note'`)).toEqual([]);
  });

  test('SQLite defaults: valid revision, stored exactly, check clean, downgrade and upgrade again', () => {
    const dir = makeProject('hostile-text-sqlite');
    const columns = NASTY.map((_, i) => `  c${i}: text('c${i}').notNull().default(NASTY[${i}]!),\n`).join('');
    writeFiles(dir, {
      'autogen.config.ts': drizzleSqliteConfig(),
      'src/schema.ts': `import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const NASTY: string[] = ${JSON.stringify(NASTY)};
export const note = sqliteTable('note', {
  id: integer('id').primaryKey(),
${columns}});
`,
    });
    const init = autogen(dir, ['--message', 'init']);
    expectOk(init);
    inspectRevision(writtenFile(dir, init));
    expectOk(autogen(dir, ['upgrade', 'head']));
    expectOk(autogen(dir, ['check']));
    expect(autogen(dir, ['--message', 'again']).stdout).toContain('No changes');
    const stored = (file: string): void => {
      const sqlite = new Database(file);
      sqlite.prepare('INSERT INTO note (id) VALUES (1)').run();
      const row = sqlite.prepare('SELECT * FROM note').get() as Record<string, unknown>;
      sqlite.close();
      expect(NASTY.map((_, i) => row[`c${i}`])).toEqual(NASTY);
    };
    stored(join(dir, 'app.db'));

    expectOk(autogen(dir, ['downgrade', 'base']));
    expectOk(autogen(dir, ['upgrade', 'head']));
    expectOk(autogen(dir, ['check']));
  });
});

describe('offline SQLite SQL through the sqlite3 shell', () => {
  /** A project whose column c<i> defaults to values[i]; its offline SQL from base. */
  function offlineScript(values: ReadonlyArray<string>): { dir: string; run: CliRun } {
    const dir = makeProject('hostile-offline-sqlite');
    writeFiles(dir, {
      'autogen.config.ts': drizzleSqliteConfig(),
      'src/schema.ts': `import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const note = sqliteTable('note', {
  id: integer('id').primaryKey(),
${values.map((v, i) => `  c${i}: text('c${i}').notNull().default(${JSON.stringify(v)}),\n`).join('')}});
`,
    });
    expectOk(autogen(dir, ['--message', 'init']));
    return { dir, run: autogen(dir, ['upgrade', 'base:head', '--sql']) };
  }

  test('defaults with quotes, comment markers, $$, ${} and line breaks are stored exactly', () => {
    const values = NASTY.map((v) => v.replace(/\r\n/g, '\n'));
    const { dir, run } = offlineScript(values);
    expectOk(run);
    const file = join(dir, 'offline.db');
    expect(sqlite3(file, run.stdout)).toEqual({ code: 0, output: '' });
    const sqlite = new Database(file);
    sqlite.prepare('INSERT INTO note (id) VALUES (1)').run();
    const row = sqlite.prepare('SELECT * FROM note').get() as Record<string, unknown>;
    sqlite.close();
    expect(values.map((_, i) => row[`c${i}`])).toEqual(values);
  });

  test('bug: the sqlite3 shell stored a CR LF inside a value as LF; such a script is now refused', () => {
    const { run } = offlineScript(['a\r\nb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the value "a\\r\\nb" holds a CR LF line break');
    expect(run.stderr).toContain('hint: apply this revision with `autogen upgrade`');
  });
});

describe('bug: offline SQL ran text from a revision message or a name after a line break in a -- comment', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('autogen_hostile');
  });
  afterAll(async () => {
    await db.drop();
  });

  // psql ends a `--` comment at LF and at CR; each must start a new `-- ` line.
  const MESSAGE = 'evil\nDROP TABLE victim;\r DROP TABLE victim;\n';
  /** Its `-- create table …` comment holds a CR. */
  const CR_TABLE = 't\rDROP TABLE victim; --';

  test('PostgreSQL: the message and a CR in a table name stay in comments when psql runs the script', async () => {
    const dir = makeProject('hostile-sql-comment-pg');
    writeFiles(dir, {
      'autogen.config.ts': drizzlePostgresConfig(),
      'src/schema.ts': `import { integer, pgTable } from 'drizzle-orm/pg-core';
export const t = pgTable(${JSON.stringify(CR_TABLE)}, { id: integer('id').primaryKey() });
`,
    });
    const empty = await createTestDatabase('autogen_hostile');
    try {
      expectOk(autogen(dir, ['--message', MESSAGE], { DATABASE_URL: empty.url }));
    } finally {
      await empty.drop();
    }
    await db.exec('CREATE TABLE victim (id integer)');
    const sql = autogen(dir, ['upgrade', 'base:head', '--sql']);
    expectOk(sql);
    expect(psql(db.url, sql.stdout)).toEqual({ code: 0, output: '' });
    expect(await db.exec(`SELECT tablename FROM pg_tables WHERE tablename IN ('victim', $1) ORDER BY tablename = 'victim'`, [CR_TABLE])).toEqual([{ tablename: CR_TABLE }, { tablename: 'victim' }]);
  });

  test('SQLite: the message and a table name in the rebuild trigger note stay in comments when sqlite3 runs the script', () => {
    const dir = makeProject('hostile-sql-comment-sqlite');
    const models = (cascade: boolean): string => `import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
export const p = sqliteTable('p', { id: integer('id').primaryKey() });
export const t = sqliteTable('t\\nDROP TABLE victim;\\n', { id: integer('id').primaryKey(), p: integer('p').references(() => p.id${cascade ? ", { onDelete: 'cascade' }" : ''}) });
`;
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': models(false) });
    expectOk(autogen(dir, ['--message', MESSAGE]));
    expectOk(autogen(dir, ['upgrade', 'head']));
    writeFiles(dir, { 'src/schema.ts': models(true) });
    const rebuild = autogen(dir, ['--message', MESSAGE]);
    expectOk(rebuild);
    expect(rebuild.stdout).toContain('rebuild table');
    const sql = autogen(dir, ['upgrade', 'base:head', '--sql']);
    expectOk(sql);
    expect(sql.stdout).toContain('Recreate here any triggers');
    const file = join(dir, 'offline.db');
    const setup = new Database(file);
    setup.exec('CREATE TABLE victim (id integer)');
    setup.close();
    expect(sqlite3(file, sql.stdout)).toEqual({ code: 0, output: '' });
    const check = new Database(file, { readonly: true });
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('victim', 'p') ORDER BY 1`).all()).toEqual([{ name: 'p' }, { name: 'victim' }]);
    check.close();
  });
});
