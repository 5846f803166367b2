import type * as Pg from 'pg';
import { DatabaseNotFoundError } from '@autogen/dialect';
import type { ConnectOptions, Connection } from '@autogen/dialect';
import { assertPostgresUrl, connectTimeoutMs, describePostgresTarget, postgresHostPort } from './postgres-url';
import type { PostgresTarget } from './postgres-url';

/** How long {@link connectPostgres} waits for the server when the URL sets no `connect_timeout`. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Why a connection failed:
 * - `refused`: nothing listens on that host and port (`ECONNREFUSED`);
 * - `host-not-found`: the host name does not resolve;
 * - `unreachable`: no route to the host or network;
 * - `timeout`: no answer within the connect timeout;
 * - `authentication`: wrong password, unknown role or no `pg_hba.conf` entry (SQLSTATE class 28);
 * - `password-required`: the server asked for a password and none was given;
 * - `database-not-found`: the database does not exist (SQLSTATE `3D000`);
 * - `ssl`: the TLS negotiation failed;
 * - `closed`: the server closed the connection during start-up;
 * - `other`: anything else (the server's message says what).
 */
export type PostgresConnectionFailure =
  | 'refused'
  | 'host-not-found'
  | 'unreachable'
  | 'timeout'
  | 'authentication'
  | 'password-required'
  | 'database-not-found'
  | 'ssl'
  | 'closed'
  | 'other';

/**
 * A connection could not be opened. The message is one line naming the database, host and port and what
 * happened (`cannot connect to PostgreSQL database "app" at 127.0.0.1:5432 as user "app": connection refused`);
 * `hint` says what to check. Neither, nor the `cause`'s message, ever contains the password.
 */
export class PostgresConnectionError extends Error {
  constructor(
    message: string,
    /** What went wrong, for callers that react to it. */
    readonly reason: PostgresConnectionFailure,
    /** The database that was asked for. */
    readonly target: PostgresTarget,
    /** What to check or do, one sentence. */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PostgresConnectionError';
  }
}

/**
 * An error PostgreSQL (or the driver) reported for a statement. `message` is PostgreSQL's message, followed by its
 * `DETAIL` in parentheses when there is one; `code` is the SQLSTATE (`23503`, https://www.postgresql.org/docs/current/errcodes-appendix.html).
 */
