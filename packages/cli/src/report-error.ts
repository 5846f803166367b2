import { UserError } from './errors';
import type { Io } from './main';
import { painter } from './output';

/** An error as the user sees it: its message and, when it has one, its hint. */
export function errorSummary(error: unknown): { readonly message: string; readonly hint?: string } {
  const message = error instanceof Error ? error.message : String(error);
  const hint = (error as { hint?: unknown } | undefined)?.hint;
  return typeof hint === 'string' && hint ? { message, hint } : { message };
}

/** Prints an error on stderr: one message and a hint; the stack trace only with --verbose. */
export function reportError(io: Io, error: unknown, verbose: boolean): void {
  const paint = painter(io.color);
  const { message, hint } = errorSummary(error);
  io.err(`${paint.red('error:')} ${message}\n`);
  if (hint) io.err(`  hint: ${hint}\n`);
  if (verbose && error instanceof Error) {
    io.err(`${error.stack ?? ''}\n`);
    let cause = error.cause;
    while (cause instanceof Error) {
      io.err(`caused by: ${cause.stack ?? cause.message}\n`);
      cause = cause.cause;
    }
  } else if (!isExpected(error)) {
    io.err('  (run with --verbose for details)\n');
  }
}

/** Errors whose message says everything: no "run with --verbose" line after them. */
const EXPECTED_ERRORS = new Set(['DatabaseNotFoundError', 'InvalidUrlError', 'LockTimeoutError', 'PostgresConnectionError', 'PostgresIdentifierTooLongError', 'RevisionGraphError']);

function isExpected(error: unknown): boolean {
  return error instanceof UserError || (error instanceof Error && EXPECTED_ERRORS.has(error.name));
}
