import type { Dialect } from '@autogen/dialect';
import { applyPostgresRevision, renderPostgresScript } from './postgres-apply';
import { postgresCapabilities } from './postgres-capabilities';
import { compilePostgres } from './postgres-compiler';
import { connectPostgres } from './postgres-connection';
import { introspectPostgres } from './postgres-introspector';
import { openPostgresScratch } from './postgres-scratch';
import { lockPostgres } from './postgres-lock';
import { normalizePostgresSchema } from './postgres-normalizer';
import { assertPostgresIdentifiersFit } from './postgres-identifier-limit';
import { quoteIdentifier, quoteLiteral } from './postgres-quote';

/**
 * The PostgreSQL dialect (`pg`, loaded only when connecting). Every revision runs in one transaction, except one
 * holding a `CONCURRENTLY` index op; concurrent autogen runs on one database are serialized by a session advisory
 * lock; tables are always altered in place (no rebuilds).
 */
export const postgresDialect: Dialect = Object.freeze({
  name: 'postgresql',
  capabilities: postgresCapabilities,
  connect: connectPostgres,
  openScratch: openPostgresScratch,
  introspect: introspectPostgres,
  normalize: normalizePostgresSchema,
  validateTarget: assertPostgresIdentifiersFit,
  compile: compilePostgres,
  applyRevision: applyPostgresRevision,
  renderScript: renderPostgresScript,
  lock: lockPostgres,
  quoteLiteral,
  quoteIdentifier,
});