export class PostgresQueryError extends Error {
  constructor(
    message: string,
    /** SQLSTATE, when the error came from the server. */
    readonly code: string | undefined,
    /** The server's `DETAIL` line. */
    readonly detail?: string,
    /** The server's `HINT` line. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PostgresQueryError';
  }
}

/**
 * A {@link Connection} over one `pg` client (one session: session settings and advisory locks hold across calls).
 * `description` is `user@host:port/database`, never the password.
 *
 * - Calls run one at a time in call order, even when not awaited one by one (`pg` 9 drops its own queue).
 * - Values come back as `pg` parses them: `bigint` and `numeric` as strings, `int`/`float` as numbers,
 *   timestamps as `Date`s (https://node-postgres.com/features/types).
 * - A connection the server drops later (restart, `pg_terminate_backend`) makes the next call fail with a
 *   {@link PostgresQueryError} instead of crashing the process with an unhandled `error` event.
 */
export class PostgresConnection implements Connection {
  readonly #client: Pg.Client;
  #lostWith: Error | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** `user@host:port/database`. */
  readonly description: string;

  constructor(client: Pg.Client, description: string) {
    this.#client = client;
    this.description = description;
    client.on('error', (error: Error) => {
      this.#lostWith = error;
    });
  }

  /**
   * Runs one statement and returns its rows. Without `params`, `sql` may hold several statements (simple query
   * protocol); the rows are then the last statement's.
   */
  async query<T = Record<string, unknown>>(sql: string, params?: ReadonlyArray<unknown>): Promise<T[]> {
    const result = await this.#run(sql, params);
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return (last?.rows ?? []) as T[];
  }

  /**
   * Runs a statement and returns the number of rows it changed (0 for DDL). Without `params`, `sql` may hold
   * several statements, sent in one simple-query message
   * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-MULTI-STATEMENT): PostgreSQL runs
   * them in one implicit transaction unless they contain their own BEGIN/COMMIT; the count is the last one's.
   */
  async execute(sql: string, params?: ReadonlyArray<unknown>): Promise<number> {
    const result = await this.#run(sql, params);
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return last?.rowCount ?? 0;
  }

  /** Closes the connection. Closing twice, or after the server dropped it, is not an error. */
  async close(): Promise<void> {
    try {
      await this.#client.end();
    } catch {
      // Already closed or broken: nothing left to release.
    }
  }

  #run(sql: string, params: ReadonlyArray<unknown> | undefined): Promise<Pg.QueryResult | Pg.QueryResult[] | undefined> {
    const run = this.#queue.then(() => this.#send(sql, params));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #send(sql: string, params: ReadonlyArray<unknown> | undefined): Promise<Pg.QueryResult | Pg.QueryResult[] | undefined> {
    if (this.#lostWith) throw toQueryError(this.#lostWith, `the connection to ${this.description} was lost`);
    try {
      // With no values pg uses the simple query protocol, which accepts several statements; with values, the
      // extended protocol (one statement, server-side parameters). A multi-statement result is an array.
      const result: unknown = params === undefined ? await this.#client.query(sql) : await this.#client.query(sql, [...params]);
      return result as Pg.QueryResult | Pg.QueryResult[];
    } catch (error) {
      throw toQueryError(error);
    }
  }
}

/** Rewraps a driver error as a {@link PostgresQueryError}, keeping SQLSTATE, detail and hint. */
function toQueryError(error: unknown, context?: string): PostgresQueryError {
  const e = (error ?? {}) as { message?: unknown; code?: unknown; detail?: unknown; hint?: unknown };
  const base = String(e.message ?? error);
  const detail = typeof e.detail === 'string' && e.detail ? e.detail : undefined;
  const message = `${context ? `${context}: ` : ''}${base}${detail ? ` (${detail})` : ''}`;
  return new PostgresQueryError(
    message,
    typeof e.code === 'string' ? e.code : undefined,
    detail,
    typeof e.hint === 'string' && e.hint ? e.hint : undefined,
    { cause: error },
  );
}

/**
 * Opens a connection to the PostgreSQL database named by `url` (`postgres://` or `postgresql://`; parsed by `pg`,
 * so query parameters such as `sslmode` and `application_name` work, and missing parts come from `PGHOST`,
 * `PGUSER`, … as with libpq).
 *
 * - `pg` is required here, not at module load, so CLI start-up stays light.
 * - The connect timeout is the URL's `connect_timeout` (seconds), else `PGCONNECT_TIMEOUT`, else
 *   {@link DEFAULT_CONNECT_TIMEOUT_MS}.
 * - Any failure is one {@link PostgresConnectionError} naming host, port and database — except a missing database
 *   with `options.mustExist`, which is the {@link DatabaseNotFoundError} the Dialect contract asks for (callers
 *   such as `check` treat it as "nothing applied yet"). A missing database is never created, whatever
 *   `mustExist` says: PostgreSQL databases belong to the user and the hint says how to create one.
 * - `options.baseDir` is not used: PostgreSQL URLs name no file.
 */
export async function connectPostgres(url: string, options: ConnectOptions): Promise<PostgresConnection> {
  assertPostgresUrl(url);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load, see above
  const pg = require('pg') as typeof Pg;
  const timeout = connectTimeoutMs(url, DEFAULT_CONNECT_TIMEOUT_MS);
  let client: Pg.Client;
  try {
    client = new pg.Client({ connectionString: url.trim(), connectionTimeoutMillis: timeout, application_name: 'autogen' });
  } catch (error) {
    // pg-connection-string redacts the input of its own parse errors; say nothing more than that it failed.
    throw new PostgresConnectionError(
      'cannot connect to PostgreSQL: the URL cannot be parsed',
      'other',
      { host: '', port: 0, database: '', user: '' },
      'check the database URL; percent-encode special characters in the user name and password',
      { cause: scrubbed(error, passwordOf(url)) },
    );
  }
  const target: PostgresTarget = {
    host: client.host || 'localhost',
    port: client.port || 5432,
    database: client.database ?? client.user ?? '',
    user: client.user ?? '',
  };
  const password = client.password ?? passwordOf(url);
  // Errors emitted between a failed connect and our handler would otherwise be unhandled.
  const swallow = (): void => undefined;
  client.on('error', swallow);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const failure = describeConnectFailure(error, target, timeout);
    const cause = scrubbed(error, password);
    if (failure.reason === 'database-not-found' && options.mustExist) {
      throw new DatabaseNotFoundError(describePostgresTarget(target), failure.hint);
    }
    throw new PostgresConnectionError(
      `cannot connect to PostgreSQL database "${target.database}" at ${postgresHostPort(target)}${target.user ? ` as user "${target.user}"` : ''}: ${failure.what}`,
      failure.reason,
      target,
      failure.hint,
      { cause },
    );
  } finally {
    client.removeListener('error', swallow);
  }
  const connection = new PostgresConnection(client, describePostgresTarget(target));
  // A killed autogen's backend goes on running its statement — holding the migration lock and the revision's
  // locks — until that statement ends, unless it checks the socket while it runs: PostgreSQL 14+ does so every
  // client_connection_check_interval, then aborts the transaction and exits
  // (https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-CLIENT-CONNECTION-CHECK-INTERVAL).
  // Best effort: older servers lack the setting and some platforms refuse it.
  await connection
    .query("SELECT set_config('client_connection_check_interval', '1000', false) WHERE current_setting('server_version_num')::int >= 140000")
    .catch(() => undefined);
  if (options.searchPath?.length) {
    // Unqualified names in revisions mean the default schema (the first configured one), whatever the role's
    // own search_path is: https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PATH
    await connection.execute(`SET search_path TO ${options.searchPath.map((s) => `"${s.replace(/"/g, '""')}"`).join(', ')}`);
  }
  return connection;
}

