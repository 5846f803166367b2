#!/usr/bin/env node
'use strict';
/**
 * The benchmark suite: `npm run bench -- --tables 10,100,1000`.
 *
 * For each dialect (SQLite, PostgreSQL), table count N and adapter (Drizzle, TypeORM, MikroORM) it generates the
 * same N-table schema (generate-project.js), and measures as whole processes (wall time: median, min and max of
 * `--runs` runs after a warm-up; peak RSS):
 *   - `autogen --message` initial (empty database), no-change and incremental (one column made NOT NULL, one
 *     FK's ON DELETE changed), and `autogen check` clean and incremental;
 *   - the peer's own live-database diff on the same schema and change (peers.js): drizzle-kit push, TypeORM
 *     migration:generate, MikroORM migration:create — and the ratio autogen / peer;
 * and inside one process the phases of `--message` (phases.js) with the number of SQL round trips introspection
 * makes. Results go to the console, scripts/bench/results/latest.json, docs/benchmarks.md (table) and
 * docs/benchmarks.svg (chart). Nothing is asserted: speed is measured here, not tested.
 *
 * Options: --tables 10,100 (default 10,100), --runs 5, --dialects sqlite,postgresql, --adapters
 * drizzle,typeorm,mikro-orm, --no-peers, --pg-url postgres://postgres@127.0.0.1:5432/postgres (maintenance
 * database; each case gets its own bench_* database), --no-docs (do not rewrite docs/benchmarks.*).
 */
