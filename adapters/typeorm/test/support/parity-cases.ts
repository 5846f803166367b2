import { resolve } from 'node:path';
import { loadModule } from '@autogen/loader';
import type { AdapterLoadOptions, DialectName } from '@autogen/schema';
import { DataSource, getMetadataArgsStorage, type DataSourceOptions } from 'typeorm';

const fixture = (name: string): string => resolve(__dirname, '..', 'fixtures', `${name}.ts`);

/** A model as the adapter reads it and as TypeORM itself is configured for it. */
export interface ParityCase {
  readonly label: string;
  /** What the adapter is given (files or dataSourceFile). */
  readonly load: Pick<AdapterLoadOptions, 'files' | 'dataSourceFile'>;
  /** TypeORM's own options for the same model, without the connection. */
  options(): Promise<DataSourceOptions>;
}

/** Entity files: TypeORM is configured with the entities the files export and nothing else. */
export function entityFilesCase(name: string, dialect: DialectName): ParityCase {
  return {
    label: `${name}.ts (entity files)`,
    load: { files: [fixture(name)] },
    async options() {
      const exported = Object.values(await loadModule(fixture(name)));
      const tables = new Set<unknown>(getMetadataArgsStorage().tables.map((t) => t.target));
      const entities = exported.filter((v) => typeof v === 'function' && tables.has(v)) as Array<() => void>;
      return { type: dialect === 'sqlite' ? 'better-sqlite3' : 'postgres', entities } as DataSourceOptions;
    },
  };
}

/** A DataSource module: TypeORM is configured with that DataSource's own options. */
export function dataSourceCase(name: string): ParityCase {
  return {
    label: `${name}.ts (DataSource module)`,
    load: { files: [], dataSourceFile: fixture(name) },
    async options() {
      const { AppDataSource } = (await loadModule(fixture(name))) as { AppDataSource: DataSource };
      return AppDataSource.options;
    },
  };
}

/**
 * A connected TypeORM DataSource for a case, on the given database (`database` for SQLite, `url` for PostgreSQL):
 * the case's options with the connection replaced and migrations left out.
 */
export async function connectTypeorm(parity: ParityCase, connection: { readonly database?: string; readonly url?: string }): Promise<DataSource> {
  const base = (await parity.options()) as DataSourceOptions & Record<string, unknown>;
  const options =
    base.type === 'postgres'
      ? { ...base, host: undefined, port: undefined, username: undefined, database: undefined, url: connection.url }
      : { ...base, database: connection.database };
  const dataSource = new DataSource({ ...options, migrations: [], logging: false } as DataSourceOptions);
  return dataSource.initialize();
}

/** The statements TypeORM's own schema builder would run now (`createSchemaBuilder().log()`). */
export async function pendingTypeormQueries(dataSource: DataSource): Promise<ReadonlyArray<string>> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
