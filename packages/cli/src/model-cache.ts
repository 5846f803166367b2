import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { AdapterLoadOptions, AdapterResult } from '@autogen/schema';

/** One cached adapter result and everything it was made from. */
interface CacheEntry {
  /** Every local module the load required (models, config, helpers), with the SHA-256 of its bytes. */
  readonly modules: ReadonlyArray<readonly [string, string]>;
  /**
   * The folders holding those modules, up to the project folder, with a hash of their entry names: an ORM that
   * discovers entities by glob (TypeORM `entities: ['src/**\/*.entity.ts']`) would pick up a new file there.
   */
  readonly folders: ReadonlyArray<readonly [string, string]>;
  /** Every environment variable the load read, with the value it had (`null`: unset). */
  readonly env: ReadonlyArray<readonly [string, string | null]>;
  readonly result: AdapterResult;
}

const FORMAT = 1;

/**
 * Caches what an adapter made of the models, so that a run whose models did not change skips loading the ORM
 * (TypeORM or MikroORM take 0.3–0.4 s to load before they build any metadata; a pre-commit `check` usually runs
 * on unchanged models). The entry is used only when everything the load depended on is unchanged:
 * - the key: adapter, dialect, load options, the model files given, the ORM package's version and autogen's
 *   adapter build (its files' sizes and mtimes);
 * - every local module the load required (model files and whatever they import, config modules), by content hash,
 *   and the entry names of their folders up to the project folder (a new entity file next to them);
 * - every module the adapter names as a table's source must be among them (entities loaded some other way, such
 *   as an ORM's own `import()`, make the load uncacheable);
 * - every environment variable the load read (recorded through a proxy on `process.env`), by value.
 * Set `AUTOGEN_NO_CACHE` to turn it off. Entries live in `<cache dir>/models/`.
 */
export class ModelCache {
  constructor(private readonly dir: string | undefined) {}

  /** The cached result for `key`, or undefined when there is none or anything it depended on changed. */
  lookup(key: string): AdapterResult | undefined {
    if (!this.dir) return undefined;
    let entry: CacheEntry;
    try {
      entry = JSON.parse(readFileSync(this.#file(key), 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
    for (const [file, hash] of entry.modules) if (fileHash(file) !== hash) return undefined;
    for (const [folder, hash] of entry.folders) if (folderHash(folder) !== hash) return undefined;
    for (const [name, value] of entry.env) if ((process.env[name] ?? null) !== value) return undefined;
    return entry.result;
  }

  /**
   * Runs `load` while recording the local modules it requires and the environment variables it reads, and
   * stores its result under `key`.
   */
  async record(key: string, projectDir: string, load: () => Promise<AdapterResult>): Promise<AdapterResult> {
    if (!this.dir) return load();
    const before = new Set(Object.keys(require.cache));
    const read = new Map<string, string | null>();
    const env = process.env;
    process.env = new Proxy(env, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof name === 'string' && !read.has(name)) read.set(name, typeof value === 'string' ? value : null);
        return value;
      },
      // Writes go straight to the real object: through the default trap they would reach Node's env object as a
      // define with a partial descriptor, which it rejects.
      set(target, name, value) {
        return Reflect.set(target, name, value);
      },
    });
    let result: AdapterResult;
    try {
      result = await load();
    } finally {
      process.env = env;
    }
    const local = (file: string): boolean => !file.includes(`${sep}node_modules${sep}`) && !before.has(file);
    const files = new Set([...Object.keys(require.cache).filter(local), ...result.files]);
    const modules: Array<readonly [string, string]> = [];
    for (const file of [...files].sort()) {
      const hash = fileHash(file);
      if (hash === undefined) return result; // a module without a file: cannot tell when it changes, no cache
      modules.push([file, hash]);
    }
    if (result.sources.some((source) => !files.has(source.file))) return result;
    const folders = new Set<string>();
    for (const file of files) {
      for (let folder = dirname(file); folder.startsWith(projectDir) && !folders.has(folder); folder = dirname(folder)) {
        folders.add(folder);
        if (folder === projectDir) break;
      }
    }
    const folderHashes: Array<readonly [string, string]> = [];
    for (const folder of [...folders].sort()) {
      const hash = folderHash(folder);
      if (hash === undefined) return result;
      folderHashes.push([folder, hash]);
    }
    const entry: CacheEntry = { modules, folders: folderHashes, env: [...read].sort(([a], [b]) => (a < b ? -1 : 1)), result };
    try {
      mkdirSync(join(this.dir), { recursive: true });
      const file = this.#file(key);
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, JSON.stringify(entry));
      renameSync(partial, file);
    } catch {
      // Only a cache.
    }
    return result;
  }

  #file(key: string): string {
    return join(this.dir as string, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }
}

/**
 * The cache key of one adapter load: the adapter and its options, the model files, the ORM's installed version
 * (resolved from the project) and a fingerprint of autogen's adapter build.
 */
export function modelCacheKey(adapter: string, adapterEntry: string, ormPackage: string, options: AdapterLoadOptions): string {
  return JSON.stringify([FORMAT, adapter, options, packageVersion(ormPackage, options.projectDir), buildFingerprint(dirname(adapterEntry))]);
}

function fileHash(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

function folderHash(folder: string): string | undefined {
  try {
    return createHash('sha256').update(readdirSync(folder).sort().join('\n')).digest('hex');
  } catch {
    return undefined;
  }
}

function packageVersion(name: string, from: string): string {
  try {
    const manifest = require.resolve(`${name}/package.json`, { paths: [from] });
    return `${manifest}@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '?'}`;
  } catch {
    return 'unresolved';
  }
}

/** Sizes and mtimes of the files of a built adapter: a rebuilt adapter invalidates what it cached. */
function buildFingerprint(dir: string): string {
  try {
    return readdirSync(dir)
      .sort()
      .map((name) => {
        const stat = statSync(join(dir, name));
        return `${name}:${stat.size}:${Math.floor(stat.mtimeMs)}`;
      })
      .join(',');
  } catch {
    return 'unknown';
  }
}
