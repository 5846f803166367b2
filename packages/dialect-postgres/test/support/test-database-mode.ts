/**
 * Decides, once per test file's module registry, where the PostgreSQL tests get their databases: a server
 * (`AUTOGEN_TEST_PG_URL`, or one answering on 127.0.0.1:5432) or the embedded PGlite server. See
 * `test-database.ts` for the modes and their limits.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The local server tried when `AUTOGEN_TEST_PG_URL` is not set. */
export const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** How long the probe of the local server may take. */
const PROBE_TIMEOUT_MS = 1000;
const PROBE_SCRIPT = join(__dirname, 'probe-postgres.cjs');

/** What a test database can do that not every mode offers. */
export interface TestDatabaseCapabilities {
  /**
   * Each connection is its own backend session: its own pid, transactions and session-level advisory locks, and
   * `pg_terminate_backend` can end it. True on a server; false in embedded mode, where every connection shares
   * PGlite's single session.
   */
  readonly sessionIsolation: boolean;
}

/** Where the test databases come from, and why. */
export type TestDatabaseMode =
  | {
      readonly kind: 'server';
      /** Maintenance database the tests run CREATE/DROP DATABASE in. */
      readonly adminUrl: string;
      readonly reason: string;
      readonly capabilities: TestDatabaseCapabilities;
    }
  | { readonly kind: 'embedded'; readonly reason: string; readonly capabilities: TestDatabaseCapabilities };

const SERVER: TestDatabaseCapabilities = { sessionIsolation: true };
const EMBEDDED: TestDatabaseCapabilities = { sessionIsolation: false };

/** Whether a server answers `SELECT 1` at `url` within the probe timeout; the reason when it does not. */
function probe(url: string): { ok: true } | { ok: false; why: string } {
  const run = spawnSync(process.execPath, [PROBE_SCRIPT, url, String(PROBE_TIMEOUT_MS)], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS + 4000, // node's own start-up comes on top of the probe
  });
  if (run.status === 0) return { ok: true };
  return { ok: false, why: (run.stderr || run.error?.message || `probe exited with ${run.status}`).trim() };
}

function decide(): TestDatabaseMode {
  const forced = process.env.AUTOGEN_TEST_PG ?? '';
  const url = process.env.AUTOGEN_TEST_PG_URL ?? '';
  if (!['', 'auto', 'server', 'embedded'].includes(forced)) {
    throw new Error(`AUTOGEN_TEST_PG must be "server", "embedded" or "auto", not "${forced}"`);
  }
  if (forced === 'embedded') return { kind: 'embedded', reason: 'AUTOGEN_TEST_PG=embedded', capabilities: EMBEDDED };
  if (url) return { kind: 'server', adminUrl: url, reason: 'AUTOGEN_TEST_PG_URL is set', capabilities: SERVER };
  const local = probe(LOCAL_SERVER_URL);
  if (local.ok) return { kind: 'server', adminUrl: LOCAL_SERVER_URL, reason: 'a server answers on 127.0.0.1:5432', capabilities: SERVER };
  if (forced === 'server') {
    throw new Error(`AUTOGEN_TEST_PG=server, but AUTOGEN_TEST_PG_URL is not set and ${LOCAL_SERVER_URL} does not answer: ${local.why}`);
  }
  return { kind: 'embedded', reason: `no server on 127.0.0.1:5432 (${local.why})`, capabilities: EMBEDDED };
}

let decided: TestDatabaseMode | undefined;

/**
 * The mode, decided on first use and then remembered (jest gives each test file its own module registry, so this
 * is once per test file; the probe costs about 0.1 s):
 * - `AUTOGEN_TEST_PG=embedded` → embedded;
 * - else `AUTOGEN_TEST_PG_URL` set → server at that URL (not probed: a broken URL should fail loudly);
 * - else a server answering `SELECT 1` on 127.0.0.1:5432 within 1 s → server;
 * - else embedded, unless `AUTOGEN_TEST_PG=server`, which throws instead (CI sets it so it never falls back).
 *
 * Synchronous on purpose: tests that need a capability choose `test` or `test.skip` while jest collects them.
 */
export function testDatabaseMode(): TestDatabaseMode {
  decided ??= decide();
  return decided;
}

/** The capabilities of the databases `createTestDatabase()` returns in this mode. */
export function testDatabaseCapabilities(): TestDatabaseCapabilities {
  return testDatabaseMode().capabilities;
}
