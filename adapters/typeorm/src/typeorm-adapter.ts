import { forgetModulesUnder, installTypeScriptHook, loadModule } from '@autogen/loader';
import {
  ModelLoadError,
  tableKey,
  type AdapterLoadOptions,
  type AdapterResult,
  type DialectName,
  type ModelSource,
  type OrmAdapter,
  type Schema,
} from '@autogen/schema';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { buildTypeormMetadata, type TypeormMetadataSource } from './build-typeorm-metadata';
import { leaveGeneratedNamesToConvention } from './convention-names';
import { dataSourceDialectMismatch, OWN_DATA_SOURCE_TYPE } from './data-source-dialect';
import { EntityOrigins } from './entity-origins';
import { findDataSource } from './find-data-source';
import { findTypeormEntities } from './find-typeorm-entities';
import { postgresSchemaName } from './postgres-schema-name';
import { typeormMetadataToSchema, typeormTableMetadatas } from './typeorm-metadata-to-schema';
import { resolveTypeormRuntime, type TypeormRuntime } from './typeorm-runtime';
import { TypeormTableError } from './typeorm-table-to-schema';

/**
 * The TypeORM adapter: builds TypeORM's own entity metadata without a database connection and maps it to the
 * target schema with the types, defaults and constraint names TypeORM's schema synchronization would create.
 *
 * Two ways in:
 * - `dataSourceFile` (config `dataSource`): that module is imported and its exported `DataSource` instance is
 *   used — its `entities` (classes, `EntitySchema`s or globs) and `namingStrategy`. Its `type` must fit the
 *   dialect (`better-sqlite3`/`sqlite`/`sqljs` for sqlite, `postgres` for postgresql). It is never initialized.
 * - otherwise `files` are entity modules: each is imported (TypeScript through `@autogen/loader`, with decorator
 *   metadata, so `@Column() name: string` gets its type), every exported class TypeORM's decorators registered as
 *   an entity and every exported `EntitySchema` is collected, and a DataSource of the dialect's type
 *   (`better-sqlite3` / `postgres`, default naming strategy) is built over them; it gets an inert client object
 *   as its `driver`, so not even the database client package is loaded.
 *
 * typeorm (and reflect-metadata, loaded first) are resolved from the user's project (`projectDir`, then the
 * model files), falling back to the adapter's own copy, so entities and DataSource share one copy.
 *
 * Failures throw a {@link ModelLoadError} naming a file: a module that fails to import (that module), a DataSource
 * module without a DataSource or of another dialect (that module), an entity TypeORM rejects while building its
 * metadata — e.g. a relation to an entity that is not registered — or that autogen cannot express (the file of
 * the entity named, with TypeORM's own message).
 */
export const typeormAdapter: OrmAdapter = {
  name: 'typeorm',
  async load(options: AdapterLoadOptions): Promise<AdapterResult> {
    const dataSourceFile = options.dataSourceFile;
    const runtime = resolveTypeormRuntime([options.projectDir, ...(dataSourceFile ? [dataSourceFile] : []), ...options.files]);
    // Read the models as they are now, even if this process imported them before (programmatic API).
    forgetModulesUnder(options.projectDir);
    const origins = new EntityOrigins();
    const byFile = dataSourceFile ? undefined : await importEntities(options.files, runtime, origins);
    const loaded = byFile
      ? ownDataSource([...byFile.values()].flat(), options.dialect, runtime)
      : await projectDataSource(dataSourceFile as string, options.dialect, runtime);
    const fallbackFile = dataSourceFile ?? options.files[0] ?? options.projectDir;
    let source: TypeormMetadataSource;
    try {
      // A DataSource module may name its entities by glob, TypeScript ones included: TypeORM then requires them.
      installTypeScriptHook();
      source = await buildTypeormMetadata(loaded);
    } catch (error) {
      // Entities a DataSource module brought in are found by the module that exports them.
      for (const args of runtime.typeorm.getMetadataArgsStorage().tables) origins.of(args.target);
      const message = error instanceof Error ? error.message : String(error);
      const alone = !origins.mentionedIn(message) && byFile && byFile.size > 1 ? await fileFailingAlone(message, byFile, options.dialect, runtime) : undefined;
      throw attributed(error, origins, alone ?? fallbackFile, 'TypeORM rejected the entities', alone ? '' : undefined);
    }
    let schema: Schema;
    try {
      schema = typeormMetadataToSchema(source, options.dialect);
      if (options.conventionNames) schema = leaveGeneratedNamesToConvention(schema, source);
    } catch (error) {
      const metadata = error instanceof TypeormTableError ? error.metadata : undefined;
      const origin = metadata ? origins.ofMetadata(metadata, source.entityMetadatas) : undefined;
      throw attributed(error, origins, origin?.file ?? fallbackFile, 'cannot map the entities', origin ? (origin.exportName ?? '') : undefined);
    }
    const sources = typeormTableMetadatas(source)
      .map((metadata): ModelSource | undefined => {
        const origin = origins.ofMetadata(metadata, source.entityMetadatas);
        const tableSchema = options.dialect === 'postgresql' ? postgresSchemaName(metadata.schema) : undefined;
        const key = tableKey({ name: metadata.tableName, ...(tableSchema ? { schema: tableSchema } : {}) });
        return origin ? { table: key, file: origin.file, ...(origin.exportName ? { exportName: origin.exportName } : {}) } : undefined;
      })
      .filter((s): s is ModelSource => s !== undefined)
      .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
    // TypeORM's own tables: its migration history (when the project used TypeORM migrations before) and metadata.
    const typeormOptions = loaded.options as { migrationsTableName?: string; metadataTableName?: string };
    const bookkeepingTables = [typeormOptions.migrationsTableName ?? 'migrations', typeormOptions.metadataTableName ?? 'typeorm_metadata'];
    return { schema, files: dataSourceFile ? [dataSourceFile] : [...options.files], sources, bookkeepingTables };
  },
};

