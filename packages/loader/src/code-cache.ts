import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, join } from 'node:path';
import { Script } from 'node:vm';

/** `Module.wrap` and the per-extension loaders are not in Node's public types. */
type ModuleInternals = typeof Module & {
  wrap(source: string): string;
  _extensions: Record<string, (module: NodeModule & { _compile?: unknown }, filename: string) => void>;
};

/**
 * Keeps V8's compiled code of a few very large modules on disk, so that later processes skip parsing and
 * compiling them (https://v8.dev/blog/code-caching-for-devs). The one that matters is the TypeScript compiler
 * bundled in ts-morph (about 9 MB of JavaScript, the largest cost of writing a revision file: ~0.3 s to load).
 *
 * Only files whose path ends with one of `suffixes` are affected; every other module loads as usual. The cache
 * entry is keyed by the file's path, size and mtime and by the Node version (V8 rejects data from another
 * version anyway, and the module then compiles normally); a missing or unwritable cache only costs speed. The
 * code is written when the process exits, so that the functions it ran are in the cache too.
 *
 * Node 22 has this built in (`module.enableCompileCache`); Node 20 does not.
 */
export function enableCodeCache(cacheDir: string | undefined, suffixes: ReadonlyArray<string>): void {
  if (!cacheDir) return;
  // Calls add files; the first call's folder is used for all of them.
  for (const suffix of suffixes) cachedSuffixes.add(suffix);
  if (installed) return;
  installed = true;
  const internals = Module as ModuleInternals;
  const original = internals._extensions['.js'];
  if (!original) return;
  internals._extensions['.js'] = function loadWithCodeCache(module, filename) {
    if (![...cachedSuffixes].some((suffix) => filename.endsWith(suffix))) return original(module, filename);
    let entry: string;
    let source: string;
    try {
      const stat = statSync(filename);
      entry = join(cacheDir, `${basename(filename)}-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${hash(filename)}.v8`);
      source = readFileSync(filename, 'utf8');
    } catch {
      return original(module, filename);
    }
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(entry);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(internals.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    const require = Module.createRequire(filename);
    wrapper.call(module.exports, module.exports, require, module, filename, join(filename, '..'));
    if (!cachedData || script.cachedDataRejected) {
      // Written at exit (or by flushCodeCache), so the functions this run compiled lazily (printing a revision)
      // are in it too.
      if (pending.size === 0) process.once('exit', flushCodeCache);
      pending.set(entry, () => {
        mkdirSync(cacheDir, { recursive: true });
        const partial = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, entry);
      });
    }
  };
}

let installed = false;
const cachedSuffixes = new Set<string>();
const pending = new Map<string, () => void>();

/**
 * Writes the cache entries this process still owes now, instead of at exit: a worker thread that is terminated
 * never runs `exit` handlers.
 */
export function flushCodeCache(): void {
  for (const [entry, write] of pending) {
    pending.delete(entry);
    try {
      write();
    } catch {
      // Only a cache.
    }
  }
}

/** A short stable hash of a path (FNV-1a), so that two installs of one package get two entries. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}