const { spawnSync } = require('node:child_process');
const { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { generateProject, writeVariant } = require('./generate-project');
const { stats } = require('./phases');
const { renderChart } = require('./chart');
const { renderMarkdown } = require('./report');

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'autogen.js');
const RSS_PRELOAD = join(__dirname, 'max-rss-preload.js');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);
const SIZES = option('tables', '10,100').split(',').map(Number);
const RUNS = Number(option('runs', '5'));
const DIALECTS = option('dialects', 'sqlite,postgresql').split(',');
const ADAPTERS = option('adapters', 'drizzle,typeorm,mikro-orm').split(',');
const PG_ADMIN = option('pg-url', process.env.AUTOGEN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const WITH_PEERS = !flag('no-peers');
const WRITE_DOCS = !flag('no-docs');

/** Runs a node script as a whole process; returns seconds, peak RSS (MB), exit code and output. */
function timeNode(args, cwd, env = {}) {
  const rssFile = join(require('node:os').tmpdir(), `autogen-bench-rss-${process.pid}`);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', RSS_PRELOAD, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', BENCH_RSS_FILE: rssFile, ...env },
    timeout: 300_000,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let rssMb;
  try {
    rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    rmSync(rssFile);
  } catch {
    rssMb = undefined;
  }
  return { seconds, rssMb, code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Times `autogen <args>`; exit codes other than `ok` (default [0]) are an error of the benchmark. */
function autogen(args, cwd, ok = [0]) {
  const result = timeNode([BIN, ...args], cwd);
  if (!ok.includes(result.code)) throw new Error(`autogen ${args.join(' ')} (in ${cwd}) exited ${result.code}: ${result.stderr || result.stdout}`);
  return result;
}

/** Warm-up, then `RUNS` samples of `fn()` ({ seconds, rssMb }); `between()` runs untimed before each sample. */
function measure(fn, between = () => undefined) {
  between();
  fn();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    between();
    samples.push(fn());
  }
  const time = stats(samples.map((s) => s.seconds));
  const rss = samples.map((s) => s.rssMb).filter((r) => r !== undefined);
  return { ...time, rssMb: rss.length ? Math.max(...rss) : undefined };
}

function pgUrl(database) {
  const url = new URL(PG_ADMIN);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the maintenance database, each in its own transaction (CREATE/DROP DATABASE need that). */
function psql(...statements) {
  const run = spawnSync('psql', [PG_ADMIN, '-v', 'ON_ERROR_STOP=1', '-qAt', ...statements.flatMap((sql) => ['-c', sql])], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql: ${run.stderr}`);
}

const removeRevision = (dir, id) => {
  for (const f of readdirSync(join(dir, 'migrations'))) if (f.includes(id)) rmSync(join(dir, 'migrations', f));
};

/** Measures one (dialect, adapter, N) case; returns its results. */
function benchCase(dialect, adapter, n) {
  const dir = join(ROOT, 'test', '.work', `bench-${dialect}-${adapter}-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const database = `bench_${adapter.replace(/\W/g, '_')}_${n}`;
  const url = dialect === 'sqlite' ? 'sqlite:./app.db' : pgUrl(database);
  if (dialect === 'postgresql') psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, `CREATE DATABASE ${database}`);
  const options = { adapter, dialect, tables: n, url };
  generateProject(dir, { ...options, variant: 'initial' });
  const result = { dialect, adapter, tables: n, autogen: {}, peers: [] };
  const log = (label, m) => {
    console.log(`  ${label.padEnd(34)} ${m.median.toFixed(3)} s (min ${m.min.toFixed(3)}, max ${m.max.toFixed(3)})${m.rssMb ? `  ${m.rssMb.toFixed(0)} MB` : ''}`);
  };
  console.log(`\n${dialect} / ${adapter} / N=${n}`);
  result.autogen.messageInitial = measure(
    () => autogen(['revision', '--autogenerate', '-m', 'init', '--rev-id', 'bench0initial'], dir),
    () => rmSync(join(dir, 'migrations'), { recursive: true, force: true }),
  );
  log('autogen --message (initial)', result.autogen.messageInitial);
  autogen(['upgrade', 'head'], dir);
  result.autogen.messageNoChange = measure(() => autogen(['--message', 'nothing'], dir));
  log('autogen --message (no change)', result.autogen.messageNoChange);
  result.autogen.checkClean = measure(() => autogen(['check'], dir));
  log('autogen check (clean)', result.autogen.checkClean);
  writeVariant(dir, { ...options, variant: 'incremental' });
  result.autogen.checkIncremental = measure(() => autogen(['check'], dir, [1]));
  log('autogen check (incremental)', result.autogen.checkIncremental);
  result.autogen.messageIncremental = measure(
    () => autogen(['revision', '--autogenerate', '-m', 'incremental', '--rev-id', 'bench0increm'], dir),
    () => existsSync(join(dir, 'migrations')) && removeRevision(dir, 'bench0increm'),
  );
  log('autogen --message (incremental)', result.autogen.messageIncremental);
  // The first run after a model edit: the model file gets new content (a comment), so neither the model cache
  // nor its transpiled output can help; revisions, the TypeScript compiler's and ts-morph's compiled code stay
  // cached, as they do when a user edits a model.
  let edits = 0;
  const modelFile = join(dir, adapter === 'drizzle' ? 'schema.ts' : 'entities.js');
  const clearModelCache = () => appendFileSync(modelFile, `// edit ${(edits += 1)} ${process.pid}\n`);
  result.autogen.checkIncrementalCold = measure(() => autogen(['check'], dir, [1]), clearModelCache);
  log('autogen check (incremental, cold)', result.autogen.checkIncrementalCold);
  result.autogen.messageIncrementalCold = measure(
    () => autogen(['revision', '--autogenerate', '-m', 'incremental', '--rev-id', 'bench0increm'], dir),
    () => {
      clearModelCache();
      if (existsSync(join(dir, 'migrations'))) removeRevision(dir, 'bench0increm');
    },
  );
  log('autogen --message (incremental, cold)', result.autogen.messageIncrementalCold);
  removeRevision(dir, 'bench0increm');
  const phases = timeNode([join(__dirname, 'phases.js'), dir, String(RUNS)], dir);
  if (phases.code === 0) {
    const parsed = JSON.parse(phases.stdout);
    result.phases = parsed.phases;
    result.roundTrips = parsed.roundTrips;
    console.log(`  phases: ${Object.entries(parsed.phases).map(([k, v]) => `${k} ${(v.median * 1000).toFixed(1)} ms`).join(', ')}; introspection round trips: ${parsed.roundTrips}`);
  } else {
    console.log(`  phases: failed (${phases.stderr.split('\n')[0]})`);
  }
  if (WITH_PEERS) {
    const { peerCommands } = require('./peers');
    for (const peer of peerCommands({ dir, adapter, dialect, url })) {
      try {
        // The warm-up decides: a peer that fails (drizzle-kit push on SQLite) or times out is not run again.
        peer.reset();
        const first = peer.run();
        if (first.ok === false) {
          result.peers.push({ peer: peer.peer, ok: false, seconds: first.seconds, note: first.note });
          console.log(`  ${peer.peer.padEnd(34)} fails after ${first.seconds.toFixed(2)} s: ${first.note ?? ''}`);
          continue;
        }
        const samples = [];
        let last = first;
        for (let i = 0; i < RUNS; i++) {
          peer.reset();
          last = peer.run();
          samples.push(last);
        }
        const m = { ...stats(samples.map((x) => x.seconds)), rssMb: Math.max(...samples.map((x) => x.rssMb ?? 0)) };
        const entry = { peer: peer.peer, ...m, ok: samples.every((x) => x.ok !== false), sawChange: last.sawChange, note: last.note };
        result.peers.push(entry);
        log(peer.peer, m);
        console.log(
          `    ratio autogen --message / peer ${(result.autogen.messageIncremental.median / m.median).toFixed(2)} (cold ${(result.autogen.messageIncrementalCold.median / m.median).toFixed(2)}), autogen check / peer ${(result.autogen.checkIncremental.median / m.median).toFixed(2)} (cold ${(result.autogen.checkIncrementalCold.median / m.median).toFixed(2)})${entry.sawChange === false ? ' (the peer did not see the change!)' : ''}`,
        );
      } finally {
        peer.reset();
        peer.cleanup?.();
      }
    }
  }
  if (dialect === 'postgresql') psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
  return result;
}

function floor() {
  return {
    node: measure(() => timeNode(['-e', '0'], ROOT)),
    help: measure(() => autogen(['--help'], ROOT)),
    version: measure(() => autogen(['--version'], ROOT)),
  };
}

function main() {
  mkdirSync(join(ROOT, 'test', '.work'), { recursive: true });
  const startup = floor();
  console.log(`node -e 0 ${startup.node.median.toFixed(3)} s; autogen --help ${startup.help.median.toFixed(3)} s; autogen --version ${startup.version.median.toFixed(3)} s`);
  const cases = [];
  for (const dialect of DIALECTS) for (const n of SIZES) for (const adapter of ADAPTERS) cases.push(benchCase(dialect, adapter, n));
  const results = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: require('node:os').cpus().length, memoryGb: Math.round(require('node:os').totalmem() / 2 ** 30) },
    runs: RUNS,
    startup,
    cases,
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (WRITE_DOCS) {
    writeFileSync(join(ROOT, 'docs', 'benchmarks.svg'), renderChart(results));
    const doc = join(ROOT, 'docs', 'benchmarks.md');
    const current = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
    writeFileSync(doc, renderMarkdown(results, current));
    console.log('\nWrote docs/benchmarks.md, docs/benchmarks.svg and scripts/bench/results/latest.json');
  }
}

main();