/** The DataSource a project's module exports, checked against the dialect. */
async function projectDataSource(file: string, dialect: DialectName, runtime: TypeormRuntime): Promise<DataSource> {
  const moduleExports = await importFile(file, 'DataSource module');
  const found = findDataSource(moduleExports, runtime);
  if (!found) {
    throw new ModelLoadError(file, `${file} exports no DataSource: export the project's DataSource instance (export const AppDataSource = new DataSource({ ... }))`);
  }
  const mismatch = dataSourceDialectMismatch(found.dataSource.options.type, dialect);
  if (mismatch) throw new ModelLoadError(file, `${file} (export ${found.exportName}): the DataSource does not fit: ${mismatch}`);
  return found.dataSource;
}

/** The entities each model file brought in (first file that exports an entity only), in file order. */
type EntitiesByFile = ReadonlyMap<string, ReadonlyArray<TypeormEntity>>;
type TypeormEntity = ReturnType<typeof findTypeormEntities>[number]['entity'];

/** Imports the model files and collects their entities; see {@link typeormAdapter}. */
async function importEntities(files: ReadonlyArray<string>, runtime: TypeormRuntime, origins: EntityOrigins): Promise<EntitiesByFile> {
  const byFile = new Map<string, TypeormEntity[]>();
  const seen = new Set<TypeormEntity>();
  for (const file of files) {
    const moduleExports = await importFile(file, 'model file');
    const own: TypeormEntity[] = [];
    for (const found of findTypeormEntities(moduleExports, runtime)) {
      // The first file that exports an entity is its origin; a re-export elsewhere does not move it.
      if (seen.has(found.entity)) continue;
      seen.add(found.entity);
      own.push(found.entity);
      origins.add(found.entity, { file, exportName: found.exportName });
    }
    byFile.set(file, own);
  }
  return byFile;
}

/**
 * An inert stand-in for the database client package (`pg`, `better-sqlite3`), handed to the DataSource autogen
 * builds as its `driver` option: TypeORM's drivers use the package only when connecting, which never happens here.
 */
const NO_CLIENT = Object.freeze({});

/** A DataSource of the dialect's type over `entities`, which can never connect. */
function ownDataSource(entities: ReadonlyArray<TypeormEntity>, dialect: DialectName, runtime: TypeormRuntime): DataSource {
  const type = OWN_DATA_SOURCE_TYPE[dialect];
  const options = (
    type === 'better-sqlite3'
      ? { type, database: ':memory:', entities: [...entities], driver: NO_CLIENT, logging: false }
      : { type, database: 'autogen', entities: [...entities], driver: NO_CLIENT, nativeDriver: NO_CLIENT, logging: false }
  ) as DataSourceOptions;
  return new runtime.typeorm.DataSource(options);
}

/**
 * The model file whose entities alone make TypeORM fail with `message`, for errors that name no entity (TypeORM's
 * `Unsupported index type`, …): each file's entities are built on their own, in file order. `undefined` when no
 * file fails alone the same way (the error needs entities of several files).
 */
async function fileFailingAlone(message: string, byFile: EntitiesByFile, dialect: DialectName, runtime: TypeormRuntime): Promise<string | undefined> {
  for (const [file, entities] of byFile) {
    if (!entities.length) continue;
    try {
      await buildTypeormMetadata(ownDataSource(entities, dialect, runtime));
    } catch (error) {
      if ((error instanceof Error ? error.message : String(error)) === message) return file;
    }
  }
  return undefined;
}

/** Imports one module, turning any failure into a ModelLoadError with the file and the original message. */
async function importFile(file: string, what: string): Promise<unknown> {
  try {
    return await loadModule(file);
  } catch (error) {
    // loadModule wraps failures in ModuleLoadError; report what the user's code threw, not the wrapper.
    const original = error instanceof Error && error.cause !== undefined ? error.cause : error;
    // Node appends the require stack (our own loader's frames) to "Cannot find module"; the first part says it.
    const message = (original instanceof Error ? original.message : String(original)).split('\nRequire stack:')[0];
    throw new ModelLoadError(file, `cannot import ${what} ${file}: ${message}`, { cause: original });
  }
}

/**
 * A ModelLoadError for an error TypeORM (or the mapping) threw, naming `file` when the caller knows it (`exportName`
 * given, `''` for none), else the file of the first entity the message mentions, else `file`.
 */
function attributed(error: unknown, origins: EntityOrigins, file: string, what: string, exportName?: string): ModelLoadError {
  const message = error instanceof Error ? error.message : String(error);
  // An `exportName` (even '') means the caller knows the file already.
  const origin = exportName !== undefined ? { file, ...(exportName ? { exportName } : {}) } : (origins.mentionedIn(message) ?? { file });
  const where = origin.exportName ? `${origin.file} (export ${origin.exportName})` : origin.file;
  return new ModelLoadError(origin.file, `${where}: ${what}: ${message}`, { cause: error });
}
