import { extname, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ModuleLoadError } from './module-load-error';
import { installTypeScriptHook, TYPESCRIPT_EXTENSIONS } from './typescript-hook';

/** Options for {@link loadModule}. */
export interface LoadModuleOptions {
  /** Drop the file from the require cache first, so edits made since the last load are seen (programmatic use). */
  readonly fresh?: boolean;
}

// A real dynamic import, which TypeScript's CommonJS output would otherwise turn into require().
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/**
 * Imports a user module (models, config, revision files) by absolute path and returns its exports.
 * TypeScript (`.ts`, `.mts`, `.cts`) loads without a build step through {@link installTypeScriptHook};
 * `.mjs` and ESM `.js` go through `import()`. Any failure becomes a {@link ModuleLoadError} naming the file.
 */
export async function loadModule(file: string, options: LoadModuleOptions = {}): Promise<Record<string, unknown>> {
  const ext = extname(file);
  try {
    if ((TYPESCRIPT_EXTENSIONS as ReadonlyArray<string>).includes(ext)) installTypeScriptHook();
    if (options.fresh) forget(file);
    if (ext === '.mjs') return (await dynamicImport(pathToFileURL(file).href)) as Record<string, unknown>;
    try {
      return require(file) as Record<string, unknown>;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_REQUIRE_ESM') {
        return (await dynamicImport(pathToFileURL(file).href)) as Record<string, unknown>;
      }
      throw error;
    }
  } catch (error) {
    throw new ModuleLoadError(file, error);
  }
}

/**
 * Evicts every cached module under `dir` (outside node_modules) so the next import reads the files again.
 * Loaders call it once before importing a set of user files, so a long-running process (an app calling the
 * programmatic API twice) sees edited models and revisions, while files of one set still share module instances.
 */
export function forgetModulesUnder(dir: string): void {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(prefix) && !key.includes(`${sep}node_modules${sep}`)) delete require.cache[key];
  }
}

function forget(file: string): void {
  const resolved = require.resolve(file);
  delete require.cache[resolved];
}
