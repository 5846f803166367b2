#!/usr/bin/env node
'use strict';
/**
 * Self-check and example use of generate-project.js and peers.js (the main runner is scripts/bench/run.js):
 * for each adapter × dialect × N it writes the project, creates the schema with autogen (`--message init`,
 * `upgrade head`), proves `autogen check` is clean, writes the incremental variant, proves `autogen check` sees
 * exactly the two changes, runs each peer once on the unchanged models (`idleStmts`: what it proposes there is
 * noise), then times the adapter's peer (warm-up + R runs, `reset()` between) and proves that
 * `reset()` brought the database back (autogen sees the same two changes again).
 *
 *   node scripts/bench/peers/try-peers.js --tables 10,100 --runs 5 --dialects sqlite,postgresql \
 *     --adapters drizzle,typeorm,mikro-orm [--pg postgres://postgres@127.0.0.1:5432]
 *
 * PostgreSQL databases are named bench_peers_<adapter>_<n> and dropped at the end.
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { generateProject, writeVariant } = require('../generate-project');
const { peerCommands } = require('../peers');
const { pgAdmin } = require('./pg-admin');

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'autogen.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const SIZES = arg('tables', '10,100').split(',').map(Number);
const RUNS = Number(arg('runs', '5'));
const DIALECTS = arg('dialects', 'sqlite,postgresql').split(',');
const ADAPTERS = arg('adapters', 'drizzle,typeorm,mikro-orm').split(',');
const PG = arg('pg', 'postgres://postgres@127.0.0.1:5432');

function autogen(dir, ...args) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

function must(condition, message) {
  if (!condition) throw new Error(message);
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

const rows = [];
for (const dialect of DIALECTS) {
  for (const adapter of ADAPTERS) {
    for (const tables of SIZES) {
      const dir = mkdtempSync(join(tmpdir(), `autogen-bench-peers-${adapter}-${dialect}-${tables}-`));
      const dbName = `bench_peers_${adapter.replace('-', '_')}_${tables}`;
      const url = dialect === 'sqlite' ? 'sqlite:./bench.db' : `${PG}/${dbName}`;
      if (dialect === 'postgresql') pgAdmin(`${PG}/postgres`, [`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`, `CREATE DATABASE ${dbName}`]);
      const options = { adapter, dialect, tables, url, variant: 'initial' };
      let peers = [];
      try {
        generateProject(dir, options);
        let r = autogen(dir, '--message', 'init');
        must(r.status === 0, `autogen --message init: ${r.out}`);
        r = autogen(dir, 'upgrade', 'head');
        must(r.status === 0, `autogen upgrade head: ${r.out}`);
        r = autogen(dir, 'check');
        must(r.status === 0, `autogen check after upgrade is not clean: ${r.out}`);
        peers = peerCommands({ dir, adapter, dialect, url });
        // The peers on the unchanged models: anything they propose here is noise (autogen says "no changes").
        const idle = peers.map((peer) => {
          const x = peer.run();
          peer.reset();
          return x;
        });
        writeVariant(dir, { ...options, variant: 'incremental' });
        const twoChanges = (out) => /\(2 difference\(s\)/.test(out) && /t0\.email: set NOT NULL/.test(out) && /t1\(parent\) -> t0\(id\): ON DELETE NO ACTION -> CASCADE/.test(out);
        r = autogen(dir, 'check');
        must(r.status === 1 && twoChanges(r.out), `autogen check on the incremental variant: ${r.out}`);
        for (const [index, peer] of peers.entries()) {
          const first = peer.run(); // warm-up (file-system caches, first compile)
          const results = [];
          for (let i = 0; i < RUNS; i++) {
            peer.reset();
            results.push(peer.run());
          }
          peer.reset();
          r = autogen(dir, 'check');
          must(r.status === 1 && twoChanges(r.out), `after reset() the database is not back at the initial state: ${r.out}`);
          const t = stats(results.map((x) => x.seconds));
          const rss = stats(results.map((x) => x.maxRssKb ?? 0));
          const last = results[results.length - 1];
          rows.push({
            dialect,
            N: tables,
            peer: peer.peer,
            median: t.median.toFixed(3),
            min: t.min.toFixed(3),
            max: t.max.toFixed(3),
            rssMB: (rss.median / 1024).toFixed(0),
            ok: results.every((x) => x.ok),
            sawChange: results.every((x) => x.sawChange),
            statements: last.statements,
            noise: last.noiseTables.length,
            idleStmts: idle[index].statements,
            note: last.note || first.note,
          });
          console.error(JSON.stringify(rows[rows.length - 1]));
        }
      } finally {
        for (const peer of peers) peer.cleanup();
        if (dialect === 'postgresql') pgAdmin(`${PG}/postgres`, [`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`]);
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}
console.table(rows);
