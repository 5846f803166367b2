import { DatabaseNotFoundError, type Connection, type Dialect } from '@autogen/dialect';
import type { AdapterLoadOptions, AdapterResult, Column, Schema } from '@autogen/schema';
import { ModelLoadError, tableKey } from '@autogen/schema';
import { RevisionGraph, loadRevisions, MalformedRevisionError, REVISION_LOG_TABLE, VERSION_TABLE } from '@autogen/runner';
import { autogenCacheDir, ModuleLoadError } from '@autogen/loader';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import type { AutogenConfig } from './config/autogen-config';
import { findConfigFile, loadConfigFile, resolveConfig, type ResolvedConfig } from './config/load-config';
import { ConfigError, UserError } from './errors';
import { adapterPackages, loadAdapter, loadDialect } from './registry';
import { ModelCache, modelCacheKey } from './model-cache';
import { maskUrl, registerUrlSecret } from './secrets';

/**
 * Other migration tools' history tables: a project adopting autogen usually still has one, and it must never
 * show up as a table to drop.
 */
export const ALWAYS_EXCLUDED: ReadonlyArray<string> = [
  '__drizzle_migrations',
  '_prisma_migrations',
  'alembic_version',
  'knex_migrations',
  'knex_migrations_lock',
  'mikro_orm_migrations',
];

/** A table-name pattern where `*` matches any run of characters. */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/**
 * A model table without columns cannot be created on SQLite, nor written in a revision file: refuse it when the
 * models load, naming the table and its file, rather than when a revision runs.
 */
function assertTablesHaveColumns(result: AdapterResult): void {
  const empty = result.schema.tables.find((t) => t.columns.length === 0);
  if (!empty) return;
  const source = result.sources.find((s) => s.table === tableKey(empty));
  throw new UserError(
    `table "${tableKey(empty)}" in the models has no columns${source ? ` (${source.file})` : ''}`,
    'give the table at least one column, or remove it from the models',
  );
}

/**
 * Where a command gets its config: a config file (found in `cwd` or named by `configFile`) or an object given
 * programmatically, plus command-line overrides.
 */
export interface ProjectOptions {
  /** Working directory (default `process.cwd()`). */
  readonly cwd?: string;
  /** Path of the config file (`--config`). */
  readonly configFile?: string;
  /** A config object instead of a file; paths are relative to `cwd`. */
  readonly config?: AutogenConfig;
  /** Database URL override (`--url`). */
  readonly url?: string;
}

/** A loaded project: config and dialect, with helpers to reach the database, models and revisions. */
export class Project {
  constructor(readonly config: ResolvedConfig, readonly dialect: Dialect) {}

  /** Loads config and dialect. */
  static async open(options: ProjectOptions = {}): Promise<Project> {
    const cwd = options.cwd ?? process.cwd();
    const config = options.config
      ? resolveConfig(options.config, cwd, undefined, { ...(options.url ? { url: options.url } : {}) })
      : await loadConfigFile(findConfigFile(cwd, options.configFile), { ...(options.url ? { url: options.url } : {}) });
    registerUrlSecret(config.url);
    return new Project(config, loadDialect(config.dialect));
  }

  /** The URL with its password masked, for messages. */
  get displayUrl(): string {
    return maskUrl(this.url);
  }

  /** The database URL, or a ConfigError saying the three ways to give one. */
  get url(): string {
    if (!this.config.url) {
      throw new ConfigError('no database URL', `pass --url, set DATABASE_URL, or set "url" in ${this.config.file ?? 'the config'}`);
    }
    return this.config.url;
  }

  /**
   * Connects. With `mustExist`, a missing database is an error and nothing is created. Returns `undefined` instead
   * of throwing when `allowMissing` and the database does not exist.
   */
  async connect(mode: 'create' | 'mustExist'): Promise<Connection> {
    return this.dialect.connect(this.url, {
      baseDir: this.config.dir,
      mustExist: mode === 'mustExist',
      searchPath: this.config.schemas,
    });
  }

