import { fileURLToPath } from 'node:url';
import { forgetModulesUnder, installTypeScriptHook, loadModule } from '@autogen/loader';
import {
  ModelLoadError,
  tableKey,
  type AdapterLoadOptions,
  type AdapterResult,
  type ModelSource,
  type OrmAdapter,
  type Schema,
} from '@autogen/schema';
import type { MikroORM, Options } from '@mikro-orm/core';
import { leaveGeneratedNamesToConvention, type MikroOrmConstraintNamer } from './convention-names';
import { driverDialectMismatch } from './mikro-orm-driver-dialect';
import { findMikroOrmEntities } from './find-mikro-orm-entities';
import { configListsEntities, ormConfigFromModule, type MikroOrmConfigOptions } from './load-orm-config';
import { MikroOrmEntityOrigins } from './mikro-orm-entity-origins';
import { MissingDriverPackageError, resolveMikroOrmDriver, resolveMikroOrmRuntime, type MikroOrmRuntime } from './mikro-orm-runtime';
import { mikroOrmSchemaToSchema, MikroOrmTableError } from './mikro-orm-schema-to-schema';
import type { MikroOrmDatabaseSchema } from './mikro-orm-types';

/**
 * The MikroORM adapter (MikroORM 6): runs MikroORM's own entity discovery without a database connection and maps
 * the schema its schema generator would create (`getTargetSchema()`: types, defaults and constraint names from
 * MikroORM's platform and naming strategy) to the target schema.
 *
 * Two ways in:
 * - `ormConfigFile` (config `ormConfig`): the project's MikroORM config module — its default export or `config`
 *   export, possibly a function or promise (see {@link ormConfigFromModule}). Its `entities`/`entitiesTs` (classes,
 *   `EntitySchema`s, globs; `entitiesTs` preferred, so TypeScript sources load without a build), `namingStrategy`,
 *   `metadataProvider` (`ReflectMetadataProvider`, `TsMorphMetadataProvider`), `schema`, `schemaGenerator`,
 *   `migrations.tableName` and `driver` are used; the driver must fit the dialect.
 * - otherwise `files` are entity modules: each is imported (TypeScript through `@autogen/loader`, with decorator
 *   metadata) and its exported decorated classes (`@Entity`, `@Embeddable`) and `EntitySchema`s (also what
 *   `defineEntity` returns) are discovered with the dialect's driver and MikroORM's defaults.
 *
 * Either way MikroORM is initialized with `connect: false` and its metadata cache off: it never touches a
 * database or writes a file. `@mikro-orm/core` (and reflect-metadata) come from the user's project; the driver
 * (`@mikro-orm/better-sqlite` for sqlite, `@mikro-orm/postgresql` for postgresql) too, when the config gives none.
 * MikroORM 7 (ESM only, Node 22.17+) is not supported yet: its packages would be loaded through the same
 * {@link resolveMikroOrmRuntime} boundary.
 *
 * Failures throw a {@link ModelLoadError} naming a file: a module that fails to import, a config module without
 * entities or with another dialect's driver (that module), a missing driver package (the config module, or the
 * first entity file), an entity MikroORM's discovery rejects or autogen cannot map (the file of the entity the
 * message names, with MikroORM's own message).
 */
export const mikroOrmAdapter: OrmAdapter = {
  name: 'mikro-orm',
  async load(options: AdapterLoadOptions): Promise<AdapterResult> {
    const configFile = options.ormConfigFile;
    const lookFrom = [options.projectDir, ...(configFile ? [configFile] : []), ...options.files];
    const runtime = resolveMikroOrmRuntime(lookFrom);
    // Read the models as they are now, even if this process imported them before (programmatic API).
    forgetModulesUnder(options.projectDir);
    const origins = new MikroOrmEntityOrigins(runtime);
    const fallbackFile = configFile ?? options.files[0] ?? options.projectDir;
    const config = configFile
      ? await ormConfigFromModule(await importFile(configFile, 'MikroORM config module'), configFile)
      : { entities: await importEntities(options.files, runtime, origins) };
    let driver = config.driver;
    if (driver === undefined) {
      try {
        driver = resolveMikroOrmDriver(options.dialect, lookFrom);
      } catch (error) {
        if (error instanceof MissingDriverPackageError) throw new ModelLoadError(fallbackFile, `${fallbackFile}: ${error.message}`, { cause: error });
        throw error;
      }
    } else {
      const mismatch = driverDialectMismatch(driver, options.dialect);
      if (mismatch) throw new ModelLoadError(fallbackFile, `${fallbackFile}: the MikroORM config does not fit: ${mismatch}`);
    }
    if (!configFile && !(config.entities ?? []).length) {
      return { schema: { tables: [] }, files: [...options.files], sources: [], bookkeepingTables: ['mikro_orm_migrations'] };
    }
    let orm: MikroORM;
    try {
      orm = await initWithoutConnecting(runtime, config, driver, options);
    } catch (error) {
      // A config without entities: MikroORM's own validation says so (`No entities found, ...`).
      if (!configListsEntities(config)) throw attributed(error, origins, fallbackFile, 'the MikroORM config lists no entities', '');
      throw attributed(error, origins, fallbackFile, 'MikroORM rejected the entities');
    }
    try {
      const platform = orm.em.getPlatform();
      const generator = orm.getSchemaGenerator() as unknown as { getTargetSchema(): MikroOrmDatabaseSchema; options?: { createForeignKeyConstraints?: boolean } };
      let schema: Schema;
      try {
        schema = mikroOrmSchemaToSchema(generator.getTargetSchema(), {
          dialect: options.dialect,
          ...(options.dialect === 'postgresql' ? { defaultSchema: platform.getDefaultSchemaName() ?? 'public' } : {}),
          createForeignKeyConstraints: generator.options?.createForeignKeyConstraints !== false,
        });
      } catch (error) {
        const table = error instanceof MikroOrmTableError ? error.table : undefined;
        const origin = table ? origins.ofTable(orm, table.name, table.schema) : undefined;
        throw attributed(error, origins, origin?.file ?? fallbackFile, 'cannot map the entities', origin ? (origin.exportName ?? '') : undefined);
      }
      if (options.conventionNames) schema = leaveGeneratedNamesToConvention(schema, orm.config.getNamingStrategy() as unknown as MikroOrmConstraintNamer);
      const sources = schema.tables
        .map((table): ModelSource | undefined => {
          const origin = origins.ofTable(orm, table.name, table.schema ?? (options.dialect === 'postgresql' ? platform.getDefaultSchemaName() : undefined));
          return origin ? { table: tableKey(table), file: origin.file, ...(origin.exportName ? { exportName: origin.exportName } : {}) } : undefined;
        })
        .filter((s): s is ModelSource => s !== undefined);
      const migrations = orm.config.get('migrations') as { tableName?: string } | undefined;
      return { schema, files: configFile ? [configFile] : [...options.files], sources, bookkeepingTables: [migrations?.tableName ?? 'mikro_orm_migrations'] };
    } finally {
      await orm.close(true);
    }
  },
};

