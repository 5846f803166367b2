import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The drizzle-orm modules the adapter reads tables with. They are resolved from the user's project, so `is()`,
 * `getTableConfig()` and the `SQL` class are the same instance the models were built with (drizzle's `is()` also
 * matches across copies by entity kind, but resolving the user's copy keeps the two in lockstep).
 */
export interface DrizzleRuntime {
  readonly core: typeof import('drizzle-orm');
  readonly sqlite: typeof import('drizzle-orm/sqlite-core');
  /**
   * `drizzle-orm/pg-core`, loaded on first use (a getter), so projects on SQLite never load it and a drizzle-orm
   * copy without it still serves them. Throws an `Error` naming the drizzle-orm copy when it cannot be loaded.
   */
  readonly pg: typeof import('drizzle-orm/pg-core');
  readonly casing: typeof import('drizzle-orm/casing');
  /** The `drizzle-orm` entry file that was resolved (for messages and tests). */
  readonly location: string;
}

const byLocation = new Map<string, DrizzleRuntime>();

/**
 * Resolves drizzle-orm the way the user's code would: from each of `fromPaths` in turn (the project directory,
 * then the model files), falling back to the adapter's own copy when none of them can see the package.
 * A directory is resolved from itself, anything else (a model file) from the directory that holds it.
 */
export function resolveDrizzleRuntime(fromPaths: ReadonlyArray<string>): DrizzleRuntime {
  for (const from of fromPaths) {
    // createRequire wants a file inside the directory to resolve from; the file need not exist.
    const requireFrom = createRequire(isDirectory(from) ? join(from, 'noop.js') : from);
    let location: string;
    try {
      location = requireFrom.resolve('drizzle-orm');
    } catch {
      continue;
    }
    return runtimeAt(location, requireFrom);
  }
  return ownDrizzleRuntime();
}

/** The adapter's own copy of drizzle-orm, used when the user's project cannot resolve one. */
export function ownDrizzleRuntime(): DrizzleRuntime {
  return runtimeAt(require.resolve('drizzle-orm'), require);
}

function runtimeAt(location: string, requireFrom: NodeRequire): DrizzleRuntime {
  const cached = byLocation.get(location);
  if (cached) return cached;
  // The subpaths resolve through the same lookup as the entry, hence from the same package copy.
  let pg: typeof import('drizzle-orm/pg-core') | undefined;
  const runtime: DrizzleRuntime = {
    core: requireFrom(location) as typeof import('drizzle-orm'),
    sqlite: requireFrom('drizzle-orm/sqlite-core') as typeof import('drizzle-orm/sqlite-core'),
    get pg() {
      pg ??= loadPgCore(requireFrom, location);
      return pg;
    },
    casing: loadCasing(requireFrom),
    location,
  };
  byLocation.set(location, runtime);
  return runtime;
}

function loadPgCore(requireFrom: NodeRequire, location: string): typeof import('drizzle-orm/pg-core') {
  try {
    return requireFrom('drizzle-orm/pg-core') as typeof import('drizzle-orm/pg-core');
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\nRequire stack:')[0];
    throw new Error(`cannot load drizzle-orm/pg-core next to ${location}: ${message}`, { cause: error });
  }
}

/** Older drizzle-orm copies have no `drizzle-orm/casing`; they borrow the adapter's (it only maps column names). */
function loadCasing(requireFrom: NodeRequire): typeof import('drizzle-orm/casing') {
  try {
    return requireFrom('drizzle-orm/casing') as typeof import('drizzle-orm/casing');
  } catch {
    return require('drizzle-orm/casing') as typeof import('drizzle-orm/casing');
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
