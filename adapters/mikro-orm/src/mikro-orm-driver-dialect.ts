import type { DialectName } from '@autogen/schema';

/**
 * MikroORM driver classes (by class name, anywhere in the driver's prototype chain, so a project's subclass
 * counts) whose schema generator writes each dialect: SQLite's `BetterSqliteDriver`, `SqliteDriver` and
 * `LibSqlDriver` share `BaseSqlitePlatform`; PostgreSQL is `PostgreSqlDriver`.
 */
const DRIVERS: Readonly<Record<DialectName, ReadonlyArray<string>>> = {
  sqlite: ['BetterSqliteDriver', 'SqliteDriver', 'LibSqlDriver'],
  postgresql: ['PostgreSqlDriver'],
};

/**
 * Why a config's `driver` does not fit `dialect` (`undefined` when it fits): a PostgreSQL driver for a SQLite
 * database, a MySQL driver, or something that is not a driver class.
 */
export function driverDialectMismatch(driver: unknown, dialect: DialectName): string | undefined {
  const wanted = DRIVERS[dialect];
  const names: string[] = [];
  for (let at: unknown = driver; typeof at === 'function' && at !== Function.prototype; at = Object.getPrototypeOf(at)) {
    names.push((at as { name: string }).name);
  }
  if (names.some((name) => wanted.includes(name))) return undefined;
  const given = names[0] ? `driver ${names[0]}` : `driver ${String(driver)}`;
  return `its ${given} does not write ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; use ${wanted.join(' or ')} (from ${dialect === 'sqlite' ? '@mikro-orm/better-sqlite' : '@mikro-orm/postgresql'}) for the ${dialect} dialect`;
}
