#!/usr/bin/env node
'use strict';
/**
 * Benchmark: whole-process wall time of autogen commands, and the phases of `autogen --message` inside one
 * process, on a generated Drizzle + SQLite schema of N tables (8 mixed columns each, an FK to the previous table
 * on every second table, one index and one unique each). Median/min/max of several runs after a warm-up.
 *
 *   npm run bench -- --tables 10,100 --runs 5
 *
 * Prints a table; nothing is asserted (speed is measured, not tested).
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readdirSync, writeFileSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'autogen.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const SIZES = arg('tables', '10,100').split(',').map(Number);
const RUNS = Number(arg('runs', '5'));

/** Drizzle source for N tables; `variant` changes one column's nullability and one FK's ON DELETE. */
function schemaSource(n, variant) {
  const lines = [
    "import { sql } from 'drizzle-orm';",
    "import { index, integer, real, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';",
  ];
  for (let i = 0; i < n; i++) {
    const fk = i % 2 === 1 ? `.references(() => t${i - 1}.id${variant && i === 1 ? ", { onDelete: 'cascade' }" : ''})` : '';
    const notNull = variant && i === 0 ? '.notNull()' : '';
    lines.push(`export const t${i} = sqliteTable('t${i}', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email')${notNull},
  score: real('score').default(0),
  count: integer('count').notNull().default(0),
  note: text('note'),
  created: text('created').default(sql\`CURRENT_TIMESTAMP\`),
  parent: integer('parent')${fk},
}, (t) => [index('t${i}_name_idx').on(t.name), unique('t${i}_email_uq').on(t.email)]);`);
  }
  return lines.join('\n') + '\n';
}

function time(args, cwd) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && !(args[0] === 'check' && run.status === 1)) {
    throw new Error(`autogen ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return seconds;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

function measure(label, fn) {
  fn(); // warm-up
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(fn());
  const s = stats(samples);
  console.log(`${label.padEnd(46)} ${s.median.toFixed(3)} s  (min ${s.min.toFixed(3)}, max ${s.max.toFixed(3)})`);
}

const base = join(ROOT, 'test', '.work');
mkdirSync(base, { recursive: true });
measure('node -e 0 (the floor)', () => {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - t) / 1e9;
});
measure('autogen --help', () => time(['--help'], ROOT));

for (const n of SIZES) {
  const dir = mkdtempSync(join(base, `bench-${n}-`));
  writeFileSync(join(dir, 'autogen.config.json'), JSON.stringify({ dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'drizzle', models: ['./schema.ts'] }));
  writeFileSync(join(dir, 'schema.ts'), schemaSource(n, false));
  console.log(`\nN = ${n} tables`);
  measure(`autogen --message (initial, N=${n})`, () => {
    rmSync(join(dir, 'migrations'), { recursive: true, force: true });
    return time(['--message', 'init'], dir);
  });
  measure(`autogen upgrade head (create N=${n} tables)`, () => {
    rmSync(join(dir, 'app.db'), { force: true });
    return time(['upgrade', 'head'], dir);
  });
  measure(`autogen --message (no change, N=${n})`, () => time(['--message', 'x'], dir));
  measure(`autogen check (clean, N=${n})`, () => time(['check'], dir));
  writeFileSync(join(dir, 'schema.ts'), schemaSource(n, true));
  measure(`autogen check (incremental drift, N=${n})`, () => time(['check'], dir));
  measure(`autogen --message (incremental, N=${n})`, () => {
    const t = time(['revision', '--autogenerate', '-m', 'incremental', '--rev-id', 'bench0000001'], dir);
    for (const f of readdirSync(join(dir, 'migrations'))) if (f.includes('bench0000001')) rmSync(join(dir, 'migrations', f));
    return t;
  });
  rmSync(dir, { recursive: true, force: true });
}
