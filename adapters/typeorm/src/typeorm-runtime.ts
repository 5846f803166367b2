import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The parts of the `typeorm` package the adapter uses, from one copy of it. TypeORM keeps the decorators' metadata
 * in a storage per process (`getMetadataArgsStorage()`), and its `DataSource`, `Table` and driver classes must come
 * from the copy the user's entities were decorated with, so the copy is resolved from the user's project.
 */
export interface TypeormRuntime {
  readonly typeorm: typeof import('typeorm');
  /** The `typeorm` entry file that was resolved (for messages and tests). */
  readonly location: string;
}

const byLocation = new Map<string, TypeormRuntime>();

/**
 * Resolves typeorm the way the user's code would: from each of `fromPaths` in turn (the project directory, then
 * the model files), falling back to the adapter's own copy when none of them can see the package. A directory is
 * resolved from itself, anything else (a model file) from the directory that holds it.
 *
 * `reflect-metadata` is loaded first, from the same place: decorated classes record their property types through
 * `Reflect.metadata` while their module runs (`emitDecoratorMetadata`), and TypeORM reads them back with
 * `Reflect.getMetadata` (https://typeorm.io/docs/getting-started#installation).
 */
export function resolveTypeormRuntime(fromPaths: ReadonlyArray<string>): TypeormRuntime {
  for (const from of fromPaths) {
    // createRequire wants a file inside the directory to resolve from; the file need not exist.
    const requireFrom = createRequire(isDirectory(from) ? join(from, 'noop.js') : from);
    let location: string;
    try {
      location = requireFrom.resolve('typeorm');
    } catch {
      continue;
    }
    return runtimeAt(location, requireFrom);
  }
  return ownTypeormRuntime();
}

/** The adapter's own copy of typeorm, used when the user's project cannot resolve one. */
export function ownTypeormRuntime(): TypeormRuntime {
  return runtimeAt(require.resolve('typeorm'), require);
}

function runtimeAt(location: string, requireFrom: NodeRequire): TypeormRuntime {
  const cached = byLocation.get(location);
  if (cached) return cached;
  loadReflectMetadata(requireFrom);
  const runtime: TypeormRuntime = { typeorm: requireFrom(location) as typeof import('typeorm'), location };
  byLocation.set(location, runtime);
  return runtime;
}

/** The user's reflect-metadata when their project has one, else the adapter's (the polyfill is global either way). */
function loadReflectMetadata(requireFrom: NodeRequire): void {
  try {
    requireFrom('reflect-metadata');
  } catch {
    require('reflect-metadata');
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
