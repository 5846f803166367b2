/**
 * The CLI loads only what a command needs (docs/architecture.md: "The CLI loads heavy modules lazily"). The real
 * binary runs under `node -r <preload>`; the preload records every module the process loaded: the CommonJS
 * modules (`Object.keys(require.cache)`) when the process exits, and every ES module as the loader resolves it
 * (a resolve hook registered with `module.register`), so an `import()` cannot slip past the record either.
 * Each test also asserts that modules the command does need were recorded, so an empty record cannot pass.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, BIN, drizzleSqliteConfig, makeProject, ROOT, writeFiles } from './support/cli';

/** The preload (CommonJS, so `-r` takes it). The log file comes from AUTOGEN_MODULE_LOG. */
const PRELOAD = `'use strict';
const { appendFileSync, writeFileSync } = require('node:fs');
const { register } = require('node:module');
const out = process.env.AUTOGEN_MODULE_LOG;
writeFileSync(out, '');
// Runs in the loader thread: one line per resolved ES module (file: URLs only; node: builtins are free).
const hooks = \`import { appendFileSync } from 'node:fs';
let out;
export function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.startsWith('file:')) appendFileSync(out, 'esm ' + result.url + '\\\\n');
  return result;
}
\`;
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { out } });
process.on('exit', () => {
  appendFileSync(out, Object.keys(require.cache).map((file) => 'cjs ' + file + '\\n').join(''));
});
`;

/** Nothing listens on port 1: any attempt to reach a PostgreSQL server fails at once. */
const UNREACHABLE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', PGHOST: '127.0.0.1', PGPORT: '1' };

/** One run of the real binary under the recording preload. */
interface RecordedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Absolute paths of every module file the process loaded. */
  readonly files: ReadonlyArray<string>;
  /** The packages those files belong to, sorted: `drizzle-orm`, `@mikro-orm/core`, `@autogen/cli`, ... */
  readonly packages: ReadonlyArray<string>;
}

/** Runs `node -r <preload> <BIN> ...args` in `dir` and returns what it loaded. */
function recordedRun(dir: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = {}): RecordedRun {
  const preload = join(dir, 'record-modules.cjs');
  const log = join(dir, `modules-${Date.now()}-${Math.random().toString(36).slice(2)}.log`);
  writeFiles(dir, { 'record-modules.cjs': PRELOAD });
  const result = spawnSync(process.execPath, ['-r', preload, BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', ...env, AUTOGEN_MODULE_LOG: log },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const files = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [kind, location] = [line.slice(0, 3), line.slice(4)];
    return kind === 'esm' ? fileURLToPath(location) : location;
  }))].filter((file) => file !== preload);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, files, packages: [...new Set(files.map(packageOf))].sort() };
}

/**
 * The package a module file belongs to: the name after the last `node_modules` (scoped names included), or
 * `@autogen/<folder>` for this repository's own packages (node resolves their workspace symlinks to
 * packages/* and adapters/*).
 */
function packageOf(file: string): string {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0) {
    const name = parts[at + 1] ?? '';
    return name.startsWith('@') ? `${name}/${parts[at + 2] ?? ''}` : name;
  }
  const [area, folder] = file.startsWith(ROOT + sep) ? file.slice(ROOT.length + 1).split(sep) : [];
  if (area === 'packages') return `@autogen/${folder}`;
  if (area === 'adapters') return `@autogen/adapter-${folder}`;
  return file;
}

/** The packages of `run` that are `name` or inside the scope `name` when it ends with `/`. */
function loaded(run: RecordedRun, names: ReadonlyArray<string>): string[] {
  return run.packages.filter((p) => names.some((name) => (name.endsWith('/') ? p.startsWith(name) : p === name)));
}