/**
 * `MikroORM.init` over the config with everything that could reach outside the process turned off: no
 * connection, no metadata cache files, no debug logging; TypeScript entity globs are preferred and imported
 * through autogen's loader (MikroORM's own `import()` cannot load `.ts`).
 */
async function initWithoutConnecting(runtime: MikroOrmRuntime, config: MikroOrmConfigOptions, driver: unknown, options: AdapterLoadOptions): Promise<MikroORM> {
  installTypeScriptHook();
  const discovery = (config.discovery ?? {}) as Record<string, unknown>;
  const metadataCache = (config.metadataCache ?? {}) as Record<string, unknown>;
  const hasDatabase = config.dbName !== undefined || config.clientUrl !== undefined;
  const ormOptions = {
    ...config,
    driver,
    ...(hasDatabase ? {} : { dbName: options.dialect === 'sqlite' ? ':memory:' : 'autogen' }),
    baseDir: (config.baseDir as string | undefined) ?? options.projectDir,
    ...((config.entitiesTs ?? []).length ? { preferTs: true } : {}),
    connect: false,
    ensureDatabase: false,
    debug: false,
    logger: () => undefined,
    // With no entities at all MikroORM's validation rejects the config; otherwise globs matching nothing yet are fine.
    discovery: { ...discovery, warnWhenNoEntities: !configListsEntities(config) },
    metadataCache: { ...metadataCache, enabled: false },
    dynamicImportProvider: (id: string) => loadModule(id.startsWith('file:') ? fileURLToPath(id) : id),
  } as unknown as Options;
  return (await runtime.core.MikroORM.init(ormOptions)) as MikroORM;
}

/** Imports the entity files and collects their entities (each once, from the first file that exports it). */
async function importEntities(files: ReadonlyArray<string>, runtime: MikroOrmRuntime, origins: MikroOrmEntityOrigins): Promise<ReadonlyArray<object>> {
  const entities: object[] = [];
  for (const file of files) {
    const moduleExports = await importFile(file, 'entity file');
    for (const found of findMikroOrmEntities(moduleExports, runtime)) {
      if (entities.includes(found.entity)) continue;
      entities.push(found.entity);
      origins.add(found.entity, { file, exportName: found.exportName });
    }
  }
  return entities;
}

/** Imports one module, turning any failure into a ModelLoadError with the file and the original message. */
async function importFile(file: string, what: string): Promise<unknown> {
  try {
    return await loadModule(file);
  } catch (error) {
    // loadModule wraps failures in ModuleLoadError; report what the user's code threw, not the wrapper.
    const original = error instanceof Error && error.cause !== undefined ? error.cause : error;
    const message = (original instanceof Error ? original.message : String(original)).split('\nRequire stack:')[0];
    throw new ModelLoadError(file, `cannot import ${what} ${file}: ${message}`, { cause: original });
  }
}

/**
 * A ModelLoadError for what MikroORM (or the mapping) threw, naming `file` when the caller knows it (`exportName`
 * given, `''` for none), else the file of the first entity the message mentions, else `file`.
 */
function attributed(error: unknown, origins: MikroOrmEntityOrigins, file: string, what: string, exportName?: string): ModelLoadError {
  const message = error instanceof Error ? error.message : String(error);
  const origin = exportName !== undefined ? { file, ...(exportName ? { exportName } : {}) } : (origins.mentionedIn(message) ?? { file });
  const where = origin.exportName ? `${origin.file} (export ${origin.exportName})` : origin.file;
  return new ModelLoadError(origin.file, `${where}: ${what}: ${message}`, { cause: error });
}

