import { forgetModulesUnder, loadModule } from '@autogen/loader';
import {
  ModelLoadError,
  sortSchema,
  tableKey,
  type AdapterLoadOptions,
  type AdapterResult,
  type EnumType,
  type ModelSource,
  type OrmAdapter,
  type Table,
} from '@autogen/schema';
import { dialectMismatch } from './dialect-mismatch';
import { resolveDrizzleRuntime, type DrizzleRuntime } from './drizzle-runtime';
import { drizzleTableToSchema } from './drizzle-table-to-schema';
import { findDrizzleTables, type DrizzleTableExport } from './find-drizzle-tables';
import { findPgEnums, pgTableEnums } from './pg-enums';
import { PgEnumConflictError, pgEnumsToSchema, type PgEnumSource } from './pg-enums-to-schema';

interface FoundTable extends DrizzleTableExport {
  readonly file: string;
  /** The table's key: its name, or `schema.name` for a pgSchema table. */
  readonly key: string;
}

/**
 * The Drizzle adapter: imports the model files (TypeScript through `@autogen/loader`), collects every drizzle
 * table among their exports and maps them to the target schema.
 *
 * - drizzle-orm is resolved from the user's project (`projectDir`, then the model files), falling back to the
 *   adapter's own copy;
 * - a table exported twice (from one file, or re-exported by another) counts once, credited to the first file;
 * - tables are told apart by key (`name`, or `schema.name` for `pgSchema('x').table`); `sources[].table` is the key;
 * - for `postgresql`, `schema.enums` holds every pgEnum the tables use and every pgEnum the modules export
 *   (recognised with drizzle's `isPgEnum`); pg-core is loaded only then, so SQLite projects never load it;
 * - relations, pgSchema objects, sequences, views and other exports are ignored; a module with no tables is not an
 *   error here (the CLI decides what an empty total means);
 * - a file that fails to import, a table of another dialect, two tables with one key, two enums with one key and
 *   different values, and what the schema model cannot express all throw a {@link ModelLoadError} naming the file.
 */
export const drizzleAdapter: OrmAdapter = {
  name: 'drizzle',
  async load(options: AdapterLoadOptions): Promise<AdapterResult> {
    const runtime = resolveDrizzleRuntime([options.projectDir, ...options.files]);
    // Read the models as they are now, even if this process imported them before (programmatic API).
    forgetModulesUnder(options.projectDir);
    const found: FoundTable[] = [];
    const exportedEnums: PgEnumSource[] = [];
    const seen = new Set<unknown>();
    const byKey = new Map<string, FoundTable>();
    for (const file of options.files) {
      const moduleExports = await importModelFile(file);
      for (const entry of findDrizzleTables(moduleExports, runtime)) {
        if (seen.has(entry.table)) continue;
        seen.add(entry.table);
        const mismatch = dialectMismatch(entry.name, entry.kind, options.dialect);
        if (mismatch) throw new ModelLoadError(file, `${file} (export ${entry.exportName}): ${mismatch}`);
        const key = tableKey(entry);
        const other = byKey.get(key);
        if (other) {
          throw new ModelLoadError(
            file,
            `${file} (export ${entry.exportName}): table "${key}" is also defined by ${other.file} (export ${other.exportName})`,
          );
        }
        const withFile = { ...entry, file, key };
        byKey.set(key, withFile);
        found.push(withFile);
      }
      if (options.dialect === 'postgresql') {
        for (const entry of pgEnumsOf(moduleExports, runtime, file)) {
          exportedEnums.push({ enum: entry.enum, source: `${file} (export ${entry.exportName})`, file });
        }
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
      .map((entry): ModelSource => ({ table: entry.key, file: entry.file, exportName: entry.exportName }))
      .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
    const enums = options.dialect === 'postgresql' ? pgEnums(exportedEnums, found, runtime) : [];
    return { schema: sortSchema({ tables, enums }), files: [...options.files], sources };
  },
};

/** The pgEnums a model file exports; failing to load pg-core is reported against the file. */
function pgEnumsOf(moduleExports: unknown, runtime: DrizzleRuntime, file: string): ReturnType<typeof findPgEnums> {
  try {
    return findPgEnums(moduleExports, runtime);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError(file, `${file}: ${message}`, { cause: error });
  }
}

/** The enums of a pg model: those exported, then those the tables use; a clash names the file of the second. */
function pgEnums(exported: ReadonlyArray<PgEnumSource>, tables: ReadonlyArray<FoundTable>, runtime: DrizzleRuntime): ReadonlyArray<EnumType> {
  const used = tables.flatMap((entry) =>
    pgTableEnums(entry.table, runtime).map(
      (declared): PgEnumSource => ({ enum: declared, source: `${entry.file} (export ${entry.exportName}, table "${entry.key}")`, file: entry.file }),
    ),
  );
  try {
    return pgEnumsToSchema([...exported, ...used]);
  } catch (error) {
    if (!(error instanceof PgEnumConflictError)) throw error;
    const file = error.at.file ?? '';
    throw new ModelLoadError(file, `${file}: ${error.message}`, { cause: error });
  }
}

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
