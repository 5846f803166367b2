import type { DialectName, NamingConvention, OrmAdapter } from '@autogen/schema';

/** ORM adapters autogen ships. */
export type AdapterName = 'drizzle' | 'typeorm' | 'mikro-orm';

/**
 * The `autogen.config.{ts,mts,js,mjs,cjs,json}` file. Paths are relative to the config file.
 *
 * @example
 * export default defineConfig({ dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'drizzle', models: ['./src/schema.ts'] });
 */
export interface AutogenConfig {
  /** Database dialect: `sqlite` or `postgresql`. */
  readonly dialect: DialectName;
  /**
   * Database URL, used when neither `--url` nor `DATABASE_URL` is given. SQLite: `sqlite:./app.db`,
   * `sqlite:/abs/app.db`, `sqlite:///rel.db`, `sqlite:////abs.db`, or a bare path. PostgreSQL:
   * `postgres://user:password@host:5432/database` (the password is never printed).
   */
  readonly url?: string;
  /**
   * Which ORM the models are written with: `drizzle`, `typeorm` or `mikro-orm`; or an {@link OrmAdapter} object
   * (from a `.ts`/`.js` config or the programmatic API) for models autogen has no adapter for. A custom adapter's
   * result is never cached, since autogen cannot tell what it read.
   */
  readonly adapter: AdapterName | OrmAdapter;
  /**
   * Model modules: paths or globs, relative to the config file. Every entry must match at least one file.
   * Required unless `dataSource` (TypeORM) or `ormConfig` (MikroORM) is given.
   */
  readonly models?: string | ReadonlyArray<string>;
  /**
   * TypeORM: the module exporting the project's `DataSource`, whose `entities` and `namingStrategy` are used (it is
   * never connected). Instead of, or besides, `models`.
   */
  readonly dataSource?: string;
  /**
   * MikroORM: the module exporting the project's ORM config (`mikro-orm.config.ts`), whose entities, naming
   * strategy and metadata provider are used (the ORM is never connected). Instead of, or besides, `models`.
   */
  readonly ormConfig?: string;
  /** Folder of revision files. Default `./migrations`. */
  readonly migrations?: string;
  /** Alembic-style templates naming the constraints and indexes revisions create. */
  readonly namingConvention?: NamingConvention;
  /** Accepted renames, `table.old=new` (column) or `old=new` (table); same as `--rename`. */
  readonly renames?: ReadonlyArray<string>;
  /**
   * Tables autogen leaves alone (never created, altered or dropped), as names or `*` patterns, e.g.
   * `['legacy_*', 'spatial_ref_sys']`. Other tools' history tables (`__drizzle_migrations`, `_prisma_migrations`,
   * `alembic_version`, `knex_migrations*`, `mikro_orm_migrations`) and autogen's own are always left alone.
   */
  readonly exclude?: ReadonlyArray<string>;
  /**
   * PostgreSQL schemas (namespaces) autogen manages; default `['public']`. The first is the default schema: its
   * tables are named without a schema in revisions. Models in other schemas must be listed here.
   */
  readonly schemas?: ReadonlyArray<string>;
  /**
   * PostgreSQL: create and drop indexes on existing tables with `CONCURRENTLY` (no write lock; the revision then
   * runs outside a transaction). Default false. Same as `--concurrent-indexes`.
   */
  readonly concurrentIndexes?: boolean;
}

/** Identity function that gives a config object its type. */
export function defineConfig(config: AutogenConfig): AutogenConfig {
  return config;
}
