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
 * 3. A models module that prints the database URL: the password never reaches stdout/stderr.
 * 4. Revision messages that look like paths: the file lands in the migrations folder under a safe name, the
 *    message is kept verbatim; bad `--rev-id`s are refused.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, drizzleSqliteConfig, makeProject, ROOT, writeFiles, type CliRun } from './support/cli';

/** A Drizzle + PostgreSQL project config (the URL comes from DATABASE_URL unless `extra` sets one). */
function drizzlePostgresConfig(extra = ''): string {
  return `import { defineConfig } from '@autogen/cli';
export default defineConfig({
  dialect: 'postgresql',
  adapter: 'drizzle',
  models: ['./src/schema.ts'],
  ${extra}
});
`;
}

/** Every file under `dir` (relative paths), for "nothing else was written" checks. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith(`node_modules${sep}`)) // autogen's cache
    .sort();
}

function migrationFiles(dir: string): string[] {
  return existsSync(join(dir, 'migrations')) ? readdirSync(join(dir, 'migrations')).sort() : [];
}

/** The file a `revision`/`--message` run says it wrote. */
function writtenFile(dir: string, run: CliRun): string {
  const match = /^Wrote (.+\.ts)$/m.exec(run.stdout);
  if (!match) throw new Error(`no "Wrote" line in: ${run.stdout}${run.stderr}`);
  return join(dir, match[1]!);
}

/**
 * Parses a revision file with TypeScript's own parser and checks that it is exactly what a revision should be:
 * no syntax error, and only the header exports plus `upgrade`/`downgrade` whose every statement is an
 * `op.<method>(…)` call. So text from names, defaults or comments cannot have leaked out of a string or a
 * comment into code. Returns the value of the exported `message`.
 */
function inspectRevision(file: string): { readonly message: string; readonly calls: number } {
  const source = readFileSync(file, 'utf8');
  const diagnostics = ts.transpileModule(source, { reportDiagnostics: true, fileName: file }).diagnostics ?? [];
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names: string[] = [];
  let message: string | undefined;
  let calls = 0;
  for (const statement of parsed.statements) {
    if (ts.isImportDeclaration(statement)) {
      names.push('import');
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name.getText(parsed);
        names.push(name);
        if (name === 'message') {
          const init = declaration.initializer;
          expect(init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init))).toBe(true);
          message = (init as ts.StringLiteral).text;
        }
      }
    } else if (ts.isFunctionDeclaration(statement)) {
      names.push(statement.name?.text ?? '?');
      for (const inner of statement.body?.statements ?? []) {
        expect(ts.isExpressionStatement(inner) && ts.isCallExpression(inner.expression)).toBe(true);
        const callee = ((inner as ts.ExpressionStatement).expression as ts.CallExpression).expression;
        expect(ts.isPropertyAccessExpression(callee) && callee.expression.getText(parsed) === 'op').toBe(true);
        calls++;
      }
    } else {
      names.push(`unexpected ${ts.SyntaxKind[statement.kind]}: ${statement.getText(parsed).slice(0, 80)}`);
    }
  }
  expect(names).toEqual(['import', 'revision', 'parent', 'message', 'createdAt', 'upgrade', 'downgrade']);
  return { message: message as string, calls };
}