/** The system error codes of a (possibly aggregated, Happy-Eyeballs) network failure. */
function networkCodes(error: unknown): ReadonlyArray<string> {
  const codes: string[] = [];
  const visit = (e: unknown): void => {
    if (!e || typeof e !== 'object') return;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) inner.forEach(visit);
  };
  visit(error);
  return codes;
}

/** What happened and what to check, from the driver's error. */
function describeConnectFailure(
  error: unknown,
  target: PostgresTarget,
  timeoutMs: number,
): { readonly reason: PostgresConnectionFailure; readonly what: string; readonly hint: string } {
  const message = String((error as { message?: unknown } | undefined)?.message ?? error);
  const codes = networkCodes(error);
  const where = postgresHostPort(target);
  // Server errors (pg's DatabaseError) carry a severity and a SQLSTATE; network errors carry errno names.
  const serverError = error as { severity?: unknown; code?: unknown } | undefined;
  const sqlState = typeof serverError?.severity === 'string' && typeof serverError.code === 'string' ? serverError.code : undefined;
  if (sqlState === '3D000') {
    return {
      reason: 'database-not-found',
      what: `database "${target.database}" does not exist`,
      hint:
        `autogen does not create PostgreSQL databases: create it first (createdb -h ${target.host} -p ${target.port} ` +
        `-U ${target.user} ${target.database}, or CREATE DATABASE "${target.database.replace(/"/g, '""')}"), or fix the database name in the URL`,
    };
  }
  if (sqlState === '28P01') {
    return {
      reason: 'authentication',
      what: `password authentication failed for user "${target.user}"`,
      hint: 'check the user name and password in the database URL (or PGPASSWORD)',
    };
  }
  if (sqlState?.startsWith('28')) {
    // 28000: unknown role, or no pg_hba.conf entry for this host/user/database (https://www.postgresql.org/docs/current/auth-pg-hba-conf.html).
    return { reason: 'authentication', what: message, hint: 'check the user name in the database URL and the server\'s pg_hba.conf' };
  }
  if (sqlState) return { reason: 'other', what: message, hint: 'see the PostgreSQL message above' };
  if (/client password must be a string|password must be a string|no password supplied/i.test(message)) {
    return {
      reason: 'password-required',
      what: `the server asks for a password and none was given for user "${target.user}"`,
      hint: 'add it to the URL (postgres://user:password@host/db, percent-encoded) or set PGPASSWORD',
    };
  }
  if (codes.includes('ECONNREFUSED')) {
    return {
      reason: 'refused',
      what: 'connection refused',
      hint: `is the PostgreSQL server running and accepting TCP/IP connections on ${where}? Check host and port in the URL`,
    };
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return { reason: 'host-not-found', what: `host "${target.host}" not found`, hint: 'check the host name in the database URL' };
  }
  if (codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH' || c === 'EADDRNOTAVAIL')) {
    return { reason: 'unreachable', what: 'host unreachable', hint: 'check the host in the database URL and the network between here and the server' };
  }
  if (codes.includes('ETIMEDOUT') || /timeout expired|connection timeout/i.test(message)) {
    const seconds = timeoutMs > 0 ? ` after ${timeoutMs / 1000} s` : '';
    return {
      reason: 'timeout',
      what: `no answer from the server${seconds}`,
      hint: 'check that the server is up and reachable (firewall, host, port); set connect_timeout=<seconds> in the URL to wait longer',
    };
  }
  if (codes.includes('ENOENT') && target.host.startsWith('/')) {
    return { reason: 'refused', what: 'no server socket in that directory', hint: 'is the server running? Check the socket directory (host) and port' };
  }
  if (/ssl|tls|certificate/i.test(message)) {
    return { reason: 'ssl', what: message, hint: 'check sslmode in the URL and the server\'s SSL settings' };
  }
  if (/terminated|ECONNRESET|closed/i.test(message) || codes.includes('ECONNRESET')) {
    return {
      reason: 'closed',
      what: 'the server closed the connection during start-up',
      hint: `is ${where} a PostgreSQL server? Check the port, sslmode and the server log`,
    };
  }
  return { reason: 'other', what: message || codes.join(', ') || 'unknown error', hint: 'check the database URL' };
}

