import type { DataSource } from 'typeorm';

/**
 * What the mapping reads from a DataSource once its metadata is built: the entity metadatas, the driver (whose
 * type and default normalization is TypeORM's own) and the naming strategy.
 */
export type TypeormMetadataSource = Pick<DataSource, 'entityMetadatas' | 'driver' | 'namingStrategy' | 'options'>;

/**
 * Builds TypeORM's entity metadata for `dataSource` WITHOUT connecting, and returns where to read it.
 *
 * `DataSource.initialize()` connects the driver and then calls the (protected) `buildMetadatas()`; autogen calls
 * only the latter. Drivers do not connect in their constructor (`PostgresDriver` and `BetterSqlite3Driver` only
 * load their client package there; the pool or database file is opened by `driver.connect()`), so no connection
 * is ever made. See `initialize()` and `buildMetadatas()` in typeorm/data-source/DataSource.
 *
 * `buildMetadatas()` also imports the migrations and instantiates the subscribers named in the options; autogen
 * needs neither, and a project's migration files (often a glob of TypeScript files) are not models. It therefore
 * runs on a shadow of the DataSource — an object whose prototype is the instance and whose `options` are the
 * instance's without `migrations` and `subscribers` — so the user's instance is left as it was. A DataSource that
 * is already initialized (a connected instance handed to the programmatic API) has its metadata and is returned
 * as it is.
 *
 * Throws what TypeORM throws (an entity TypeORM rejects, a relation to an entity that is not registered, …).
 */
export async function buildTypeormMetadata(dataSource: DataSource): Promise<TypeormMetadataSource> {
  if (dataSource.isInitialized) return dataSource;
  const options = { ...dataSource.options, migrations: [], subscribers: [] };
  const shadow = Object.create(dataSource, {
    options: { value: options, writable: true, enumerable: true, configurable: true },
  }) as DataSource & { buildMetadatas(): Promise<void> };
  await shadow.buildMetadatas();
  return shadow;
}
