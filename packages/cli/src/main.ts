import { Command, CommanderError, Option } from 'commander';
import { ExitCode } from './errors';
import { reportError } from './report-error';
import { useColor } from './output';
import { maskSecrets, registerUrlSecret } from './secrets';

/** Global options every command takes. */
export interface GlobalOptions {
  readonly config?: string;
  readonly url?: string;
  readonly verbose?: boolean;
}

/** Where a command writes; tests and the programmatic entry point can swap them. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly color: boolean;
  readonly tty: boolean;
  /**
   * Asks a question and returns the answer; present only when a person can answer (stdin and stderr are
   * terminals), so that nothing ever waits for input in CI or a hook.
   */
  readonly ask?: (question: string) => Promise<string>;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(maskSecrets(text)),
  err: (text) => process.stderr.write(maskSecrets(text)),
  color: useColor(process.stderr),
  tty: Boolean(process.stderr.isTTY),
  ...(process.stdin.isTTY && process.stderr.isTTY ? { ask: askOnTerminal } : {}),
};

/** One line read from the terminal (readline loads only when a question is asked). */
async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = require('node:readline') as typeof import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}

/**
 * `-1` after `downgrade`/`upgrade` is a relative target, not an option: put `--` before it so the argument
 * parser takes it as an operand.
 */
function protectRelativeTargets(argv: ReadonlyArray<string>): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    if (/^-\d+$/.test(arg) && !out.includes('--')) out.push('--');
    out.push(arg);
  }
  return out;
}

