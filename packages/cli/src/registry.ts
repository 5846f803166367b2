import type { Dialect } from '@autogen/dialect';
import type { DialectName, OrmAdapter } from '@autogen/schema';
import type { AdapterName } from './config/autogen-config';
import { ConfigError } from './errors';

/**
 * Loads a dialect package on demand: drivers (better-sqlite3, pg) are only required by the commands that
 * connect, which keeps `autogen --help` and `autogen history --sql` start-up light.
 */
export function loadDialect(name: DialectName): Dialect {
  switch (name) {
    case 'sqlite':
      return (require('@autogen/dialect-sqlite') as typeof import('@autogen/dialect-sqlite')).sqliteDialect;
    case 'postgresql':
      return (require('@autogen/dialect-postgres') as typeof import('@autogen/dialect-postgres')).postgresDialect;
    default: {
      const unknown: never = name;
      throw new ConfigError(`unknown dialect "${String(unknown)}"`, 'supported: sqlite, postgresql');
    }
  }
}

/** Loads an ORM adapter on demand (the ORM itself is only imported when models are loaded). */
export function loadAdapter(name: AdapterName): OrmAdapter {
  switch (name) {
    case 'drizzle':
      return (require('@autogen/adapter-drizzle') as typeof import('@autogen/adapter-drizzle')).drizzleAdapter;
    case 'typeorm':
      return (require('@autogen/adapter-typeorm') as { typeormAdapter: OrmAdapter }).typeormAdapter;
    case 'mikro-orm':
      return (require('@autogen/adapter-mikro-orm') as { mikroOrmAdapter: OrmAdapter }).mikroOrmAdapter;
    default: {
      const unknown: never = name;
      throw new ConfigError(`unknown adapter "${String(unknown)}"`, 'supported: drizzle, typeorm, mikro-orm');
    }
  }
}

/** The package an adapter loads models with, and autogen's adapter module: what a cached model load depends on. */
export function adapterPackages(name: AdapterName): { readonly orm: string; readonly adapterEntry: string } {
  const entry = (id: string): string => require.resolve(id);
  switch (name) {
    case 'drizzle':
      return { orm: 'drizzle-orm', adapterEntry: entry('@autogen/adapter-drizzle') };
    case 'typeorm':
      return { orm: 'typeorm', adapterEntry: entry('@autogen/adapter-typeorm') };
    case 'mikro-orm':
      return { orm: '@mikro-orm/core', adapterEntry: entry('@autogen/adapter-mikro-orm') };
    default: {
      const unknown: never = name;
      throw new ConfigError(`unknown adapter "${String(unknown)}"`, 'supported: drizzle, typeorm, mikro-orm');
    }
  }
}
