// @ts-check
/**
 * Probes a PostgreSQL server for the test harness (`test-database-mode.ts` runs it with `spawnSync`, because the
 * mode must be known synchronously while jest collects tests). Usage: `node probe-postgres.cjs <url> <timeoutMs>`.
 * Exits 0 when a TCP connection opens and `SELECT 1` answers within the timeout, else 1 (reason on stderr).
 */
'use strict';

const net = require('node:net');
const { Client } = require('pg');

const [url, timeoutArg] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg) || 1000;
const deadline = Date.now() + timeoutMs;

/**
 * A plain TCP connect first: refused or silent ports fail fast, before pg is involved.
 * @param {string} host
 * @param {number} port
 */
function tcp(host, port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no TCP answer within ${timeoutMs} ms`)));
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', reject);
  });
}

async function main() {
  const parsed = new URL(url);
  await tcp(parsed.hostname || '127.0.0.1', Number(parsed.port) || 5432);
  const left = Math.max(deadline - Date.now(), 100);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: left, query_timeout: left });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

setTimeout(() => {
  process.stderr.write(`no answer within ${timeoutMs} ms\n`);
  process.exit(1);
}, timeoutMs + 200).unref();

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.message ? error.message : error}\n`);
    process.exit(1);
  },
);