const LOCK_TIMEOUT_HELP =
  'wait at most this many seconds for the migration lock another autogen process holds, then exit 3 with nothing changed (default: wait until it is released; 0: do not wait)';

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: ReadonlyArray<string>, io: Io = defaultIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const program = new Command('autogen');
  program
    .description('Writes database migrations from your ORM models (Drizzle, TypeORM, MikroORM; SQLite and PostgreSQL).')
    .version((require('../package.json') as { version: string }).version, '-V, --version', 'print the version')
    .option('-c, --config <file>', 'config file (default: autogen.config.{ts,mts,js,mjs,cjs,json} in the working directory)')
    .option('--url <url>', 'database URL (overrides DATABASE_URL and the config)')
    .option('--verbose', 'print stack traces and detection logs')
    .option('-m, --message <message>', 'shorthand for `revision --autogenerate -m <message>`')
    .addOption(new Option('--allow-empty', 'with -m: accept models that yield no tables'))
    .option('--rename <spec...>', 'with -m: accept a rename, table.old=new or old=new')
    .option('--no-interactive', 'with -m: never ask about possible renames, even on a terminal')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);

  // Global options are accepted before the command (`autogen --config x check`) and after it
  // (`autogen check --config x`); the root's own -m must not swallow a subcommand's -m, hence positional options.
  let active: Command = program;
  const globals = (): GlobalOptions => ({ ...program.opts<GlobalOptions>(), ...pickGlobals(active.opts<GlobalOptions>()) });
  program.hook('preAction', (_root, command) => {
    active = command;
  });
  const command = (name: string): Command =>
    program
      .command(name)
      .option('-c, --config <file>', 'config file')
      .option('--url <url>', 'database URL (overrides DATABASE_URL and the config)')
      .option('--verbose', 'print stack traces and detection logs');
  const commands = async (): Promise<typeof import('./commands/index')> => require('./commands/index') as typeof import('./commands/index');

  program.action(async (options: { message?: string; allowEmpty?: boolean; rename?: string[]; interactive?: boolean }) => {
    if (options.message === undefined) {
      program.outputHelp();
      return;
    }
    setExit(
      await (await commands()).revisionCommand(io, globals(), {
        message: options.message,
        autogenerate: true,
        ...(options.allowEmpty ? { allowEmpty: true } : {}),
        ...(options.rename ? { renames: options.rename } : {}),
        ...(options.interactive === false ? { interactive: false } : {}),
      }),
    );
  });

  command('revision')
    .description('write a new revision file')
    .requiredOption('-m, --message <message>', 'what the revision does')
    .option('--autogenerate', 'fill it with the differences between the models and the database')
    .option('--baseline', 'adopt migrations on an existing database: a revision creating the whole schema, recorded as applied without running (only if the database matches the models)')
    .option('--allow-empty', 'accept models that yield no tables even though the database has tables')
    .option('--rename <spec...>', 'accept a rename: table.old=new (column) or old=new (table)')
    .option('--no-interactive', 'never ask about possible renames, even on a terminal')
    .option('--rev-id <id>', 'use this revision id instead of a random one')
    .option('--concurrent-indexes', 'PostgreSQL: create/drop indexes on existing tables CONCURRENTLY (the revision runs outside a transaction)')
    .action(async (options: { message: string; autogenerate?: boolean; baseline?: boolean; allowEmpty?: boolean; rename?: string[]; revId?: string; concurrentIndexes?: boolean; interactive?: boolean }) => {
      setExit(
        await (await commands()).revisionCommand(io, globals(), {
          message: options.message,
          autogenerate: Boolean(options.autogenerate || options.baseline),
          ...(options.baseline ? { baseline: true } : {}),
          ...(options.allowEmpty ? { allowEmpty: true } : {}),
          ...(options.rename ? { renames: options.rename } : {}),
          ...(options.revId !== undefined ? { revisionId: options.revId } : {}),
          ...(options.concurrentIndexes ? { concurrentIndexes: true } : {}),
          ...(options.interactive === false ? { interactive: false } : {}),
        }),
      );
    });

  command('upgrade')
    .description('apply revisions up to a target: head (default), a revision id or prefix, or +N')
    .argument('[target]', 'head | <revision> | +N', 'head')
    .option('--sql', 'print the SQL instead of running it')
    .option('--from <revision>', 'with --sql: start from this revision (or base) without connecting')
    .option('--strict', 'refuse (exit 2, nothing applied) when an applied revision file changed or disappeared')
    .option('--lock-timeout <seconds>', LOCK_TIMEOUT_HELP)
    .action(async (target: string, options: { sql?: boolean; from?: string; strict?: boolean; lockTimeout?: string }) => {
      setExit(await (await commands()).migrateCommand(io, globals(), 'upgrade', target, options));
    });

  command('downgrade')
    .description('revert revisions down to a target: -N, a revision id or prefix, or base')
    .argument('<target>', '-N | <revision> | base')
    .option('--sql', 'print the SQL instead of running it')
    .option('--from <revision>', 'with --sql: start from this revision without connecting')
    .option('--strict', 'refuse (exit 2, nothing applied) when an applied revision file changed or disappeared')
    .option('--lock-timeout <seconds>', LOCK_TIMEOUT_HELP)
    .action(async (target: string, options: { sql?: boolean; from?: string; strict?: boolean; lockTimeout?: string }) => {
      setExit(await (await commands()).migrateCommand(io, globals(), 'downgrade', target, options));
    });

  command('current')
    .description('show the revision the database is at')
    .action(async () => setExit(await (await commands()).currentCommand(io, globals())));

  command('history')
    .description('list the revisions, newest first')
    .option('-r, --rev-range <range>', 'only revisions from A to B (both included; base, head and heads allowed)')
    .action(async (options: { revRange?: string }) =>
      setExit(await (await commands()).historyCommand(io, globals(), options.revRange ? { range: options.revRange } : {})),
    );

  command('heads')
    .description('list the heads of the history (several heads: merge them)')
    .action(async () => setExit(await (await commands()).headsCommand(io, globals())));

  command('branches')
    .description('list the branch points of the history')
    .action(async () => setExit(await (await commands()).branchesCommand(io, globals())));

  command('show')
    .description('show one revision: id or unique prefix')
    .argument('<revision>', 'revision id or unique prefix')
    .action(async (target: string) => setExit(await (await commands()).showCommand(io, globals(), target)));

  command('merge')
    .description('write a merge revision (no operations) whose parents are the given revisions (default: every head)')
    .requiredOption('-m, --message <message>', 'what the merge is')
    .argument('[revisions...]', 'revision ids or prefixes to merge')
    .option('--rev-id <id>', 'use this revision id instead of a random one')
    .action(async (revisions: string[], options: { message: string; revId?: string }) =>
      setExit(await (await commands()).mergeCommand(io, globals(), { message: options.message, revisions, ...(options.revId !== undefined ? { revId: options.revId } : {}) })),
    );

  command('stamp')
    .description('record a revision as applied without running anything: head, base, or a revision')
    .argument('<target>', 'head | base | <revision>')
    .option('--lock-timeout <seconds>', LOCK_TIMEOUT_HELP)
    .action(async (target: string, options: { lockTimeout?: string }) => setExit(await (await commands()).stampCommand(io, globals(), target, options)));

  command('check')
    .description('exit 0 when the database is at head and matches the models; 1 on drift, pending revisions, failed verification or lint at --fail-on; 2 on error')
    .option('--offline', 'no database server: replay every revision into a scratch database (in-memory SQLite, embedded PostgreSQL), proving upgrade/downgrade/upgrade, and compare with the models')
    .option('--format <format>', 'human (default), json (docs/json-output.md) or github (workflow annotations)')
    .option('--json', 'same as --format json')
    .option('--fail-on <severity>', 'also fail (exit 1) on lint findings of this severity or worse: warning | error')
    .option('--since <revision>', 'lint the revisions after this one (base: all); default: those not applied (offline: the head)')
    .option('--strict', 'exit 1 when an applied revision file changed or disappeared (otherwise a warning)')
    .action(async (options: { strict?: boolean; offline?: boolean; format?: string; json?: boolean; failOn?: string; since?: string }) =>
      setExit(await (await commands()).checkCommand(io, globals(), options)),
    );

  command('lint')
    .description('safety lint of revisions: every op that can lose data or break running code, with rule id and severity (exit 1 at --fail-on)')
    .argument('[revision]', 'the revision to lint (id or prefix); default: those the database has not applied, else the head')
    .option('--fail-on <severity>', 'exit 1 on findings of this severity or worse: info | warning | error (default error)')
    .option('--json', 'print the findings as JSON')
    .action(async (target: string | undefined, options: { failOn?: string; json?: boolean }) =>
      setExit(await (await commands()).lintCommand(io, globals(), target, options)),
    );

  command('init')
    .description('write a commented config file and the migrations folder')
    .option('--force', 'overwrite an existing config file')
    .action(async (options: { force?: boolean }) => setExit(await (await commands()).initCommand(io, globals(), options)));

  // A URL on the command line or in the environment may carry a password: mask it in everything printed.
  registerUrlSecret(process.env.DATABASE_URL);
  const urlFlag = argv.findIndex((a) => a === '--url');
  if (urlFlag >= 0) registerUrlSecret(argv[urlFlag + 1]);
  for (const arg of argv) if (arg.startsWith('--url=')) registerUrlSecret(arg.slice('--url='.length));
  try {
    await program.parseAsync(protectRelativeTargets(argv), { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are "errors" to commander; usage errors exit 2 like every other error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    }
    reportError(io, error, Boolean(globals().verbose) || argv.includes('--verbose'));
    // By name: the dialect package (LockTimeoutError) is loaded only by commands that connect.
    return error instanceof Error && error.name === 'LockTimeoutError' ? ExitCode.lockNotAcquired : ExitCode.error;
  }
}

function pickGlobals(options: GlobalOptions): GlobalOptions {
  return {
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.verbose ? { verbose: true } : {}),
  };
}
