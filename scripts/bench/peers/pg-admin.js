'use strict';
/**
 * Synchronous PostgreSQL database administration for the benchmark (the peers' `reset()` is synchronous): each
 * call runs this file as a child process that executes the statements on the server's `postgres` database.
 * Used to keep a template copy of a benchmark database and to recreate the database from it between runs.
 *
 *   node scripts/bench/peers/pg-admin.js <url> <statement>...
 */
const { spawnSync } = require('node:child_process');

/**
 * The database name in a PostgreSQL URL, and the URL of the same server's `postgres` database.
 * @param {string} url
 * @returns {{ database: string, adminUrl: string }}
 */
function pgLocation(url) {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`the PostgreSQL URL names no database: ${redact(url)}`);
  parsed.pathname = '/postgres';
  return { database, adminUrl: parsed.toString() };
}

/** `"name"` quoted as a PostgreSQL identifier. */
function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Runs `statements` one by one (autocommit: CREATE/DROP DATABASE cannot run in a transaction) on `adminUrl`.
 * Throws with the server's message when one fails.
 * @param {string} adminUrl
 * @param {ReadonlyArray<string>} statements
 */
function pgAdmin(adminUrl, statements) {
  const run = spawnSync(process.execPath, [__filename, adminUrl, ...statements], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (run.status !== 0) throw new Error(`PostgreSQL admin failed (${statements.join('; ')}): ${(run.stderr || run.error?.message || '').trim()}`);
}

/** Statements that make `template` a copy of `database` (whose other sessions are ended first). */
function snapshotStatements(database, template) {
  return [
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.replace(/'/g, "''")}' AND pid <> pg_backend_pid()`,
    `DROP DATABASE IF EXISTS ${quoteIdent(template)}`,
    `CREATE DATABASE ${quoteIdent(template)} TEMPLATE ${quoteIdent(database)}`,
  ];
}

/** Statements that recreate `database` from `template`. */
function restoreStatements(database, template) {
  return [`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`, `CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)}`];
}

function redact(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

async function main([url, ...statements]) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}

module.exports = { pgLocation, pgAdmin, quoteIdent, snapshotStatements, restoreStatements };
