import type { Connection } from '@autogen/dialect';

/**
 * The advisory-lock key autogen takes: the first 8 bytes of SHA-256("autogen") as a signed 64-bit integer
 * (`createHash('sha256').update('autogen').digest().readBigInt64BE(0)`). Fixed, so every autogen process
 * on a database agrees on it; other applications are very unlikely to pick the same number.
 */
export const AUTOGEN_ADVISORY_LOCK_KEY = '4002891137530723204';

/**
 * Serializes autogen runs on one database: takes the session-level advisory lock
 * {@link AUTOGEN_ADVISORY_LOCK_KEY} with `pg_advisory_lock`, waiting while another autogen process holds it
 * (https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS). Two concurrent
 * `autogen upgrade` runs therefore apply revisions one after the other, and the second sees the version the
 * first left, so nothing is applied twice.
 *
 * The lock belongs to the database session, so `connection` must be one session (not a pool) and the revisions
 * must run on it; it is released by the returned function (`pg_advisory_unlock`) or when the session ends.
 * It is held across transactions, unlike a transaction-level lock, so it covers several revisions in a row.
 */
export async function lockPostgres(connection: Connection): Promise<() => Promise<void>> {
  await connection.query(`SELECT pg_advisory_lock(${AUTOGEN_ADVISORY_LOCK_KEY})`);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await connection.query(`SELECT pg_advisory_unlock(${AUTOGEN_ADVISORY_LOCK_KEY})`);
  };
}
