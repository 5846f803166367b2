import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DialectName } from '@autogen/schema';

/**
 * The MikroORM packages the adapter uses, from one copy. MikroORM's decorators record entities in a storage the
 * `@mikro-orm/core` copy reads back, and its discovery tells an `EntitySchema` apart by `instanceof`, so the copy
 * must be the one the user's entities import: it is resolved from the user's project.
 */
export interface MikroOrmRuntime {
  readonly core: typeof import('@mikro-orm/core');
  /** The `@mikro-orm/core` entry file that was resolved (for messages and tests). */
  readonly location: string;
  /** A `require` rooted where core was found: the driver packages are looked up from there first. */
  readonly requireFrom: NodeRequire;
}

const byLocation = new Map<string, MikroOrmRuntime>();

/**
 * Resolves `@mikro-orm/core` the way the user's code would: from each of `fromPaths` in turn (project directory,
 * config module, entity files), falling back to the adapter's own copy. `reflect-metadata` is loaded first from
 * the same place: `ReflectMetadataProvider` reads property types that decorators recorded with `Reflect.metadata`
 * while the entity modules ran (https://mikro-orm.io/docs/metadata-providers#reflectmetadataprovider).
 */
export function resolveMikroOrmRuntime(fromPaths: ReadonlyArray<string>): MikroOrmRuntime {
  for (const from of fromPaths) {
    const requireFrom = requireAt(from);
    let location: string;
    try {
      location = requireFrom.resolve('@mikro-orm/core');
    } catch {
      continue;
    }
    return runtimeAt(location, requireFrom);
  }
  return runtimeAt(require.resolve('@mikro-orm/core'), require);
}

function runtimeAt(location: string, requireFrom: NodeRequire): MikroOrmRuntime {
  const cached = byLocation.get(location);
  if (cached) return cached;
  try {
    requireFrom('reflect-metadata');
  } catch {
    require('reflect-metadata');
  }
  const runtime: MikroOrmRuntime = { core: requireFrom(location) as typeof import('@mikro-orm/core'), location, requireFrom };
  byLocation.set(location, runtime);
  return runtime;
}

/** The MikroORM driver package autogen uses for each dialect when the project's config names no driver. */
export const MIKRO_ORM_DRIVER_PACKAGES: Readonly<Record<DialectName, { readonly packageName: string; readonly exportName: string }>> = {
  sqlite: { packageName: '@mikro-orm/better-sqlite', exportName: 'BetterSqliteDriver' },
  postgresql: { packageName: '@mikro-orm/postgresql', exportName: 'PostgreSqlDriver' },
};

/** A driver package could not be resolved; the message says what to install. */
export class MissingDriverPackageError extends Error {
  constructor(readonly packageName: string, message: string) {
    super(message);
    this.name = 'MissingDriverPackageError';
  }
}

/**
 * The driver class for `dialect` (`BetterSqliteDriver` / `PostgreSqlDriver`). The driver packages are not
 * dependencies of the adapter: they are resolved from the user's project (`fromPaths`), then — unless
 * `ownCopy` is false — from wherever the adapter itself can see them. Throws {@link MissingDriverPackageError}.
 */
export function resolveMikroOrmDriver(dialect: DialectName, fromPaths: ReadonlyArray<string>, ownCopy = true): new (...args: never[]) => unknown {
  const { packageName, exportName } = MIKRO_ORM_DRIVER_PACKAGES[dialect];
  const requires = [...fromPaths.map(requireAt), ...(ownCopy ? [require] : [])];
  for (const requireFrom of requires) {
    let location: string;
    try {
      location = requireFrom.resolve(packageName);
    } catch {
      continue;
    }
    const driver = (requireFrom(location) as Record<string, unknown>)[exportName];
    if (typeof driver === 'function') return driver as new (...args: never[]) => unknown;
  }
  throw new MissingDriverPackageError(packageName, `the MikroORM driver package ${packageName} is not installed: install ${packageName} (npm install -D ${packageName})`);
}

/** A `require` that resolves from `from`: a directory itself, or the directory holding a file. */
function requireAt(from: string): NodeRequire {
  // createRequire wants a file inside the directory to resolve from; the file need not exist.
  return createRequire(statSync(from, { throwIfNoEntry: false })?.isDirectory() ? join(from, 'noop.js') : from);
}
