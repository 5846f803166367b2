'use strict';
/**
 * The peers' own live-database diff commands on a project written by `generate-project.js`, as whole processes:
 *
 * - drizzle: `drizzle-kit push --config drizzle.config.ts --force --verbose` (it APPLIES the change, so `reset()`
 *   puts the database back: SQLite copies the file back, PostgreSQL recreates the database from a template);
 * - typeorm: `typeorm migration:generate <dir>/peer-migrations/X -d <dir>/data-source.js` (`reset()` deletes the
 *   generated file);
 * - mikro-orm: `mikro-orm migration:create` with MIKRO_ORM_CLI_CONFIG=<dir>/mikro-orm.config.js and
 *   `snapshot: false`, i.e. against the live database (`reset()` deletes the generated file).
 *
 * Each run is `node -r scripts/bench/max-rss-preload.js <the peer's cli.js> ...` with stdin ignored and a 120 s
 * timeout. Its result says whether the peer really found the incremental change (`sawChange`) and which other
 * tables its SQL touched (`noiseTables`): a peer that finds nothing, or much more, is not a like-for-like timing.
 */
const { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { sqliteFile } = require('./generate-project');
const { pgAdmin, pgLocation, quoteIdent, restoreStatements, snapshotStatements } = require('./peers/pg-admin');
const { drizzlePushStatements, inspectPeerSql, upSqlOfMigration } = require('./peers/inspect-peer-sql');
const { runNodeProcess } = require('./peers/run-node-process');

const ROOT = resolve(__dirname, '..', '..');

/** The peers' CLI entry files, in this repository's node_modules (dev dependencies). */
const PEER_CLIS = Object.freeze({
  drizzle: join(ROOT, 'node_modules', 'drizzle-kit', 'bin.cjs'),
  typeorm: join(ROOT, 'node_modules', 'typeorm', 'cli.js'),
  'mikro-orm': join(ROOT, 'node_modules', '@mikro-orm', 'cli', 'cli.js'),
});

/** The peer names, per adapter, as they appear in reports. */
const PEER_NAMES = Object.freeze({
  drizzle: 'drizzle-kit push',
  typeorm: 'TypeORM migration:generate',
  'mikro-orm': 'MikroORM migration:create',
});

/**
 * @typedef {object} PeerResult
 * @property {number} seconds whole-process wall time
 * @property {number|undefined} maxRssKb peak RSS of the peer's process (undefined when it was killed)
 * @property {number|undefined} rssMb the same in MB (the field run.js's `measure` reads)
 * @property {boolean} ok the command finished, exited 0 and did what it does (push applied / file written)
 * @property {string} note '' or a one-line reason (the peer's error line, "timeout after 120 s", "no changes found")
 * @property {boolean} sawChange its SQL holds both incremental changes (t0.email NOT NULL, t1 FK ON DELETE CASCADE)
 * @property {number} statements statements in its proposed upgrade (pragmas left out)
 * @property {string[]} noiseTables tables other than t0/t1 its SQL touches (should be empty)
 * @property {number|null} exitCode
 */

/**
 * @typedef {object} Peer
 * @property {string} peer e.g. 'drizzle-kit push'
 * @property {() => PeerResult} run runs the peer once (timed)
 * @property {() => void} reset undoes what `run` left (generated files; for drizzle-kit push the database), untimed
 * @property {() => void} cleanup removes what `peerCommands` itself created (the database snapshot / template)
 */

/**
 * The peer command(s) for the project's adapter. Call it when the database is in the state every run must start
 * from — after `autogen upgrade head` of the initial variant — and with the incremental models written (or write
 * them before the first `run`): for drizzle-kit push the database is snapshotted here (a file copy beside the
 * SQLite file, or a template database `<db>__tpl` on PostgreSQL) and restored by every `reset()`.
 * Call `reset()` before each `run()` except the first, and `cleanup()` when done.
 *
 * @param {{ dir: string, adapter: 'drizzle'|'typeorm'|'mikro-orm', dialect: 'sqlite'|'postgresql', url: string,
 *   timeoutMs?: number }} options the same `url` (autogen syntax) the project was generated with
 * @returns {Peer[]}
 */
function peerCommands({ dir, adapter, dialect, url, timeoutMs }) {
  const root = resolve(dir);
  switch (adapter) {
    case 'drizzle':
      return [drizzlePush(root, dialect, url, timeoutMs)];
    case 'typeorm':
      return [typeormGenerate(root, timeoutMs)];
    case 'mikro-orm':
      return [mikroOrmCreate(root, timeoutMs)];
    default:
      throw new Error(`adapter must be drizzle, typeorm or mikro-orm, not ${adapter}`);
  }
}

function drizzlePush(dir, dialect, url, timeoutMs) {
  const database = databaseSnapshot(dir, dialect, url);
  return {
    peer: PEER_NAMES.drizzle,
    run() {
      // --force: never ask about data-loss statements; --verbose: list the statements, so the change can be checked.
      const p = runNodeProcess(PEER_CLIS.drizzle, ['push', '--config', 'drizzle.config.ts', '--force', '--verbose'], { cwd: dir, timeoutMs });
      const output = `${p.stdout}\n${p.stderr}`;
      const applied = /\[✓\] Changes applied|\[i\] No changes detected/.test(p.stdout);
      // push catches some errors, prints them and still exits 0: the success line is the proof.
      const ok = !p.timedOut && p.status === 0 && applied;
      const found = inspectPeerSql(drizzlePushStatements(p.stdout));
      const note = p.timedOut ? timeoutNote(timeoutMs) : !ok ? errorLine(output) : /No changes detected/.test(p.stdout) ? 'no changes detected' : '';
      return result(p, ok, note, found);
    },
    reset: database.restore,
    cleanup: database.drop,
  };
}

function typeormGenerate(dir, timeoutMs) {
  const out = join(dir, 'peer-migrations');
  return {
    peer: PEER_NAMES.typeorm,
    run() {
      mkdirSync(out, { recursive: true });
      const before = new Set(readdirSync(out));
      const p = runNodeProcess(PEER_CLIS.typeorm, ['migration:generate', join(out, 'X'), '-d', join(dir, 'data-source.js')], { cwd: dir, timeoutMs });
      const written = readdirSync(out).filter((f) => !before.has(f));
      const ok = !p.timedOut && p.status === 0 && written.length > 0;
      const found = inspectPeerSql(written.map((f) => upSqlOfMigration(readFileSync(join(out, f), 'utf8'))).join(';\n'));
      const output = `${p.stdout}\n${p.stderr}`;
      const note = p.timedOut ? timeoutNote(timeoutMs) : /No changes in database schema were found/.test(output) ? 'no changes found' : !ok ? errorLine(output) : '';
      return result(p, ok, note, found);
    },
    reset: () => emptyDir(out),
    cleanup: () => emptyDir(out),
  };
}

function mikroOrmCreate(dir, timeoutMs) {
  const out = join(dir, 'peer-migrations');
  const env = { MIKRO_ORM_CLI_CONFIG: join(dir, 'mikro-orm.config.js'), MIKRO_ORM_CLI_USE_TS_NODE: 'false' };
  return {
    peer: PEER_NAMES['mikro-orm'],
    run() {
      mkdirSync(out, { recursive: true });
      const before = new Set(readdirSync(out));
      const p = runNodeProcess(PEER_CLIS['mikro-orm'], ['migration:create'], { cwd: dir, env, timeoutMs });
      const written = readdirSync(out).filter((f) => !before.has(f));
      const output = `${p.stdout}\n${p.stderr}`;
      const noChanges = /No changes required/.test(output);
      const ok = !p.timedOut && p.status === 0 && (written.length > 0 || noChanges);
      const found = inspectPeerSql(written.map((f) => upSqlOfMigration(readFileSync(join(out, f), 'utf8'))).join(';\n'));
      const note = p.timedOut ? timeoutNote(timeoutMs) : noChanges ? 'no changes found' : !ok ? errorLine(output) : '';
      return result(p, ok, note, found);
    },
    reset: () => emptyDir(out),
    cleanup: () => emptyDir(out),
  };
}

/**
 * A copy of the database as it is now, restorable without timing: SQLite copies the file, PostgreSQL keeps a
 * template database `<db>__tpl` (CREATE DATABASE ... TEMPLATE is a file-level copy, far quicker than a dump).
 */
function databaseSnapshot(dir, dialect, url) {
  if (dialect === 'sqlite') {
    const file = sqliteFile(url, dir);
    if (!existsSync(file)) throw new Error(`no database at ${file}: run autogen upgrade head before peerCommands()`);
    const copy = `${file}.bench-initial`;
    copyFileSync(file, copy);
    return {
      restore() {
        for (const side of ['-journal', '-wal', '-shm']) rmSync(file + side, { force: true });
        copyFileSync(copy, file);
      },
      drop: () => rmSync(copy, { force: true }),
    };
  }
  const { database, adminUrl } = pgLocation(url);
  const template = `${database.slice(0, 58)}__tpl`;
  pgAdmin(adminUrl, snapshotStatements(database, template));
  return {
    restore: () => pgAdmin(adminUrl, restoreStatements(database, template)),
    drop: () => pgAdmin(adminUrl, [`DROP DATABASE IF EXISTS ${quoteIdent(template)}`]),
  };
}

function result(p, ok, note, found) {
  return {
    seconds: p.seconds,
    maxRssKb: p.maxRssKb,
    rssMb: p.maxRssKb === undefined ? undefined : p.maxRssKb / 1024,
    ok,
    note,
    sawChange: found.sawChange,
    statements: found.statements,
    noiseTables: found.noiseTables,
    exitCode: p.status,
  };
}

/** The first line of a tool's output that looks like an error, shortened. */
function errorLine(output) {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /(^|\w)Error\b|^error\b|\bfailed\b/i.test(l) && !/^at /.test(l)) ?? lines[lines.length - 1] ?? 'failed without output';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function timeoutNote(timeoutMs) {
  return `timeout after ${Math.round((timeoutMs ?? 120_000) / 1000)} s`;
}

function emptyDir(path) {
  if (!existsSync(path)) return;
  for (const f of readdirSync(path)) rmSync(join(path, f), { recursive: true, force: true });
}

module.exports = { peerCommands, PEER_CLIS, PEER_NAMES };
