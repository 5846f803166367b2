#!/usr/bin/env node
/**
 * Long soak of the generated round-trip property (test/round-trip-property.test.ts): runs it with any number of
 * cases, on one or both dialects, with a new random seed per round unless one is given, until the rounds are done
 * or a case fails. A failure prints the seed, the replay path and the shrunk case, and the script exits 1.
 *
 *   node scripts/soak.js --runs 5000 [--dialects sqlite,postgresql] [--seed 123] [--rounds 10] [--no-shrink]
 *
 * PostgreSQL: the test's server (AUTOGEN_TEST_PG_URL, else 127.0.0.1:5432), as in `npm test`.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

function parseArgs(argv) {
  const options = { runs: 1000, dialects: 'sqlite,postgresql', seed: undefined, rounds: 1, shrink: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--dialects') options.dialects = value();
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--rounds') options.rounds = Number(value());
    else if (arg === '--no-shrink') options.shrink = false;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node scripts/soak.js --runs N [--dialects sqlite,postgresql] [--seed S] [--rounds R] [--no-shrink]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error('--rounds must be a positive integer');
  return options;
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`soak: ${error.message}\n`);
    process.exit(2);
  }
  const root = join(__dirname, '..');
  const jest = require.resolve('jest/bin/jest', { paths: [root] });
  const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-b'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(2);
  let total = 0;
  const started = Date.now();
  for (let round = 1; round <= options.rounds; round++) {
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    process.stdout.write(`round ${round}/${options.rounds}: ${options.runs} cases per dialect (${options.dialects}), seed ${seed}\n`);
    const result = spawnSync(process.execPath, [jest, 'test/round-trip-property.test.ts', '--testTimeout', String(24 * 3600 * 1000)], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        AUTOGEN_PROPERTY_RUNS: String(options.runs),
        AUTOGEN_PROPERTY_SEED: String(seed),
        AUTOGEN_PROPERTY_DIALECTS: options.dialects,
        ...(options.shrink ? {} : { AUTOGEN_PROPERTY_SHRINK: '0' }),
      },
    });
    if (result.status !== 0) {
      process.stderr.write(`soak: round ${round} failed (seed ${seed}); the replay command is in the report above\n`);
      process.exit(1);
    }
    total += options.runs * options.dialects.split(',').length;
  }
  process.stdout.write(`soak: ${total} generated cases passed in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

main();