/** The password written in `url` (user-info or `password=` parameter), decoded; undefined when none. */
function passwordOf(url: string): string | undefined {
  try {
    const text = url.trim();
    const parsed = URL.canParse(text) ? new URL(text) : new URL(text.replace('@/', '@dummy-host/'));
    const fromQuery = parsed.searchParams.get('password');
    if (fromQuery) return fromQuery;
    return parsed.password ? decodeURIComponent(parsed.password) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The driver's error, or a copy without the password when its text contains it. `pg`'s own messages never hold
 * the password; this guards against a future driver or a server message that echoes it.
 */
function scrubbed(error: unknown, password: string | undefined): unknown {
  if (!password || !(error instanceof Error)) return error;
  const mentions = (text: unknown): boolean =>
    typeof text === 'string' && (text.includes(password) || text.includes(encodeURIComponent(password)));
  const e = error as Error & { code?: unknown; input?: unknown };
  if (!mentions(e.message) && !mentions(e.stack) && !mentions(e.input)) return error;
  const mask = (text: string): string => text.split(password).join('***').split(encodeURIComponent(password)).join('***');
  const copy = new Error(mask(e.message));
  copy.name = e.name;
  copy.stack = mask(e.stack ?? copy.message);
  if (typeof e.code === 'string') (copy as Error & { code?: string }).code = e.code;
  return copy;
}
