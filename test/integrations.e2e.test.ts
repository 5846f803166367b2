/**
 * The CI and pre-commit examples of docs/ci/ run as written, on a Drizzle + SQLite project whose revisions were
 * written by the CLI:
 * - docs/ci/github-actions.yml: every `run:` step that calls autogen, executed with `sh -c` in a copy of the
 *   project the way the runner would (a step with `if: !cancelled()` also runs after a failed one), with no
 *   database file and no server;
 * - docs/ci/husky-pre-commit, installed as `.git/hooks/pre-commit` of a real git repository;
 * - docs/ci/lefthook.yml: each `pre-commit.commands.*` filtered by its `glob` against the staged files and run
 *   with `sh -c`, as lefthook does (no lefthook binary needed).
 *
 * `npx` is the real npm `npx`. It finds autogen the way it would in a user's project: in the project's
 * `node_modules/.bin/autogen`, here a shim that execs the repository's binary and logs its arguments (the log
 * proves npx ran the shim, not some other `autogen`). Runs get an environment without npm's variables and
 * without `node_modules/.bin` folders on PATH (jest itself runs under `npx`), and with npm offline, so a
 * failure to find the shim fails the test instead of downloading anything.
 *
 * Nothing waits for input: every hook runs with stdin ignored (or, once, held open and never written) and a
 * timeout that would show as a killed process.
 */
import Ajv2020 from 'ajv/dist/2020';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join, matchesGlob } from 'node:path';
import { parse } from 'yaml';
import { autogen, BIN, drizzleSqliteConfig, makeProject, ROOT, writeFiles } from './support/cli';

const CI = join(ROOT, 'docs', 'ci');

/** The project's models; `extra` adds columns to `users` (line 5 on is the first extra line). */
const schema = (extra = ''): string => `import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),${extra}
});
export const posts = sqliteTable('posts', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
});
`;
/** 1-based line of the first line `extra` adds to {@link schema}. */
const FIRST_EXTRA_LINE = 5;

/** What `npm install @autogen/cli` links as node_modules/.bin/autogen; this one also logs its arguments. */
const shim = (): string => `#!/bin/sh
# Test shim for node_modules/.bin/autogen: the repository's real binary.
if [ -n "$AUTOGEN_SHIM_LOG" ]; then printf '%s\\n' "$*" >> "$AUTOGEN_SHIM_LOG"; fi
exec '${process.execPath}' '${BIN}' "$@"
`;

/**
 * The environment of a hook or CI step: the caller's, minus npm's variables (which would point npx at this
 * repository), minus `node_modules/.bin` folders on PATH, minus git's variables; with npm offline.
 */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|GIT_)/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '').split(delimiter).filter((p) => !p.includes('node_modules')).join(delimiter);
  return { ...env, NO_COLOR: '1', DATABASE_URL: '', npm_config_offline: 'true', npm_config_update_notifier: 'false', ...extra };
}

