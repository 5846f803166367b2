import { forgetModulesUnder, loadModule } from '@autogen/loader';
import {
  ModelLoadError,
  sortSchema,
  type AdapterLoadOptions,
  type AdapterResult,
  type ModelSource,
  type OrmAdapter,
  type Table,
} from '@autogen/schema';
import { dialectMismatch } from './dialect-mismatch';
import { resolveDrizzleRuntime } from './drizzle-runtime';
import { drizzleTableToSchema } from './drizzle-table-to-schema';
import { findDrizzleTables, type DrizzleTableExport } from './find-drizzle-tables';

interface FoundTable extends DrizzleTableExport {
  readonly file: string;
}

/**
 * The Drizzle adapter: imports the model files (TypeScript through `@autogen/loader`), collects every drizzle
 * table among their exports and maps them to the target schema.
 *
 * - drizzle-orm is resolved from the user's project (`projectDir`, then the model files), falling back to the
 *   adapter's own copy;
 * - a table exported twice (from one file, or re-exported by another) counts once, credited to the first file;
 * - relations, enums and other exports are ignored; a module with no tables is not an error here (the CLI decides
 *   what an empty total means);
 * - a file that fails to import, a table of another dialect, two tables with one name and what the schema model
 *   cannot express all throw a {@link ModelLoadError} naming the file.
 */
export const drizzleAdapter: OrmAdapter = {
  name: 'drizzle',
  async load(options: AdapterLoadOptions): Promise<AdapterResult> {
    const runtime = resolveDrizzleRuntime([options.projectDir, ...options.files]);
    // Read the models as they are now, even if this process imported them before (programmatic API).
    forgetModulesUnder(options.projectDir);
    const found: FoundTable[] = [];
    const seen = new Set<unknown>();
    const byName = new Map<string, FoundTable>();
    for (const file of options.files) {
      const moduleExports = await importModelFile(file);
      for (const entry of findDrizzleTables(moduleExports, runtime)) {
        if (seen.has(entry.table)) continue;
        seen.add(entry.table);
        const mismatch = dialectMismatch(entry.name, entry.kind, options.dialect);
        if (mismatch) throw new ModelLoadError(file, `${file} (export ${entry.exportName}): ${mismatch}`);
        const other = byName.get(entry.name);
        if (other) {
          throw new ModelLoadError(
            file,
            `${file} (export ${entry.exportName}): table "${entry.name}" is also defined by ${other.file} (export ${other.exportName})`,
          );
        }
        const withFile = { ...entry, file };
        byName.set(entry.name, withFile);
        found.push(withFile);
      }
    }
    const tables = found.map((entry): Table => {
      try {
        return drizzleTableToSchema(entry.table, options.dialect, runtime);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new ModelLoadError(entry.file, `${entry.file} (export ${entry.exportName}): ${message}`, { cause: error });
      }
    });
    const sources = found
      .map((entry): ModelSource => ({ table: entry.name, file: entry.file, exportName: entry.exportName }))
      .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
    return { schema: sortSchema({ tables }), files: [...options.files], sources };
  },
};

/** Imports one model file, turning any failure into a ModelLoadError with the file and the original message. */
async function importModelFile(file: string): Promise<unknown> {
  try {
    return await loadModule(file);
  } catch (error) {
    // loadModule wraps failures in ModuleLoadError; report what the user's code threw, not the wrapper.
    const original = error instanceof Error && error.cause !== undefined ? error.cause : error;
    // Node appends the require stack (our own loader's frames) to "Cannot find module"; the first part says it.
    const message = (original instanceof Error ? original.message : String(original)).split('\nRequire stack:')[0];
    throw new ModelLoadError(file, `cannot import model file ${file}: ${message}`, { cause: original });
  }
}
