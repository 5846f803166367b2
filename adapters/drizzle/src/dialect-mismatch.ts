import type { DialectName } from '@autogen/schema';

const KINDS: Readonly<Record<string, { readonly dialect?: DialectName; readonly label: string; readonly factory: string }>> = {
  SQLiteTable: { dialect: 'sqlite', label: 'SQLite', factory: 'sqliteTable from drizzle-orm/sqlite-core' },
  PgTable: { dialect: 'postgresql', label: 'PostgreSQL', factory: 'pgTable from drizzle-orm/pg-core' },
  MySqlTable: { label: 'MySQL', factory: 'mysqlTable from drizzle-orm/mysql-core' },
  SingleStoreTable: { label: 'SingleStore', factory: 'singlestoreTable from drizzle-orm/singlestore-core' },
  GelTable: { label: 'Gel', factory: 'gelTable from drizzle-orm/gel-core' },
};

const FACTORY_FOR: Readonly<Record<DialectName, string>> = {
  sqlite: 'sqliteTable from drizzle-orm/sqlite-core',
  postgresql: 'pgTable from drizzle-orm/pg-core',
};

/**
 * Why a table of `kind` cannot be read for `dialect`, or `undefined` when it can: a pg table while the dialect is
 * sqlite, a MySQL table under any dialect autogen knows.
 */
export function dialectMismatch(name: string, kind: string, dialect: DialectName): string | undefined {
  const info = KINDS[kind];
  if (info?.dialect === dialect) return undefined;
  const what = info ? `a ${info.label} table (${info.factory})` : `a drizzle table of kind ${kind}`;
  const fix = info?.dialect ? ` or set dialect: '${info.dialect}'` : '';
  return `table "${name}" is ${what} but the dialect is ${dialect}; declare it with ${FACTORY_FOR[dialect]}${fix}`;
}
