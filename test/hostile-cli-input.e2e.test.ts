/**
 * Hostile input to the process rather than the schema, through the real `autogen` binary (schema content:
 * test/hostile-input.e2e.test.ts):
 *
 * 1. A models module that prints the database URL: the password never reaches stdout/stderr.
 * 2. Revision messages that look like paths: the file lands in the migrations folder under a safe name, the
 *    message is kept verbatim; bad `--rev-id`s are refused.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';
import { drizzlePostgresConfig, listFiles, migrationFiles, writtenFile, inspectRevision, expectOk } from './support/hostile-project';

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
