import { UserError } from './errors';

/** Why the database could not be written, as {@link explainDatabaseFailure} recognizes it. */
export type DatabaseFailureReason = 'disk-full' | 'read-only' | 'cannot-open' | 'io-error' | 'connection-lost';

/**
 * A migration stopped because of the environment rather than the revision: a full disk, a read-only file, a
 * file that cannot be created, an I/O error, a connection the server closed. The message says what happened and
 * what state the database is in; the hint says what to do. `cause` is the original error (shown with --verbose).
 */
export class DatabaseFailureError extends UserError {
  constructor(
    message: string,
    hint: string,
    readonly reason: DatabaseFailureReason,
    /** The revision that was running (`a1b2 -> c3d4 (message)`), when one was. */
    readonly revisionLabel: string | undefined,
    cause: unknown,
  ) {
    super(message, hint, { cause });
    this.name = 'DatabaseFailureError';
  }
}

/** SQLSTATEs of a session the server ended or lost (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const CONNECTION_LOST_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006']);
/** What `pg` and node say when the socket closed under a query. */
const CONNECTION_LOST_TEXT = /Connection terminated|connection to .* was lost|ECONNRESET|EPIPE|Client has encountered a connection error/i;

/**
 * Turns a driver error from a migration into a {@link DatabaseFailureError} when its cause is one the user can act
 * on (SQLite result codes `SQLITE_FULL`, `SQLITE_READONLY*`, `SQLITE_CANTOPEN*`, `SQLITE_IOERR*`,
 * https://www.sqlite.org/rescode.html; a PostgreSQL session that ended mid-command); any other error is returned
 * as it is. `where` names the database (`Connection.description`: a file path, or user@host:port/database).
 *
 * A revision runs in one transaction (see `applyRevision`), so a failure inside one leaves nothing of it: SQLite
 * rolls back on SQLITE_FULL and SQLITE_IOERR (https://www.sqlite.org/lang_transaction.html#response_to_errors_within_a_transaction),
 * a PostgreSQL backend that ends aborts its open transaction. A revision run outside a transaction
 * (CONCURRENTLY) keeps the statements that ran; its own message lists them and stays in the text.
 */
export function explainDatabaseFailure(error: unknown, where: string): unknown {
  if (error instanceof UserError || !(error instanceof Error)) return error;
  const chain = causeChain(error);
  const codes = chain.map((e) => (e as { code?: unknown }).code).filter((c): c is string => typeof c === 'string');
  const label = revisionLabel(error);
  const inRevision = label ? `revision ${label}` : undefined;
  const transactional = !chain.some((e) => /\(run outside a transaction\)|NOT rolled back|Nothing else had been applied/.test(e.message));
  const outcome = inRevision
    ? transactional
      ? `; ${inRevision} was rolled back, nothing of it was applied`
      : `; ${inRevision} runs outside a transaction, see below what stayed applied:\n  ${error.message}`
    : '; nothing was changed';
  const before = inRevision ? ' Revisions before it stay applied (`autogen current` shows where the database is).' : '';
  const sqlite = codes.find((c) => c.startsWith('SQLITE_'));
  if (sqlite === 'SQLITE_FULL') {
    return new DatabaseFailureError(
      `the disk is full: SQLite could not write to ${where}${outcome}`,
      `free space on the disk that holds ${where} and run again: a table rebuild needs room for a second copy of the table, its indexes and the journal beside the file.${before}`,
      'disk-full',
      label,
      error,
    );
  }
  if (sqlite?.startsWith('SQLITE_READONLY')) {
    return new DatabaseFailureError(
      `the database ${where} is read-only (${sqlite}): SQLite cannot write to it${outcome}`,
      `check that this user may write the file and its folder (SQLite writes a -journal file beside it, autogen a -autogen-lock file) and that the file system is not mounted read-only.${before}`,
      'read-only',
      label,
      error,
    );
  }
  if (sqlite?.startsWith('SQLITE_CANTOPEN')) {
    return new DatabaseFailureError(
      `cannot open or create a file of the database ${where} (${sqlite})${outcome}`,
      `check that this user may write the database's folder: SQLite creates a -journal file and autogen a -autogen-lock file beside the database; also check free space and a read-only mount.${before}`,
      'cannot-open',
      label,
      error,
    );
  }
  if (sqlite?.startsWith('SQLITE_IOERR')) {
    return new DatabaseFailureError(
      `the disk reported an I/O error (${sqlite}) while SQLite wrote ${where}${outcome}`,
      `check the disk and the system log (dmesg) before running again; SQLite restores the database from its journal the next time it is opened.${before}`,
      'io-error',
      label,
      error,
    );
  }
  const lost = codes.some((c) => CONNECTION_LOST_STATES.has(c)) || chain.some((e) => CONNECTION_LOST_TEXT.test(e.message));
  if (lost && !sqlite) {
    return new DatabaseFailureError(
      `the connection to the database was lost${inRevision ? ` during ${inRevision}` : ''} (${where})${outcome}`,
      `find out why the session ended (server restart, pg_terminate_backend, a network or proxy timeout), then run the command again.${before}`,
      'connection-lost',
      label,
      error,
    );
  }
  return error;
}

/** The label of the failed revision (`RevisionFailedError.label`) in the chain, if any. */
function revisionLabel(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, label } = e as { name?: unknown; label?: unknown };
    if (name === 'RevisionFailedError' && typeof label === 'string') return label;
  }
  return undefined;
}

/**
 * `error` and its causes, outermost first. Duck-typed: better-sqlite3's errors come from the realm that first
 * loaded the addon and are not always `instanceof Error` (see `SqliteQueryError`).
 */
function causeChain(error: Error): Array<{ readonly name: string; readonly message: string; readonly code?: unknown }> {
  const chain: Array<{ name: string; message: string; code?: unknown }> = [];
  for (let e: unknown = error; e !== null && typeof e === 'object' && chain.length < 10; e = (e as { cause?: unknown }).cause) {
    const { name, message, code } = e as { name?: unknown; message?: unknown; code?: unknown };
    chain.push({ name: String(name ?? ''), message: String(message ?? ''), code });
  }
  return chain;
}
