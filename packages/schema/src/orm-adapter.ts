import type { DialectName, Schema } from './schema';

/** What the CLI hands an adapter: the resolved model files and the target dialect. */
export interface AdapterLoadOptions {
  /** Absolute paths of the model modules to import, in a stable order (globs already expanded). */
  readonly files: ReadonlyArray<string>;
  /** The dialect the schema is for; adapters map ORM types to this dialect's types. */
  readonly dialect: DialectName;
  /** The directory of the config file: the user's project, from which the ORM package is resolved. */
  readonly projectDir: string;
  /**
   * A module exporting the project's existing ORM configuration (TypeORM `DataSource`), used instead of `files`
   * when the config names one (`dataSource`). Absolute path.
   */
  readonly dataSourceFile?: string;
  /**
   * MikroORM: the module exporting the project's ORM config (`defineConfig(...)`/options object, possibly a function
   * or promise), used instead of `files` when the config names one (`ormConfig`). Absolute path.
   */
  readonly ormConfigFile?: string;
  /**
   * A naming convention is configured: leave unnamed the constraints the ORM would name by itself (its generated
   * names), so that the convention names them; names the models give explicitly stay.
   */
  readonly conventionNames?: boolean;
}

/** Where a table was defined, when the adapter can tell (for messages and annotations). */
export interface ModelSource {
  readonly table: string;
  readonly file: string;
  readonly exportName?: string;
}

/** What an adapter returns: the *target* schema and what it read to build it. */
export interface AdapterResult {
  readonly schema: Schema;
  /** The files that were imported (for the "models yielded no tables" message). */
  readonly files: ReadonlyArray<string>;
  readonly sources: ReadonlyArray<ModelSource>;
  /**
   * Tables the ORM keeps for itself (TypeORM's `migrations` history and `typeorm_metadata`): never models, so they
   * are left out of the live schema unless a model defines a table of that name.
   */
  readonly bookkeepingTables?: ReadonlyArray<string>;
}

/**
 * An ORM adapter: the only code that imports user models. It turns them into the dialect-neutral schema model
 * and nothing else (no database access).
 */
export interface OrmAdapter {
  readonly name: string;
  load(options: AdapterLoadOptions): Promise<AdapterResult>;
}

/** A model module could not be loaded or understood; `file` names it. */
export class ModelLoadError extends Error {
  constructor(readonly file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelLoadError';
  }
}
