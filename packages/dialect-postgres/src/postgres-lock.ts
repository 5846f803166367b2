import { LockTimeoutError } from '@autogen/dialect';
import type { Connection, LockOptions } from '@autogen/dialect';

/**
 * The advisory-lock key autogen takes: the first 8 bytes of SHA-256("autogen") as a signed 64-bit integer
 * (`createHash('sha256').update('autogen').digest().readBigInt64BE(0)`). Fixed, so every autogen process
 * on a database agrees on it; other applications are very unlikely to pick the same number.
 */
export const AUTOGEN_ADVISORY_LOCK_KEY = '4002891137530723204';

/** SQLSTATE `lock_not_available`, raised when `lock_timeout` expires. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Serializes autogen runs on one database: takes the session-level advisory lock
 * {@link AUTOGEN_ADVISORY_LOCK_KEY} (https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS).
 * Two concurrent `autogen upgrade` runs therefore apply revisions one after the other, and the second sees the
 * version the first left, so nothing is applied twice.
 *
 * First `pg_try_advisory_lock`; when another session holds the lock, `options.onWait` hears who (from `pg_locks`
 * and `pg_stat_activity`), then `pg_advisory_lock` waits in PostgreSQL's fair lock queue: as long as it takes, or
 * at most `options.timeoutMs` through `SET lock_timeout`, which advisory locks obey
 * (https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT), then
 * {@link LockTimeoutError}. `lock_timeout` is reset right after, so the revisions never run under it.
 *
 * The lock belongs to the database session, so `connection` must be one session (not a pool) and the revisions
 * must run on it; it is released by the returned function (`pg_advisory_unlock`) or when the session ends, so a
 * killed autogen never leaves it behind. It is held across transactions, unlike a transaction-level lock, so it
 * covers several revisions in a row.
 */
export async function lockPostgres(connection: Connection, options: LockOptions = {}): Promise<() => Promise<void>> {
  const [first] = await connection.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${AUTOGEN_ADVISORY_LOCK_KEY}) AS locked`);
  if (!first?.locked) {
    const started = Date.now();
    const holder = await postgresLockHolder(connection);
    const timedOut = (): LockTimeoutError =>
      new LockTimeoutError(
        options.timeoutMs ?? Date.now() - started,
        holder,
        'another autogen process is migrating this database: wait for it and run again, or give --lock-timeout more seconds' +
          (holder ? '; if that session is stuck, end it with SELECT pg_terminate_backend(<pid>)' : ''),
      );
    if (options.timeoutMs !== undefined && options.timeoutMs <= 0) throw timedOut();
    options.onWait?.(holder);
    if (options.timeoutMs === undefined) {
      await connection.query(`SELECT pg_advisory_lock(${AUTOGEN_ADVISORY_LOCK_KEY})`);
    } else {
      await connection.execute(`SET lock_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`);
      try {
        await connection.query(`SELECT pg_advisory_lock(${AUTOGEN_ADVISORY_LOCK_KEY})`);
      } catch (error) {
        if ((error as { code?: unknown } | undefined)?.code === LOCK_NOT_AVAILABLE) throw timedOut();
        throw error;
      } finally {
        await connection.execute('RESET lock_timeout').catch(() => undefined);
      }
    }
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    // A session the server already ended (pg_terminate_backend, a restart) released its locks with it; failing
    // here would hide the error that ended the command.
    await connection.query(`SELECT pg_advisory_unlock(${AUTOGEN_ADVISORY_LOCK_KEY})`).catch(() => undefined);
  };
}

/**
 * Who holds autogen's advisory lock: `pid 4711, application "autogen", user "app", from 10.0.0.5, since
 * 2026-11-27 10:30:00+00`. A bigint advisory key is stored in `pg_locks` as `classid` (high 32 bits), `objid` (low
 * 32 bits) and `objsubid = 1` (https://www.postgresql.org/docs/current/view-pg-locks.html). Undefined when the
 * holder is gone already or cannot be seen.
 */
async function postgresLockHolder(connection: Connection): Promise<string | undefined> {
  try {
    const key = BigInt(AUTOGEN_ADVISORY_LOCK_KEY);
    const high = (key >> 32n) & 0xffffffffn;
    const low = key & 0xffffffffn;
    const [row] = await connection.query<{ pid: number; application_name: string | null; usename: string | null; client_addr: string | null; since: string | null }>(
      `SELECT l.pid, a.application_name, a.usename, host(a.client_addr) AS client_addr, to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SSOF') AS since
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${high}::oid AND l.objid = ${low}::oid AND l.objsubid = 1
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       LIMIT 1`,
    );
    if (!row) return undefined;
    const parts = [`pid ${row.pid}`];
    if (row.application_name) parts.push(`application "${row.application_name}"`);
    if (row.usename) parts.push(`user "${row.usename}"`);
    if (row.client_addr) parts.push(`from ${row.client_addr}`);
    if (row.since) parts.push(`connected since ${row.since}`);
    return parts.join(', ');
  } catch {
    return undefined;
  }
}
