/**
 * The loader runs in a child Node process here: Jest replaces `require` with its own module registry, so only a
 * real Node process exercises the TypeScript require hook the CLI uses.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { transpileTypeScript } from '../src/typescript-hook';
import { TranspileCache } from '../src/transpile-cache';

const LOADER = resolve(__dirname, '..', 'dist', 'index.js');

function runNode(script: string, env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('loadModule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'autogen-loader-'));
  const cacheDir = join(dir, 'cache');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'types.ts'), 'export interface Shape { readonly sides: number }\nexport const SIDES = 4;\n');
  writeFileSync(
    join(dir, 'src', 'entity.ts'),
    `import type { Shape } from './types';
import { SIDES } from './types';
function Column(): PropertyDecorator { return () => undefined; }
const seen: unknown[] = [];
(Reflect as unknown as { metadata: unknown }).metadata = (key: string, value: unknown) => () => { if (key === 'design:type') seen.push(value); };
export class User { @Column() name!: string; @Column() age!: number; @Column() born!: Date; }
export const square: Shape = { sides: SIDES };
export const designTypes = seen.map((t) => (t as { name: string }).name);
`,
  );
  writeFileSync(join(dir, 'src', 'broken.ts'), 'export const x: number = ;\n');
  writeFileSync(join(dir, 'src', 'esm.mjs'), 'export const fromEsm = 42;\n');

  test('loads TypeScript with imports, type-only imports and decorator metadata (design:type)', () => {
    const run = runNode(
      `require(${JSON.stringify(LOADER)}).loadModule(${JSON.stringify(join(dir, 'src', 'entity.ts'))})` +
        `.then((m) => console.log(JSON.stringify({ types: m.designTypes, sides: m.square.sides })))`,
      { AUTOGEN_CACHE_DIR: cacheDir },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ types: ['String', 'Number', 'Date'], sides: 4 });
    // the transpiled output was cached, so the next run needs no compiler
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.js')).length).toBeGreaterThanOrEqual(2);
  });

  test('a second run is served from the cache without loading typescript', () => {
    const run = runNode(
      `require(${JSON.stringify(LOADER)}).loadModule(${JSON.stringify(join(dir, 'src', 'entity.ts'))})` +
        `.then(() => console.log(Object.keys(require.cache).some((k) => k.includes('/typescript/lib/'))))`,
      { AUTOGEN_CACHE_DIR: cacheDir },
    );
    expect(run.stdout.trim()).toBe('false');
  });

  test('a syntax error becomes a ModuleLoadError naming the file', () => {
    const run = runNode(
      `const l = require(${JSON.stringify(LOADER)}); l.loadModule(${JSON.stringify(join(dir, 'src', 'broken.ts'))})` +
        `.catch((e) => console.log(JSON.stringify({ name: e.name, file: e.file, ok: e instanceof l.ModuleLoadError, message: e.message })))`,
      { AUTOGEN_CACHE_DIR: cacheDir },
    );
    const result = JSON.parse(run.stdout) as { message: string };
    expect(result).toMatchObject({ name: 'ModuleLoadError', file: join(dir, 'src', 'broken.ts'), ok: true });
    expect(result.message).toContain('broken.ts:1:');
    expect(result.message).toContain('Expression expected');
  });

  test('.mjs modules load through import()', () => {
    const run = runNode(`require(${JSON.stringify(LOADER)}).loadModule(${JSON.stringify(join(dir, 'src', 'esm.mjs'))}).then((m) => console.log(m.fromEsm))`);
    expect(run.stdout.trim()).toBe('42');
  });
});

describe('transpileTypeScript', () => {
  test('emits decorator metadata and CommonJS', () => {
    const out = transpileTypeScript('class A { @D() x!: string }\nfunction D(): PropertyDecorator { return () => {}; }\nexport { A };', 'a.ts', new TranspileCache(undefined));
    expect(out).toContain('__metadata("design:type", String)');
    expect(out).toContain('exports.A');
  });
});
