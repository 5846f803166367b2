/**
 * lockPostgres on a real server: a second session's lock() waits until the first releases.
 */
import { createHash } from 'node:crypto';
import { AUTOGEN_ADVISORY_LOCK_KEY, lockPostgres } from '../src/postgres-lock';
import type { PostgresConnection } from '../src/postgres-connection';
import { connect } from './support/connect';
import { createTestDatabase, testDatabaseCapabilities, type TestDatabase } from './support/test-database';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Two connections must be two sessions for one to wait on the other's lock; embedded PGlite has one session. */
const withSessionIsolation = testDatabaseCapabilities().sessionIsolation ? test : test.skip;

describe('lockPostgres', () => {
  let db: TestDatabase;
  let first: PostgresConnection;
  let second: PostgresConnection;
  beforeAll(async () => {
    db = await createTestDatabase();
    first = await connect(db.url);
    second = await connect(db.url);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await db.drop();
  });

  /** Sessions waiting for the autogen advisory lock (pg_locks shows the key split into two 32-bit halves). */
  const waiting = async (): Promise<number> => {
    const key = BigInt(AUTOGEN_ADVISORY_LOCK_KEY);
    const rows = await db.exec(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1 AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [String((key >> 32n) & 0xffffffffn), String(key & 0xffffffffn)],
    );
    return rows[0]?.n as number;
  };

  test('the key is SHA-256("autogen") read as a signed 64-bit integer', () => {
    expect(createHash('sha256').update('autogen').digest().readBigInt64BE(0).toString()).toBe(AUTOGEN_ADVISORY_LOCK_KEY);
  });

  withSessionIsolation('the second lock() waits until the first is released (needs a real PostgreSQL server)', async () => {
    const events: string[] = [];
    const releaseFirst = await lockPostgres(first);
    events.push('first locked');
    const secondLocked = lockPostgres(second).then((release) => {
      events.push('second locked');
      return release;
    });
    // Wait (briefly, polling) until the server shows the second session blocked on the lock.
    for (let i = 0; i < 50 && (await waiting()) === 0; i++) await pause(20);
    expect(await waiting()).toBe(1);
    expect(events).toEqual(['first locked']);
    events.push('first releasing');
    await releaseFirst();
    const releaseSecond = await secondLocked;
    expect(events).toEqual(['first locked', 'first releasing', 'second locked']);
    await releaseSecond();
    await releaseSecond(); // releasing twice is harmless
    // Only this database's: other test runs on the same server take their own advisory locks meanwhile.
    const held = await db.exec(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(held).toEqual([{ n: 0 }]);
  });

  test('once released, another session takes it at once', async () => {
    const release = await lockPostgres(first);
    await release();
    const again = await lockPostgres(second);
    await again();
  });
});
