// @ts-check
/**
 * The embedded PostgreSQL server of the test harness, run as its own Node process by `embedded-postgres.ts`.
 *
 * It starts an in-memory PGlite (https://pglite.dev/docs/api#create) and serves it over the PostgreSQL wire
 * protocol with `PGLiteSocketServer` (https://pglite.dev/docs/pglite-socket) on 127.0.0.1. In front of that server
 * sits a small TCP proxy that answers the startup message the way a real server does for a database it does not
 * have: PGlite has exactly one database, `postgres`, and pglite-socket accepts any database name in the startup
 * message and silently connects to it, which would hide a wrong URL and make "database does not exist" untestable.
 *
 * Why a separate process: the CLI tests run `autogen` with `spawnSync`, which blocks the test process's event
 * loop; a server inside that process could not answer the CLI it is waiting for. A child process also keeps the
 * WASM instance out of jest's module registry.
 *
 * Protocol with the parent: once listening it writes one line `{"port":<n>}` to stdout. It stops (closing the
 * PGlite instance) on SIGTERM/SIGINT or when its stdin ends, so it never outlives a test process that died.
 */
'use strict';

const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

/** The only database PGlite has. */
const DATABASE = 'postgres';
/** Wire-protocol codes of the untyped first messages (https://www.postgresql.org/docs/current/protocol-message-formats.html). */
const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/**
 * A freshly initialized data directory, kept between runs: `PGlite.create()` runs initdb (about 2 s), while
 * loading this dump takes about 0.5 s (https://pglite.dev/docs/api#dumpdatadir, `loadDataDir` option). Keyed by
 * the PGlite version, which fixes the PostgreSQL version and data-directory format.
 */
const INITDB_CACHE = join(tmpdir(), `autogen-pglite-${pgliteVersion()}-initdb.tar.gz`);
/** Enough for the test process, a few CLI processes and the per-call `exec` connections at once. */
const MAX_CONNECTIONS = 64;

/** The installed PGlite's version (its package.json is not in its "exports", so it is read from disk). */
function pgliteVersion() {
  const packageJson = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  return String(JSON.parse(readFileSync(packageJson, 'utf8')).version);
}

/**
 * The parameters of a complete StartupMessage at the head of `buffer`, or `undefined` while it is incomplete.
 * @param {Buffer} buffer
 * @returns {{ length: number, params: Record<string, string> } | undefined}
 */
function readStartup(buffer) {
  if (buffer.length < 8 || buffer.length < buffer.readInt32BE(0)) return undefined;
  const length = buffer.readInt32BE(0);
  const fields = buffer.subarray(8, length - 1).toString('utf8').split('\0');
  /** @type {Record<string, string>} */
  const params = {};
  for (let i = 0; i + 1 < fields.length; i += 2) params[fields[i]] = fields[i + 1];
  return { length, params };
}

/**
 * A FATAL ErrorResponse as PostgreSQL sends it.
 * @param {string} code SQLSTATE
 * @param {string} message
 */
function fatal(code, message) {
  const body = Buffer.concat([...['SFATAL', 'VFATAL', `C${code}`, `M${message}`].map((f) => Buffer.from(`${f}\0`)), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/**
 * Handles one client: answers SSL/GSS requests with "N", refuses databases other than `postgres` with SQLSTATE
 * 3D000, and otherwise pipes the connection (startup message included) to the PGlite socket server.
 * @param {net.Socket} client
 * @param {number} upstreamPort
 */
function proxy(client, upstreamPort) {
  let buffer = Buffer.alloc(0);
  client.on('error', () => client.destroy());
  const onData = (/** @type {Buffer} */ chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 8) {
      const code = buffer.readInt32BE(4);
      if (buffer.readInt32BE(0) === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
        client.write('N');
        buffer = buffer.subarray(8);
        continue;
      }
      if (code === CANCEL_REQUEST) {
        // There is no backend to signal; PostgreSQL answers a CancelRequest with nothing and closes.
        client.destroy();
        return;
      }
      if (code !== PROTOCOL_3) {
        client.end(fatal('08P01', `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`));
        return;
      }
      const startup = readStartup(buffer);
      if (!startup) return;
      client.off('data', onData);
      const database = startup.params.database || startup.params.user || DATABASE;
      if (database !== DATABASE) {
        client.end(fatal('3D000', `database "${database}" does not exist`));
        return;
      }
      client.pause();
      const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
        upstream.write(buffer);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      return;
    }
  };
  client.on('data', onData);
}

/** A new in-memory instance holding an empty cluster: from the cached initdb dump, else made (and cached) afresh. */
async function createInstance() {
  try {
    return await PGlite.create({ loadDataDir: new Blob([readFileSync(INITDB_CACHE)]) });
  } catch {
    // No cache yet, or an unreadable one: initdb, then (re)write the cache atomically, as other test processes
    // may be doing the same at the same moment.
  }
  const db = await PGlite.create();
  try {
    const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    const partial = `${INITDB_CACHE}.${process.pid}`;
    writeFileSync(partial, dump);
    renameSync(partial, INITDB_CACHE);
  } catch {
    // Only a cache: the next start runs initdb again.
  }
  return db;
}

async function main() {
  const db = await createInstance();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
  await server.start();
  const upstreamPort = Number(server.getServerConn().split(':').pop());
  const front = net.createServer((socket) => proxy(socket, upstreamPort));
  await new Promise((resolve) => front.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = front.address();
  if (address === null || typeof address !== 'object') throw new Error('embedded PostgreSQL: no TCP address');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    front.close();
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
}

main().catch((error) => {
  process.stderr.write(`embedded PostgreSQL failed to start: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