/** What neither offline check may load: the revision writer, the other ORMs. */
const NEVER_OFFLINE = ['ts-morph', '@ts-morph/', 'typeorm', '@mikro-orm/', '@autogen/render', '@autogen/adapter-typeorm', '@autogen/adapter-mikro-orm'];
/** The `pg` driver and the packages only it uses. */
const PG_DRIVER = ['pg', 'pg-pool', 'pg-protocol', 'pg-connection-string', 'pg-types', 'pgpass'];

describe('modules loaded by the CLI', () => {
  let sqliteDir: string;

  beforeAll(() => {
    sqliteDir = makeProject('startup-sqlite');
    writeFiles(sqliteDir, {
      'autogen.config.ts': drizzleSqliteConfig(),
      'src/schema.ts': `import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
});
`,
    });
    expect(autogen(sqliteDir, ['--message', 'init']).code).toBe(0);
  });

  test('check --offline on a Drizzle + SQLite project: no ts-morph, TypeORM, MikroORM, pg or PGlite', () => {
    const run = recordedRun(sqliteDir, ['check', '--offline']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Replayed 1 revision(s) into an in-memory SQLite database');
    // The record works: what this check needs is in it.
    expect(loaded(run, ['drizzle-orm', 'better-sqlite3', '@autogen/dialect-sqlite', '@autogen/adapter-drizzle'])).toEqual([
      '@autogen/adapter-drizzle', '@autogen/dialect-sqlite', 'better-sqlite3', 'drizzle-orm',
    ]);
    expect(loaded(run, [...NEVER_OFFLINE, ...PG_DRIVER, '@electric-sql/', '@autogen/dialect-postgres'])).toEqual([]);
  });

  test('--help loads neither drizzle-orm nor better-sqlite3 (nor the TypeScript compiler)', () => {
    const run = recordedRun(sqliteDir, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: autogen');
    expect(loaded(run, ['commander', '@autogen/cli'])).toEqual(['@autogen/cli', 'commander']);
    expect(loaded(run, ['drizzle-orm', 'better-sqlite3', 'typescript', ...NEVER_OFFLINE, ...PG_DRIVER, '@electric-sql/'])).toEqual([]);
  });

  test('control: the record does see ts-morph when a command loads it (writing a revision)', () => {
    const dir = makeProject('startup-control');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': "export {};\n" });
    const run = recordedRun(dir, ['revision', '-m', 'empty']);
    expect(run.code).toBe(0);
    expect(loaded(run, ['ts-morph', '@autogen/render'])).toEqual(['@autogen/render', 'ts-morph']);
  });

  describe('a Drizzle + PostgreSQL project', () => {
    let db: TestDatabase;
    let pgDir: string;

    beforeAll(async () => {
      db = await createTestDatabase();
      pgDir = makeProject('startup-pg');
      writeFiles(pgDir, {
        'autogen.config.ts': `import { defineConfig } from '@autogen/cli';
export default defineConfig({ dialect: 'postgresql', adapter: 'drizzle', models: ['./src/schema.ts'] });
`,
        'src/schema.ts': `import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  age: integer('age'),
});
`,
      });
      // Writing the revision needs the database; the offline check below runs with every server unreachable.
      expect(autogen(pgDir, ['--message', 'init'], { DATABASE_URL: db.url }).code).toBe(0);
    });
    afterAll(async () => {
      await db.drop();
    });

    test('check --offline loads PGlite but not pg', () => {
      const run = recordedRun(pgDir, ['check', '--offline'], UNREACHABLE);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Replayed 1 revision(s) into an embedded PostgreSQL (PGlite)');
      expect(loaded(run, ['@electric-sql/pglite', 'drizzle-orm', '@autogen/dialect-postgres'])).toEqual([
        '@autogen/dialect-postgres', '@electric-sql/pglite', 'drizzle-orm',
      ]);
      expect(loaded(run, [...NEVER_OFFLINE, ...PG_DRIVER, 'better-sqlite3', '@autogen/dialect-sqlite'])).toEqual([]);
    });
  });
});
