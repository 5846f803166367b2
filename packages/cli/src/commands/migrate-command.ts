import { downgrade, upgrade } from '../api';
import { ExitCode } from '../errors';
import type { GlobalOptions, Io } from '../main';
import { migrateLockOptions } from './migrate-lock-options';
import { projectOptions } from './project-options';

/** `autogen upgrade|downgrade <target>`: prints `a1b2c3 -> d4e5f6 add cascade ... 0.12 s` per revision. */
export async function migrateCommand(
  io: Io,
  globals: GlobalOptions,
  direction: 'upgrade' | 'downgrade',
  target: string,
  options: { sql?: boolean; from?: string; strict?: boolean; lockTimeout?: string },
): Promise<number> {
  let progressShown = false;
  const lock = migrateLockOptions(io, options.lockTimeout);
  const fn = direction === 'upgrade' ? upgrade : downgrade;
  const result = await fn({
    ...projectOptions(globals),
    target,
    ...(options.sql ? { sql: true } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.strict ? { strict: true } : {}),
    ...lock,
    onTamper: (_finding, message) => io.err(`warning: ${message}\n`),
    onStepStart: (step) => io.out(`${step.from ?? '<base>'} -> ${step.to ?? '<base>'} ${step.revision.message} ...`),
    onStepDone: (done) => {
      if (progressShown) io.err('\r\u001b[K');
      progressShown = false;
      io.out(` ${done.seconds.toFixed(2)} s\n`);
    },
    onProgress: (event) => {
      // A long table rebuild shows what it is doing, on a TTY only (logs stay clean in CI).
      if (!io.tty) return;
      progressShown = true;
      io.err(`\r\u001b[K  rebuilding ${event.table}: ${event.step}`);
    },
  });
  if (result.script !== undefined) {
    io.out(result.script.endsWith('\n') ? result.script : `${result.script}\n`);
    return ExitCode.ok;
  }
  if (result.steps.length === 0) io.out(`Nothing to ${direction}: the database is already at ${target}.\n`);
  return ExitCode.ok;
}