  /** Like {@link connect} in `mustExist` mode, but `undefined` when the database does not exist. */
  async connectIfExists(): Promise<Connection | undefined> {
    try {
      return await this.connect('mustExist');
    } catch (error) {
      if (error instanceof DatabaseNotFoundError) return undefined;
      throw error;
    }
  }

  /** Loads the revision files and builds the history; a bad file becomes a UserError naming it. */
  async revisions(): Promise<RevisionGraph> {
    try {
      return new RevisionGraph(await loadRevisions(this.config.migrationsDir));
    } catch (error) {
      if (error instanceof ModuleLoadError) {
        const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
        throw new UserError(`cannot load revision file ${error.file}: ${cause}`, 'fix or remove the file (run with --verbose for the stack trace)', { cause: error });
      }
      if (error instanceof MalformedRevisionError) throw new UserError(error.message, 'a revision file must export revision, parent, message, upgrade and downgrade', { cause: error });
      throw error;
    }
  }

  /** Expands the `models` patterns; each must match at least one file. */
  async modelFiles(): Promise<string[]> {
    const files: string[] = [];
    for (const pattern of this.config.models) {
      const matches = await glob(pattern, { cwd: this.config.dir, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/*.d.ts'] });
      if (matches.length === 0) {
        throw new ConfigError(
          `models pattern "${pattern}" matches no file (relative to ${this.config.dir})`,
          `fix "models" in ${this.config.file ?? 'the config'}`,
        );
      }
      files.push(...matches.sort());
    }
    return [...new Set(files)];
  }

  /** Loads the models through the adapter: the target schema, normalized by the dialect. */
  async target(): Promise<AdapterResult & { readonly normalized: Schema }> {
    const files = await this.modelFiles();
    const { dataSource, ormConfig } = this.config;
    for (const [key, file] of [['dataSource', dataSource], ['ormConfig', ormConfig]] as const) {
      if (file && !existsSync(file)) throw new ConfigError(`${key} module not found: ${file}`, `fix "${key}" in ${this.config.file ?? 'the config'}`);
    }
    const options: AdapterLoadOptions = {
      files,
      dialect: this.config.dialect,
      projectDir: this.config.dir,
      ...(dataSource ? { dataSourceFile: dataSource } : {}),
      ...(ormConfig ? { ormConfigFile: ormConfig } : {}),
      ...(this.config.namingConvention ? { conventionNames: true } : {}),
    };
    try {
      const result = await this.#loadModels(options);
      assertTablesHaveColumns(result);
      const schema = this.#inConfiguredSchemas(result.schema, result.sources);
      return { ...result, normalized: this.dialect.normalize(this.#withoutExcluded(schema, this.config.exclude)) };
    } catch (error) {
      if (error instanceof ModelLoadError || error instanceof ModuleLoadError) {
        const cause = error instanceof ModuleLoadError && error.cause instanceof Error ? error.cause.message : error.message;
        // Adapters often start their message with the file already; name it once.
        const message = cause.includes(error.file) ? `cannot load models: ${cause}` : `cannot load models from ${error.file}: ${cause}`;
        const missingPackage = /\binstall (@?[\w./-]+)/.exec(cause)?.[1];
        const hint = missingPackage
          ? `install ${missingPackage} in your project (npm install ${missingPackage})`
          : 'fix the model file (run with --verbose for the stack trace)';
        throw new UserError(message, hint, { cause: error });
      }
      throw error;
    }
  }

  /**
   * The adapter's result. A shipped adapter's is cached while the models are unchanged, which skips loading the ORM
   * (see ModelCache); a custom adapter's never is, since what it reads is unknown.
   */
  async #loadModels(options: AdapterLoadOptions): Promise<AdapterResult> {
    const adapter = this.config.adapter;
    if (typeof adapter !== 'string') return adapter.load(options);
    const base = autogenCacheDir();
    const cache = new ModelCache(base === undefined ? undefined : join(base, 'models'));
    const packages = adapterPackages(adapter);
    const key = modelCacheKey(adapter, packages.adapterEntry, packages.orm, options);
    return cache.lookup(key) ?? (await cache.record(key, this.config.dir, () => loadAdapter(adapter).load(options)));
  }

  /** The live schema without the ORM's own tables (see `AdapterResult.bookkeepingTables`) the models do not define. */
  withoutBookkeeping(current: Schema, target: AdapterResult & { readonly normalized: Schema }): Schema {
    const own = new Set((target.bookkeepingTables ?? []).filter((name) => !target.normalized.tables.some((t) => tableKey(t) === name)));
    return own.size ? { ...current, tables: current.tables.filter((t) => !own.has(tableKey(t))) } : current;
  }

  /** Reads the live schema (version table and excluded tables left out), normalized. */
  async current(connection: Connection): Promise<Schema> {
    const schema = await this.dialect.introspect(connection, {
      exclude: [VERSION_TABLE, REVISION_LOG_TABLE, ...ALWAYS_EXCLUDED],
      schemas: this.config.schemas,
    });
    return this.dialect.normalize(this.#withoutExcluded(schema, [...ALWAYS_EXCLUDED, ...this.config.exclude]));
  }

  /**
   * Adapters name the schema of every table outside `public`; autogen names tables of the configured default
   * schema (the first of `schemas`) without one. A model in a schema autogen does not manage is an error, since
   * introspection would never see it and every run would try to create it again.
   */
  #inConfiguredSchemas(schema: Schema, sources: AdapterResult['sources']): Schema {
    if (this.config.dialect !== 'postgresql') return schema;
    const managed = this.config.schemas;
    const home = managed[0] ?? 'public';
    const rebase = (name: string | undefined): string | undefined => ((name ?? 'public') === home ? undefined : (name ?? 'public'));
    for (const table of schema.tables) {
      const ns = table.schema ?? 'public';
      if (!managed.includes(ns)) {
        const source = sources.find((s) => s.table === tableKey(table));
        throw new ConfigError(
          `table "${ns}.${table.name}"${source ? ` (${source.file})` : ''} is in schema "${ns}", which autogen does not manage`,
          `add "${ns}" to "schemas" in ${this.config.file ?? 'the config'} (now: ${managed.join(', ')})`,
        );
      }
    }
    // Enum types are referred to by key in column types (`mood`, `audit.level`, `mood[]`): rekey them too.
    const enumKeys = new Map<string, string>();
    for (const e of schema.enums ?? []) {
      const own = rebase(e.schema);
      enumKeys.set(tableKey(e), own ? `${own}.${e.name}` : e.name);
    }
    const rekeyType = (column: Column): Column => {
      const array = column.type.name.endsWith('[]');
      const base = array ? column.type.name.slice(0, -2) : column.type.name;
      const key = enumKeys.get(base);
      return key === undefined || key === base ? column : { ...column, type: { ...column.type, name: array ? `${key}[]` : key } };
    };
    return {
      tables: schema.tables.map((t) => {
        const { schema: ns, ...rest } = t;
        const own = rebase(ns);
        return {
          ...rest,
          ...(own ? { schema: own } : {}),
          columns: t.columns.map(rekeyType),
          foreignKeys: t.foreignKeys.map((fk) => {
            const { referencedSchema, ...fkRest } = fk;
            const target = rebase(referencedSchema);
            return { ...fkRest, ...(target ? { referencedSchema: target } : {}) };
          }),
        };
      }),
      ...(schema.enums
        ? {
            enums: schema.enums.map((e) => {
              const { schema: ns, ...rest } = e;
              const own = rebase(ns);
              return { ...rest, ...(own ? { schema: own } : {}) };
            }),
          }
        : {}),
    };
  }

  #withoutExcluded(schema: Schema, patterns: ReadonlyArray<string>): Schema {
    if (patterns.length === 0) return schema;
    const matchers = patterns.map(wildcard);
    return { ...schema, tables: schema.tables.filter((t) => !matchers.some((m) => m.test(t.name))) };
  }
}