/** Result of a shell command, hook or git run. */
interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command` with stdin ignored and a timeout; fails the test if the process had to be killed (it waited
 * for something) rather than ending by itself.
 */
function run(cwd: string, command: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  expect({ error: result.error?.message, signal: result.signal }).toEqual({ error: undefined, signal: null });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `sh -c command`, with stdin held open and never written: a command that read it would never end. */
function shWithOpenStdin(cwd: string, command: string, env: NodeJS.ProcessEnv): Promise<Run & { readonly timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** The lines the shim logged (one per autogen run through npx), and the log emptied. */
function shimCalls(log: string): string[] {
  if (!existsSync(log)) return [];
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  rmSync(log);
  return lines;
}

const reportValidator = (() => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs', 'schemas', 'check-report.v1.json'), 'utf8')) as object);
})();

/** A check report file, validated against its JSON Schema. */
function readReport(file: string): Record<string, unknown> {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  expect(reportValidator(report) ? [] : reportValidator.errors).toEqual([]);
  return report;
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * The fixture: a Drizzle + SQLite project with two revisions written and applied by the CLI (so app.db, the
 * developer's database, is at head), the autogen shim, a package.json and a .gitignore.
 */
let template: string;
beforeAll(() => {
  template = makeProject('ci-template');
  writeFiles(template, {
    'package.json': `${JSON.stringify({ name: 'ci-fixture', private: true, devDependencies: { '@autogen/cli': '0.1.0' } }, null, 2)}\n`,
    '.gitignore': 'node_modules/\n*.db\n*.db-*\nshim.log\n',
    'README.md': '# ci fixture\n',
    'autogen.config.ts': drizzleSqliteConfig(),
    'src/schema.ts': schema(),
    'node_modules/.bin/autogen': shim(),
  });
  chmodSync(join(template, 'node_modules', '.bin', 'autogen'), 0o755);
  expect(autogen(template, ['--message', 'init']).code).toBe(0);
  expect(autogen(template, ['upgrade', 'head']).code).toBe(0);
  writeFiles(template, { 'src/schema.ts': schema("\n  email: text('email'),") });
  expect(autogen(template, ['--message', 'add email']).code).toBe(0);
  expect(autogen(template, ['upgrade', 'head']).code).toBe(0);
});

/** A fresh copy of the fixture project; `withDatabase: false` leaves out every database file. */
function copyProject(name: string, { withDatabase }: { readonly withDatabase: boolean }): string {
  const dir = makeProject(name);
  cpSync(template, dir, { recursive: true, filter: (source) => withDatabase || !/\.db(-.*)?$/.test(source) });
  return dir;
}

const dbFiles = (dir: string): string[] => readdirSync(dir).filter((f) => /\.db(-.*)?$/.test(f));

describe('docs/ci/github-actions.yml', () => {
  interface Step {
    readonly name?: string;
    readonly id?: string;
    readonly if?: string;
    readonly run?: string;
    readonly uses?: string;
    readonly with?: Readonly<Record<string, unknown>>;
  }
  const workflow = parse(readFileSync(join(CI, 'github-actions.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  const jobs = Object.values(workflow.jobs);
  const steps = jobs.flatMap((job) => job.steps);
  const autogenSteps = steps.filter((s) => s.run !== undefined && /\bautogen\b/.test(s.run));

  test('the job checks out, sets up Node 20, runs npm ci, then autogen check --offline --format github --fail-on error', () => {
    expect(jobs).toHaveLength(1);
    const uses = steps.map((s) => s.uses?.split('@')[0]);
    expect(uses).toEqual(expect.arrayContaining(['actions/checkout', 'actions/setup-node', 'actions/upload-artifact']));
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    const install = steps.findIndex((s) => s.run === 'npm ci');
    expect(install).toBeGreaterThan(uses.indexOf('actions/setup-node'));
    expect(autogenSteps.map((s) => s.run)).toEqual([
      'npx --no-install autogen check --offline --format github --fail-on error',
      'npx --no-install autogen check --offline --fail-on error --json > autogen-check.json || [ $? -eq 1 ]',
    ]);
    for (const step of autogenSteps) expect(steps.indexOf(step)).toBeGreaterThan(install);
    // The annotating step decides the job: it runs unconditionally (only after the steps before it passed).
    expect(autogenSteps[0]!.if).toBeUndefined();
  });

  /** The job from `npm ci` on, run the way the runner would: steps in order, skipped after a failure unless their `if` says otherwise. */
  function runJob(dir: string): { readonly results: Array<Run & { readonly step: Step }>; readonly calls: string[] } {
    const log = join(dir, 'shim.log');
    const env = cleanEnv({ CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir, AUTOGEN_SHIM_LOG: log });
    const results: Array<Run & { readonly step: Step }> = [];
    let failed = false;
    for (const step of autogenSteps) {
      const runsAfterFailure = /!cancelled\(\)|always\(\)|failure\(\)/.test(step.if ?? '');
      if (failed && !runsAfterFailure) continue;
      // `steps.install.outcome == 'success'`: the install step stands for the shim, which is in place.
      const result = run(dir, 'sh', ['-c', step.run!], env);
      results.push({ ...result, step });
      if (result.code !== 0) failed = true;
    }
    return { results, calls: shimCalls(log) };
  }

  /** The file the upload step uploads. */
  const artifact = (dir: string): string => join(dir, String(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.path));

  test('clean project: every autogen step exits 0, without a database file or server; the artifact is a clean report', () => {
    const dir = copyProject('ci-clean', { withDatabase: false });
    expect(dbFiles(dir)).toEqual([]);
    const { results, calls } = runJob(dir);
    // npx ran the project's node_modules/.bin/autogen, with the arguments the workflow gives.
    expect(calls).toEqual(['check --offline --format github --fail-on error', 'check --offline --fail-on error --json']);
    expect(results.map((r) => [r.code, r.stderr])).toEqual([[0, ''], [0, '']]);
    expect(results[0]!.stdout).not.toMatch(/^::error/m);
    expect(readReport(artifact(dir))).toMatchObject({ status: 'clean', exitCode: 0, mode: 'offline', dialect: 'sqlite', differences: [] });
    expect(dbFiles(dir)).toEqual([]);
  });

  test('a model change without a revision: exit 1, an error annotation on the model line, the drift in the artifact', () => {
    const dir = copyProject('ci-drift', { withDatabase: false });
    writeFiles(dir, { 'src/schema.ts': schema("\n  email: text('email'),\n  age: integer('age'),") });
    const ageLine = FIRST_EXTRA_LINE + 1;
    expect(readFileSync(join(dir, 'src', 'schema.ts'), 'utf8').split('\n')[ageLine - 1]).toBe("  age: integer('age'),");
    const { results, calls } = runJob(dir);
    expect(calls).toHaveLength(2);
    const [annotate, json] = results;
    expect(annotate!.code).toBe(1);
    expect(annotate!.stdout).toContain(`::error file=src/schema.ts,line=${ageLine},title=autogen%3A addColumn::add column users.age integer\n`);
    expect(annotate!.stdout).toMatch(/^::error title=autogen check::drift: 1 difference between the schema the revisions build and the models/m);
    // Exit 1 was reported by the step before; the JSON step passes and the report says drift.
    expect(json!.code).toBe(0);
    const report = readReport(artifact(dir));
    expect(report).toMatchObject({ status: 'drift', exitCode: 1, mode: 'offline' });
    expect(report.differences).toEqual([
      expect.objectContaining({ kind: 'addColumn', table: 'users', column: 'age', source: { file: 'src/schema.ts', line: ageLine } }),
    ]);
    expect(dbFiles(dir)).toEqual([]);
  });

  test('--fail-on error: a head revision that drops a column fails the job, annotated on the revision file', () => {
    const dir = copyProject('ci-lint', { withDatabase: true });
    writeFiles(dir, { 'src/schema.ts': schema() });
    expect(autogen(dir, ['--message', 'drop email']).code).toBe(0);
    for (const file of dbFiles(dir)) rmSync(join(dir, file));
    const revision = readdirSync(join(dir, 'migrations')).find((f) => f.endsWith('_drop_email.ts'))!;
    const { results } = runJob(dir);
    expect(results.map((r) => r.code)).toEqual([1, 0]);
    expect(results[0]!.stdout).toMatch(new RegExp(`^::error file=migrations/${revision.replace(/\./g, '\\.')},title=autogen%3A drop-column::`, 'm'));
    expect(readReport(artifact(dir))).toMatchObject({ status: 'failed', lint: [expect.objectContaining({ rule: 'drop-column', severity: 'error' })] });
  });

  test('an error (a model file that does not compile): exit 2, the JSON step fails too, the artifact says why', () => {
    const dir = copyProject('ci-error', { withDatabase: false });
    writeFiles(dir, { 'src/schema.ts': `${schema("\n  email: text('email'),")}export const broken = ;\n` });
    const { results } = runJob(dir);
    // The JSON step's autogen exits 2 as well; `|| [ $? -eq 1 ]` is then false, so the step fails (exit 1).
    expect(results.map((r) => r.code)).toEqual([2, 1]);
    expect(results[0]!.stderr).toContain('cannot load models');
    expect(readReport(artifact(dir))).toMatchObject({ status: 'error', exitCode: 2, error: { message: expect.stringContaining('cannot load models') } });
  });

  // Also proves that npx hands `-c` to autogen (`npx --no autogen -c ...` would take it as npx's own --call).
  test('run from a parent folder with -c (a monorepo), annotation paths are relative to that folder', () => {
    const root = makeProject('ci-monorepo');
    cpSync(template, join(root, 'app'), { recursive: true, filter: (source) => !/\.db(-.*)?$/.test(source) });
    writeFiles(root, { 'node_modules/.bin/autogen': shim() });
    chmodSync(join(root, 'node_modules', '.bin', 'autogen'), 0o755);
    writeFiles(root, { 'app/src/schema.ts': schema("\n  email: text('email'),\n  age: integer('age'),") });
    const command = autogenSteps[0]!.run!.replace('autogen check', 'autogen -c app/autogen.config.ts check');
    const result = run(root, 'sh', ['-c', command], cleanEnv({ GITHUB_ACTIONS: 'true' }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`::error file=app/src/schema.ts,line=${FIRST_EXTRA_LINE + 1},title=autogen%3A addColumn::`);
  });
});

/** A git repository made of a copy of the fixture (with the developer's database, which git ignores). */
function gitRepository(name: string): { readonly dir: string; readonly git: (...args: string[]) => Run; readonly env: NodeJS.ProcessEnv; readonly log: string } {
  const dir = copyProject(name, { withDatabase: true });
  const log = join(dir, 'shim.log');
  const env = cleanEnv({ AUTOGEN_SHIM_LOG: log });
  const git = (...args: string[]): Run => run(dir, 'git', args, env);
  expect(git('init', '-q').code).toBe(0);
  for (const [key, value] of [['user.name', 'autogen test'], ['user.email', 'test@example.invalid'], ['commit.gpgsign', 'false'], ['core.hooksPath', '.git/hooks']]) {
    expect(git('config', key!, value!).code).toBe(0);
  }
  return { dir, git, env, log };
}

const commitCount = (git: (...args: string[]) => Run): number => {
  const result = git('rev-list', '--count', '--all');
  return result.code === 0 ? Number(result.stdout.trim()) : 0;
};

describe('docs/ci/husky-pre-commit as .git/hooks/pre-commit', () => {
  test('a model change without its revision is refused (nothing committed); with the revision it is committed', () => {
    const { dir, git, log } = gitRepository('hook-husky');
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    copyFileSync(join(CI, 'husky-pre-commit'), hook);
    chmodSync(hook, 0o755);
    const database = join(dir, 'app.db');
    const databaseBefore = sha256(database);

    expect(git('add', '-A').code).toBe(0);
    const first = git('commit', '-q', '-m', 'init');
    expect(first.code).toBe(0);
    expect(shimCalls(log)).toEqual(['check --offline']);
    expect(commitCount(git)).toBe(1);

    writeFiles(dir, { 'src/schema.ts': schema("\n  email: text('email'),\n  age: integer('age'),") });
    expect(git('add', '-A').code).toBe(0);
    const refused = git('commit', '-q', '-m', 'add age');
    expect(shimCalls(log)).toEqual(['check --offline']);
    expect(refused.code).not.toBe(0);
    // git passes the hook's output on stderr.
    expect(refused.stderr).toContain('Drift: the revisions differ from the models');
    expect(refused.stderr).toContain('add column users.age integer');
    expect(commitCount(git)).toBe(1);
    expect(git('diff', '--cached', '--name-only').stdout.trim()).toBe('src/schema.ts');

    expect(autogen(dir, ['--message', 'add age']).code).toBe(0);
    expect(git('add', '-A').code).toBe(0);
    const accepted = git('commit', '-q', '-m', 'add age');
    expect(shimCalls(log)).toEqual(['check --offline']);
    expect(accepted.code).toBe(0);
    expect(commitCount(git)).toBe(2);
    const committed = git('show', '--name-only', '--format=', 'HEAD').stdout.trim().split('\n').sort();
    expect(committed).toEqual([expect.stringMatching(/^migrations\/\d{8}_\d{6}_[0-9a-f]{12}_add_age\.ts$/), 'src/schema.ts']);
    // The hook never touched the developer's database (writing the revision only read it).
    expect(sha256(database)).toBe(databaseBefore);
  });
});

describe('docs/ci/lefthook.yml', () => {
  interface LefthookCommand {
    readonly run: string;
    readonly glob?: string | ReadonlyArray<string>;
    readonly root?: string;
  }
  const config = parse(readFileSync(join(CI, 'lefthook.yml'), 'utf8')) as { 'pre-commit': { commands: Record<string, LefthookCommand> }; glob_matcher?: string };
  const commands = Object.entries(config['pre-commit'].commands);

  /**
   * lefthook's default glob matcher (gobwas/glob, compiled without separators, matched on lower-cased paths):
   * `*` and `**` match any characters including `/`, `?` one, `{a,b}` either. Other syntax is not needed here.
   */
  function gobwasMatches(pattern: string, path: string): boolean {
    let source = '';
    let depth = 0;
    for (const ch of pattern.toLowerCase()) {
      if (ch === '*') source += '.*';
      else if (ch === '?') source += '.';
      else if (ch === '{') {
        source += '(?:';
        depth++;
      } else if (ch === '}' && depth > 0) {
        source += ')';
        depth--;
      } else if (ch === ',' && depth > 0) source += '|';
      else if ('[]\\!'.includes(ch)) throw new Error(`this emulation does not handle "${ch}" in glob ${pattern}`);
      else source += ch.replace(/[.+^$()|]/g, '\\$&');
    }
    return new RegExp(`^${source}$`).test(path.toLowerCase());
  }

  const globs = (command: LefthookCommand): string[] => (command.glob === undefined ? [] : typeof command.glob === 'string' ? [command.glob] : [...command.glob]);

  /**
   * One pre-commit command as lefthook runs it: the staged files (`git diff --name-only --cached
   * --diff-filter=ACMR`) filtered by `glob`; no file left → skipped; else `sh -c run` at the repository root.
   */
  async function lefthookCommand(dir: string, git: (...args: string[]) => Run, command: LefthookCommand, env: NodeJS.ProcessEnv): Promise<(Run & { readonly timedOut: boolean }) | 'skipped'> {
    expect(command.root).toBeUndefined();
    expect(command.run).not.toMatch(/\{(staged_files|files|all_files)\}/);
    const staged = git('diff', '--name-only', '--cached', '--diff-filter=ACMR').stdout.split('\n').filter(Boolean);
    const patterns = globs(command);
    const matching = patterns.length ? staged.filter((f) => patterns.some((p) => gobwasMatches(p, f))) : staged;
    if (!matching.length) return 'skipped';
    return shWithOpenStdin(dir, command.run, env);
  }

  test('one command, running npx --no-install autogen check --offline, globbed to models, revisions and the config', () => {
    expect(commands.map(([, c]) => c.run)).toEqual(['npx --no-install autogen check --offline']);
    const [, command] = commands[0]!;
    const samples: Record<string, boolean> = {
      'src/schema.ts': true,
      'src/db/schema.ts': true,
      'migrations/20260101_000000_0123456789ab_init.ts': true,
      'autogen.config.ts': true,
      'README.md': false,
      'package.json': false,
      'test/schema.test.ts': false,
      'docs/src/schema.ts': false,
    };
    for (const [path, expected] of Object.entries(samples)) {
      // The same with lefthook's default matcher and with `glob_matcher: doublestar` (standard globs).
      expect([path, globs(command).some((p) => gobwasMatches(p, path))]).toEqual([path, expected]);
      expect([path, globs(command).some((p) => matchesGlob(path, p))]).toEqual([path, expected]);
    }
  });

  test('skipped for other files; exit 1 for a model change without its revision (stdin open, never read); exit 0 with it', async () => {
    const { dir, git, env, log } = gitRepository('hook-lefthook');
    const [, command] = commands[0]!;
    expect(git('add', '-A').code).toBe(0);
    expect(git('commit', '-q', '-m', 'init').code).toBe(0);

    writeFiles(dir, { 'README.md': '# ci fixture\n\nMore words.\n' });
    expect(git('add', 'README.md').code).toBe(0);
    expect(await lefthookCommand(dir, git, command, env)).toBe('skipped');
    expect(shimCalls(log)).toEqual([]);

    writeFiles(dir, { 'src/schema.ts': schema("\n  email: text('email'),\n  age: integer('age'),") });
    expect(git('add', 'src/schema.ts').code).toBe(0);
    const refused = await lefthookCommand(dir, git, command, env);
    expect(refused).toMatchObject({ code: 1, timedOut: false });
    expect(refused === 'skipped' ? '' : refused.stdout).toContain('add column users.age integer');
    expect(shimCalls(log)).toEqual(['check --offline']);

    expect(autogen(dir, ['--message', 'add age']).code).toBe(0);
    expect(git('add', '-A').code).toBe(0);
    expect(await lefthookCommand(dir, git, command, env)).toMatchObject({ code: 0, timedOut: false, stderr: '' });
    expect(shimCalls(log)).toEqual(['check --offline']);
  });
});
