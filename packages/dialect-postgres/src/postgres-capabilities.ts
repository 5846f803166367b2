import type { DialectCapabilities } from '@autogen/dialect';

/**
 * PostgreSQL's capabilities:
 * - `transactionalDdl`: DDL is transactional, so a revision and its version move commit or roll back together
 *   (https://wiki.postgresql.org/wiki/Transactional_DDL_in_PostgreSQL:_A_Competitive_Analysis); the exception
 *   is `CREATE/DROP INDEX CONCURRENTLY`, which makes its revision non-transactional.
 * - `requiresRebuild`: always false, since `ALTER TABLE` changes every column aspect and constraint in place
 *   (https://www.postgresql.org/docs/current/sql-altertable.html).
 * - `foreignKeyTargetsMustExist`: true; tables that reference each other are created first and linked after.
 * - `concurrentIndexes`: true; `CREATE/DROP INDEX CONCURRENTLY` (outside a transaction).
 * - `uniqueIndexSatisfiesUnique`: false; a unique index and a UNIQUE constraint are different catalog objects
 *   (a constraint can be deferrable and be the target of a foreign key by name), so they are kept apart.
 */
export const postgresCapabilities: DialectCapabilities = Object.freeze({
  transactionalDdl: true,
  uniqueIndexSatisfiesUnique: false,
  concurrentIndexes: true,
  foreignKeyTargetsMustExist: true,
  requiresRebuild: (): boolean => false,
});
