import type { Dialect } from '@autogen/dialect';
import { applySqliteRevision, renderSqliteScript } from './sqlite-apply';
import { sqliteCapabilities } from './sqlite-capabilities';
import { compileSqlite } from './sqlite-compiler';
import { connectSqlite } from './sqlite-connection';
import { introspectSqlite } from './sqlite-introspector';
import { openSqliteScratch } from './sqlite-scratch';
import { lockSqlite } from './sqlite-lock';
import { normalizeSqliteSchema } from './sqlite-normalizer';
import { quoteIdentifier, quoteLiteral } from './sqlite-quote';

/**
 * The SQLite dialect (better-sqlite3, loaded only when connecting). Connections have `PRAGMA foreign_keys=ON`;
 * table changes SQLite cannot ALTER are done by the 12-step rebuild inside one transaction. `lock` takes an
 * exclusive lock on a side file before the runner reads the current revision (see {@link lockSqlite}).
 */
export const sqliteDialect: Dialect = Object.freeze({
  name: 'sqlite',
  capabilities: sqliteCapabilities,
  connect: connectSqlite,
  openScratch: openSqliteScratch,
  introspect: introspectSqlite,
  lock: lockSqlite,
  normalize: normalizeSqliteSchema,
  compile: compileSqlite,
  applyRevision: applySqliteRevision,
  renderScript: renderSqliteScript,
  quoteLiteral,
  quoteIdentifier,
});
