'use strict';
/**
 * The phases of `autogen --message` inside one process, on a project directory (its autogen config): load models,
 * connect, introspect (with the number of SQL round trips), normalize, compare, render. Each phase is timed over
 * several runs after a warm-up (the warm-up pays for module loading, which the whole-process timings show).
 *
 * Used by run.js; also runnable alone: `node scripts/bench/phases.js <project dir> [runs]`.
 */
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');

/** Median, min and max of a list of seconds. */
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Removes autogen's model cache and transpiled output under `dir`, keeping V8's code cache. */
function clearModelCaches(dir) {
  const { existsSync, readdirSync, rmSync } = require('node:fs');
  const base = join(dir, 'node_modules', '.cache', 'autogen');
  if (!existsSync(base)) return;
  for (const entry of readdirSync(base)) if (entry !== 'v8') rmSync(join(base, entry), { recursive: true, force: true });
}

/** Wraps a connection so that every query/execute call is counted (one call = one round trip). */
function counting(connection) {
  let calls = 0;
  return {
    connection: {
      get description() {
        return connection.description;
      },
      query: (...args) => ((calls += 1), connection.query(...args)),
      execute: (...args) => ((calls += 1), connection.execute(...args)),
      close: () => connection.close(),
    },
    calls: () => calls,
  };
}

/**
 * Times the phases on the project in `dir`; returns `{ phases: { name: stats }, roundTrips, peakRssMb }`.
 * Runs from the project directory (as the CLI does), so relative URLs resolve.
 */
async function measurePhases(dir, runs = 5) {
  const { Project } = require(join(ROOT, 'packages', 'cli', 'dist', 'project.js'));
  const { VERSION_TABLE, REVISION_LOG_TABLE } = require(join(ROOT, 'packages', 'runner', 'dist', 'index.js'));
  const { compare } = require(join(ROOT, 'packages', 'compare', 'dist', 'index.js'));
  const { renderRevision } = require(join(ROOT, 'packages', 'render', 'dist', 'index.js'));
  const { reverseAll } = require(join(ROOT, 'packages', 'ops', 'dist', 'index.js'));
  const { forgetModulesUnder } = require(join(ROOT, 'packages', 'loader', 'dist', 'index.js'));
  const samples = { 'load models': [], connect: [], introspect: [], normalize: [], compare: [], render: [] };
  let roundTrips = 0;
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    for (let run = 0; run <= runs; run++) {
      const timed = {};
      const clock = async (name, fn) => {
        const started = process.hrtime.bigint();
        const value = await fn();
        timed[name] = Number(process.hrtime.bigint() - started) / 1e9;
        return value;
      };
      // Model modules are loaded afresh each run, as the first process after a model edit would: no model cache,
      // no transpiled output (V8's code cache of the compiler stays, a model edit does not change it).
      forgetModulesUnder(dir);
      clearModelCaches(dir);
      const project = await Project.open({ cwd: dir });
      const target = await clock('load models', () => project.target());
      const raw = await clock('connect', () => project.connect('mustExist'));
      const counted = counting(raw);
      let live;
      try {
        live = await clock('introspect', () =>
          project.dialect.introspect(counted.connection, { exclude: [VERSION_TABLE, REVISION_LOG_TABLE], schemas: project.config.schemas }),
        );
      } finally {
        await raw.close();
      }
      const current = await clock('normalize', () => project.dialect.normalize(live));
      const result = await clock('compare', () =>
        compare(current, target.normalized, {
          capabilities: project.dialect.capabilities,
          ...(project.config.namingConvention ? { namingConvention: project.config.namingConvention } : {}),
        }),
      );
      await clock('render', () =>
        renderRevision({ revision: 'bench', parent: null, message: 'bench', createdAt: '2026-01-01T00:00:00.000Z', upgrade: result.ops, downgrade: reverseAll(result.ops) }),
      );
      if (run === 0) {
        roundTrips = counted.calls();
        continue; // warm-up
      }
      for (const [name, seconds] of Object.entries(timed)) samples[name].push(seconds);
    }
  } finally {
    process.chdir(cwd);
  }
  const phases = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, stats(s)]));
  return { phases, roundTrips, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

module.exports = { measurePhases, stats, clearModelCaches };

if (require.main === module) {
  const [dir, runs] = process.argv.slice(2);
  measurePhases(resolve(dir), Number(runs ?? 5)).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