function psql(url: string, script: string): { code: number | null; output: string } {
  const result = spawnSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { input: script, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function sqlite3(file: string, script: string): { code: number | null; output: string } {
  const result = spawnSync('sqlite3', ['-bail', file], { input: script, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function expectOk(run: CliRun): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
}

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

describe('passwords in models that print the database URL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('autogen_hostile');
  });
  afterAll(async () => {
    await db.drop();
  });

  /** `db.url` with a password (the server trusts local connections, so any password connects). */
  const withPassword = (password: string): string => {
    const url = new URL(db.url);
    url.password = password;
    return url.toString();
  };

  /** A models module that prints the URL every way user code can, then fails as `how` says. */
  const LEAKY_MODELS = (how: 'throw' | 'timer' | 'none'): string => `import { readFileSync } from 'node:fs';
import { integer, pgTable } from 'drizzle-orm/pg-core';
const url = process.env.DATABASE_URL || process.argv.find((a) => a.startsWith('postgres')) || readFileSync(__dirname + '/../autogen.config.ts', 'utf8');
const password = /:\\/\\/[^:]*:([^@]*)@/.exec(url)?.[1] ?? '';
console.log('log: connecting to ' + url);
console.error('error: ' + url + ' password ' + decodeURIComponent(password));
process.stdout.write('raw stdout: ' + url + '\\n');
process.stderr.write(Buffer.from('raw stderr buffer: ' + decodeURIComponent(password) + '\\n'));
export const t = pgTable('t', { id: integer('id').primaryKey() });
${how === 'throw' ? "throw new Error('cannot reach ' + url + ' as ' + decodeURIComponent(password));" : ''}
${how === 'timer' ? "setTimeout(() => { throw new Error('late failure for ' + url); }, 0);" : ''}
`;

  /** Runs with the URL given one way; asserts the models printed it, masked, and that no form of `secrets` shows. */
  function expectMasked(how: 'throw' | 'timer' | 'none', url: string, via: 'env' | 'flag' | 'config', secrets: ReadonlyArray<string>): void {
    const dir = makeProject('hostile-secrets');
    writeFiles(dir, {
      'autogen.config.ts': drizzlePostgresConfig(via === 'config' ? `url: ${JSON.stringify(url)},` : ''),
      'src/schema.ts': LEAKY_MODELS(how),
    });
    for (const verbose of [[], ['--verbose']]) {
      // `check` loads the models and compares; it writes nothing, so both runs see the same project.
      const args = [...verbose, 'check', ...(via === 'flag' ? ['--url', url] : [])];
      // No model cache: every run loads (and so prints from) the models.
      const run = autogen(dir, args, { ...(via === 'env' ? { DATABASE_URL: url } : {}), AUTOGEN_NO_CACHE: '1' });
      const output = run.stdout + run.stderr;
      expect(output).toContain('log: connecting to ');
      expect(output).toContain('raw stderr buffer: ***');
      for (const secret of secrets) expect(output).not.toContain(secret);
      expect(run.code).toBe(how === 'none' ? 1 : 2); // none: drift (table t is missing)
      if (how === 'throw' && via !== 'config') expect(run.stderr).toContain(`cannot reach ${url.split(secrets[0]!).join('***')}`);
      if (how === 'timer') expect(run.stderr).toContain('late failure for ');
      if (verbose.length && how === 'throw') expect(run.stderr).toContain('    at '); // the stack trace is there, masked
    }
  }

  test('bug: console.log / process.stdout.write in a models module printed the DATABASE_URL password', () => {
    expectMasked('none', withPassword('s3cr3t-pw'), 'env', ['s3cr3t-pw']);
  });

  test('a models module that throws with the URL (env, --url, config), with and without --verbose', () => {
    expectMasked('throw', withPassword('s3cr3t-pw'), 'env', ['s3cr3t-pw']);
    expectMasked('throw', withPassword('s3cr3t-pw'), 'flag', ['s3cr3t-pw']);
    expectMasked('throw', withPassword('s3cr3t-pw'), 'config', ['s3cr3t-pw']);
  });

  test('a URL-encoded password: neither the encoded nor the decoded form is printed', () => {
    expectMasked('throw', withPassword('p%40ss-w0rd'), 'env', ['p%40ss-w0rd', 'p@ss-w0rd']);
    expectMasked('throw', withPassword('p%40ss-w0rd'), 'flag', ['p%40ss-w0rd', 'p@ss-w0rd']);
  });

  test('bug: an uncaught error thrown later by a models module (a timer) was printed by Node unmasked', () => {
    expectMasked('timer', withPassword('s3cr3t-pw'), 'env', ['s3cr3t-pw']);
  });

  test('bug: a password given as a ?password= query parameter was not masked', () => {
    const url = new URL(db.url);
    url.searchParams.set('password', 'qu3ry-pw');
    const dir = makeProject('hostile-secrets-query');
    writeFiles(dir, { 'autogen.config.ts': drizzlePostgresConfig(), 'src/schema.ts': LEAKY_MODELS('throw') });
    const run = autogen(dir, ['--verbose', 'check'], { DATABASE_URL: url.toString(), AUTOGEN_NO_CACHE: '1' });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain('log: connecting to ');
    expect(run.stdout + run.stderr).not.toContain('qu3ry-pw');
  });
});

describe('revision messages that look like paths', () => {
  const MESSAGES = ['../../x', 'a/b\\c', '..\\..\\evil', '/etc/passwd', `${'long message '.repeat(23)}end`.slice(0, 300), '!?.../\\*', '日本語 😀 e\u0301 мир', '..', 'line\nbreak */'];

  test('each file lands in migrations/ under a safe, bounded name; the message is kept verbatim', () => {
    const dir = makeProject('hostile-messages');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': "import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';\nexport const t = sqliteTable('t', { id: integer('id').primaryKey() });\n" });
    const migrations = join(dir, 'migrations');
    const ids: string[] = [];
    for (const message of MESSAGES) {
      const before = listFiles(dir);
      const run = autogen(dir, ['revision', '-m', message]);
      expectOk(run);
      const file = writtenFile(dir, run);
      expect(realpathSync(join(file, '..'))).toBe(realpathSync(migrations));
      const name = file.slice(migrations.length + 1);
      expect(name).toMatch(/^\d{8}_\d{6}_[0-9a-f]{12}_[a-z0-9_]{1,40}\.ts$/);
      expect(listFiles(dir)).toEqual([...before, `migrations${sep}${name}`].sort());
      expect(inspectRevision(file).message).toBe(message);
      ids.push(name.split('_')[2]!);
    }
    expect(MESSAGES[4]).toHaveLength(300);
    const history = autogen(dir, ['history']);
    expectOk(history);
    for (const message of MESSAGES) expect(history.stdout).toContain(message);
    const show = autogen(dir, ['show', ids[4]!]);
    expect(show.stdout).toContain(MESSAGES[4]);
    expectOk(autogen(dir, ['upgrade', 'head']));
  });

  test('--rev-id with a path or an empty value is refused and nothing is written (bug: an empty one was silently replaced by a random id)', () => {
    const dir = makeProject('hostile-rev-id');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': "import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';\nexport const t = sqliteTable('t', { id: integer('id').primaryKey() });\n" });
    for (const id of ['../x', '..', 'a/b', 'a\\b', '/tmp/x', '']) {
      const run = autogen(dir, ['revision', '-m', 'x', '--rev-id', id]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`invalid revision id "${id}"`);
      expect(migrationFiles(dir)).toEqual([]);
    }
    expect(existsSync(join(dir, '..', 'x'))).toBe(false);
  });
});
