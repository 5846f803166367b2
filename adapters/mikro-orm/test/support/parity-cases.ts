import { resolve } from 'node:path';
import { loadModule } from '@autogen/loader';
import type { AdapterLoadOptions, DialectName } from '@autogen/schema';
import { MetadataStorage, MikroORM, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ormConfigFromModule } from '../../src/load-orm-config';

export const fixture = (name: string): string => resolve(__dirname, '..', 'fixtures', `${name}.ts`);

/** A model as the adapter reads it and as MikroORM itself is configured for it. */
export interface ParityCase {
  readonly label: string;
  /** What the adapter is given (files or ormConfigFile). */
  readonly load: Pick<AdapterLoadOptions, 'files' | 'ormConfigFile'>;
  /** MikroORM's own options for the same model, without the connection. */
  options(): Promise<Options>;
}

/** Entity files: MikroORM is configured with the entities the files export and the dialect's driver. */
export function entityFilesCase(names: ReadonlyArray<string>, dialect: DialectName): ParityCase {
  return {
    label: `${names.join(', ')} (entity files)`,
    load: { files: names.map(fixture) },
    async options() {
      const exported: unknown[] = [];
      for (const name of names) exported.push(...Object.values(await loadModule(fixture(name))));
      // Decorators register classes while their module runs.
      const decorated = new Set<unknown>(Object.values(MetadataStorage.getMetadata()).map((m) => m.class));
      const entities: unknown[] = [];
      {
        for (const value of exported) {
          const isSchema = value !== null && typeof value === 'object' && (value as { constructor: { name: string } }).constructor.name === 'EntitySchema';
          if ((typeof value === 'function' && decorated.has(value)) || isSchema) entities.push(value);
        }
      }
      return { driver: dialect === 'sqlite' ? BetterSqliteDriver : PostgreSqlDriver, entities } as Options;
    },
  };
}

/** A config module: MikroORM is configured with that module's own options. */
export function configCase(name: string): ParityCase {
  return {
    label: `${name}.ts (config module)`,
    load: { files: [], ormConfigFile: fixture(name) },
    async options() {
      return { ...(await ormConfigFromModule(await loadModule(fixture(name)), fixture(name))) } as Options;
    },
  };
}

/**
 * A connected MikroORM for a case, on the given database (`dbName` file for SQLite, `clientUrl` for PostgreSQL):
 * the case's options with the connection replaced; no metadata cache, no logging.
 */
export async function connectMikroOrm(parity: ParityCase, connection: { readonly dbName?: string; readonly clientUrl?: string }): Promise<MikroORM> {
  const base = (await parity.options()) as Options & Record<string, unknown>;
  const options = {
    ...base,
    host: undefined,
    port: undefined,
    user: undefined,
    password: undefined,
    ...(connection.clientUrl ? { clientUrl: connection.clientUrl, dbName: undefined } : { dbName: connection.dbName, clientUrl: undefined }),
    debug: false,
    ...((base.entitiesTs as unknown[] | undefined)?.length ? { preferTs: true } : {}),
    metadataCache: { enabled: false },
    discovery: { ...(base.discovery ?? {}), warnWhenNoEntities: false },
    baseDir: resolve(__dirname, '..', '..'),
  } as Options;
  return MikroORM.init(options);
}

/** The SQL MikroORM's own schema generator would run now to bring the database to the model. */
export async function pendingMikroOrmSql(orm: MikroORM): Promise<string> {
  return (await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).trim();
}
