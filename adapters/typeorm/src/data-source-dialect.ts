import type { DialectName } from '@autogen/schema';

/**
 * The TypeORM `type`s whose schema autogen can manage, per dialect: the SQLite drivers (better-sqlite3, the
 * `sqlite` driver of TypeORM 0.3, sql.js) share TypeORM's `AbstractSqliteDriver` and write the same DDL, as the
 * PostgreSQL ones share `PostgresDriver`. See https://typeorm.io/docs/data-source/data-source-options
 */
const TYPES: Readonly<Record<DialectName, ReadonlyArray<string>>> = {
  sqlite: ['better-sqlite3', 'sqlite', 'sqljs'],
  postgresql: ['postgres', 'aurora-postgres'],
};

/** The `type` a DataSource autogen builds itself (entity files, no DataSource module) uses for `dialect`. */
export const OWN_DATA_SOURCE_TYPE: Readonly<Record<DialectName, 'better-sqlite3' | 'postgres'>> = {
  sqlite: 'better-sqlite3',
  postgresql: 'postgres',
};

/**
 * Why a DataSource of TypeORM `type` cannot describe a `dialect` database, or `undefined` when it can
 * (`better-sqlite3`/`sqlite`/`sqljs` for sqlite, `postgres`/`aurora-postgres` for postgresql).
 */
export function dataSourceDialectMismatch(type: unknown, dialect: DialectName): string | undefined {
  if (typeof type === 'string' && TYPES[dialect].includes(type)) return undefined;
  const other = (Object.keys(TYPES) as DialectName[]).find((d) => typeof type === 'string' && TYPES[d].includes(type));
  const fix = other ? `set dialect: '${other}' in the autogen config, or ` : '';
  return `its type is ${JSON.stringify(type)} but the dialect is ${dialect}; ${fix}use a DataSource of type ${TYPES[dialect].map((t) => `'${t}'`).join(' or ')}`;
}
