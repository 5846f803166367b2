/**
 * The V8 code cache for large modules: it must never change what a module exports, must write one entry per file
 * version, and must leave other modules alone. Node's CommonJS loader is exercised in child processes (jest runs
 * test files in its own module system, which does not go through `Module._extensions`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LOADER = resolve(__dirname, '..', 'dist', 'index.js');

/** Requires `big.js` and `small.js` from `dir` with the code cache on for `big.js`; returns what they export. */
function load(dir: string, cache: string): { big: unknown; small: unknown } {
  const script = `
    const { enableCodeCache } = require(${JSON.stringify(LOADER)});
    enableCodeCache(${JSON.stringify(cache)}, ['/big.js']);
    const big = require(${JSON.stringify(join(dir, 'big.js'))});
    const small = require(${JSON.stringify(join(dir, 'small.js'))});
    process.stdout.write(JSON.stringify({ big, small }));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { big: unknown; small: unknown };
}

const bigModule = (value: number): string =>
  `const parts = [];\n${Array.from({ length: 2000 }, (_, i) => `function f${i}(x) { return x + ${i}; }\nparts.push(f${i}(1));`).join('\n')}\n` +
  `module.exports = { value: ${value}, sum: parts.reduce((a, b) => a + b, 0), file: __filename.endsWith('big.js'), dir: typeof __dirname, req: typeof require('node:path').join };\n`;

describe('enableCodeCache', () => {
  test('same exports with and without a cache entry; a changed file gets a new entry; other modules are untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autogen-code-cache-'));
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'big.js'), bigModule(1));
    writeFileSync(join(dir, 'small.js'), 'module.exports = 42;\n');
    const expected = { big: { value: 1, sum: 2000 + (1999 * 2000) / 2, file: true, dir: 'string', req: 'function' }, small: 42 };
    expect(load(dir, cache)).toEqual(expected);
    const entries = readdirSync(cache);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^big\.js-\d+-\d+-v\d+\.\d+\.\d+-[0-9a-f]+\.v8$/);
    // Second run: served from the entry, same exports, no new entry.
    expect(load(dir, cache)).toEqual(expected);
    expect(readdirSync(cache)).toEqual(entries);
    // A changed file: new exports, a second entry.
    writeFileSync(join(dir, 'big.js'), bigModule(22));
    expect(load(dir, cache)).toEqual({ ...expected, big: { ...expected.big, value: 22 } });
    expect(readdirSync(cache)).toHaveLength(2);
  });
});
