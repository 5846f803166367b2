import type { SqlStatement } from '@autogen/dialect';
import type { AlterColumnOp } from '@autogen/ops';
import type { Column } from '@autogen/schema';
import { columnCommentStatement, defaultSql, displayName, identityClause } from './postgres-ddl';
import { makeObjectName } from './postgres-default-names';
import { quoteIdentifier as q, quoteLiteral, quoteQualified } from './postgres-quote';
import type { QualifiedName } from './postgres-quote';
import { serialBaseType, usingCast } from './postgres-type-cast';

/**
 * The statements for an `alterColumn` op, one `ALTER TABLE` per action so each carries its own comment
 * (https://www.postgresql.org/docs/current/sql-altertable.html). The order matters:
 * 1. `DROP IDENTITY` first: a column stays NOT NULL and cannot take a default while it is an identity column.
 * 2. Type and collation (`ALTER COLUMN ... TYPE <raw> [COLLATE "x"] [USING ...]`); the old default is dropped
 *    first and the new one set after, since PostgreSQL converts the default too and cannot always cast it.
 *    `serial` is not a real type, so a change to or from one is done by hand (see {@link serialStatements}).
 * 3. The default (SET/DROP DEFAULT) — before identity is added, which refuses a column with a default.
 * 4. NOT NULL (SET/DROP NOT NULL) — before identity is added, which needs NOT NULL.
 * 5. Identity: `ADD GENERATED ... AS IDENTITY` (then its sequence is moved past the largest existing value, so
 *    existing rows keep their values and new ones do not collide) or `SET GENERATED` to switch always ↔ by default.
 * 6. The comment.
 * `autoincrement` is a SQLite notion and is ignored.
 */
export function alterColumnStatements(op: AlterColumnOp, table: QualifiedName): ReadonlyArray<SqlStatement> {
  const { from, to } = op;
  const changes = new Set(op.changes);
  const tableName = quoteQualified(table);
  const alter = (action: string, comment: string): SqlStatement => ({
    sql: `ALTER TABLE ${tableName} ALTER COLUMN ${q(op.column)} ${action}`,
    comment: `${comment} (${displayName(table)}.${op.column})`,
  });
  const statements: SqlStatement[] = [];

  if (changes.has('identity') && from.identity && !to.identity) statements.push(alter('DROP IDENTITY IF EXISTS', 'drop identity'));

  let defaultDropped = false;
  if (changes.has('type')) {
    const fromSerial = serialBaseType(from.type);
    const toSerial = serialBaseType(to.type);
    if (from.default && !fromSerial) {
      statements.push(alter('DROP DEFAULT', 'drop the default before the type change; PostgreSQL cannot always cast it'));
      defaultDropped = true;
    }
    if (fromSerial || toSerial) {
      statements.push(...serialStatements(op, table, fromSerial, toSerial));
    } else {
      statements.push(alter(typeAction(op.column, from, to), `change type ${from.type.raw} -> ${to.type.raw}`));
    }
  } else if (changes.has('collation')) {
    statements.push(alter(typeAction(op.column, from, to), `change collation ${from.collation ?? 'default'} -> ${to.collation ?? 'default'}`));
  }

  const defaultChanged = changes.has('default') || defaultDropped;
  if (defaultChanged) {
    const value = to.default ? defaultSql(to.default) : undefined;
    if (value !== undefined) statements.push(alter(`SET DEFAULT ${value}`, 'set default'));
    else if (!defaultDropped) statements.push(alter('DROP DEFAULT', 'drop default'));
  }

  if (changes.has('nullable') && from.nullable !== to.nullable) {
    statements.push(to.nullable ? alter('DROP NOT NULL', 'drop NOT NULL') : alter('SET NOT NULL', 'set NOT NULL'));
  }

  if (changes.has('identity') && to.identity) {
    if (!from.identity) {
      statements.push(alter(`ADD ${identityClause(to.identity)}`, `add identity (${to.identity})`));
      statements.push(restartSequence(table, op.column, 'move the identity sequence past the existing values'));
    } else if (from.identity !== to.identity) {
      statements.push(alter(`SET GENERATED ${to.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`, `identity ${from.identity} -> ${to.identity}`));
    }
  }

  if (changes.has('comment') && from.comment !== to.comment) statements.push(columnCommentStatement(table, op.column, to.comment));
  return statements;
}

/** `TYPE <raw> [COLLATE "x"] [USING ...]`; COLLATE is repeated on every type change, or the column would lose it. */
function typeAction(column: string, from: Column, to: Column, raw: string = to.type.raw.trim()): string {
  const collate = to.collation ? ` COLLATE ${q(to.collation)}` : '';
  const using = usingCast(column, from.type, { ...to.type, raw });
  return `TYPE ${raw}${collate}${using ? ` USING ${using}` : ''}`;
}

/**
 * `SELECT setval(<sequence of t.c>, max(c) + 1, false)`: the next value the column's sequence (serial or identity)
 * hands out is one past the largest existing value (https://www.postgresql.org/docs/current/functions-sequence.html).
 * `pg_get_serial_sequence` finds the sequence whatever its name (a renamed table keeps its old sequence name).
 */
function restartSequence(table: QualifiedName, column: string, comment: string): SqlStatement {
  const sequence = `pg_get_serial_sequence(${quoteLiteral(quoteQualified(table))}, ${quoteLiteral(column)})`;
  return {
    sql: `SELECT setval(${sequence}, GREATEST(COALESCE(MAX(${q(column)}), 0), 0) + 1, false) FROM ${quoteQualified(table)}`,
    comment: `${comment} (${displayName(table)}.${column})`,
  };
}

/**
 * A type change to or from `serial`/`bigserial`/`smallserial`, which are not types but "integer + a sequence
 * OWNED BY the column + DEFAULT nextval()" (https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-SERIAL):
 * - serial → integer type: DROP DEFAULT, drop the owned sequence (found with `pg_get_serial_sequence`, in a DO
 *   block since its name is only known to the database), then change the integer type if it differs;
 * - integer type → serial: change the integer type if it differs, `CREATE SEQUENCE <table>_<column>_seq AS <int>
 *   OWNED BY` the column, `SET DEFAULT nextval(...)`, and `setval` past the largest existing value;
 * - serial → another serial: change the integer type and the sequence's type with it.
 */
function serialStatements(op: AlterColumnOp, table: QualifiedName, fromSerial: string | undefined, toSerial: string | undefined): ReadonlyArray<SqlStatement> {
  const tableName = quoteQualified(table);
  const column = q(op.column);
  const where = `${displayName(table)}.${op.column}`;
  const fromBase = fromSerial ?? op.from.type.raw.trim();
  const toBase = toSerial ?? op.to.type.raw.trim();
  const sequenceOf = `pg_get_serial_sequence(${quoteLiteral(tableName)}, ${quoteLiteral(op.column)})`;
  const retype: SqlStatement[] =
    fromBase.toLowerCase() === toBase.toLowerCase()
      ? []
      : [
          {
            sql: `ALTER TABLE ${tableName} ALTER COLUMN ${column} ${typeAction(op.column, { ...op.from, type: { ...op.from.type, raw: fromBase } }, op.to, toBase)}`,
            comment: `change type ${fromBase} -> ${toBase} (${where})`,
          },
        ];
  if (fromSerial && !toSerial) {
    return [
      { sql: `ALTER TABLE ${tableName} ALTER COLUMN ${column} DROP DEFAULT`, comment: `no longer serial: drop the nextval() default (${where})` },
      {
        sql: `DO $autogen$\nDECLARE sequence_name text := ${sequenceOf};\nBEGIN\n  IF sequence_name IS NOT NULL THEN\n    EXECUTE 'DROP SEQUENCE ' || sequence_name;\n  END IF;\nEND\n$autogen$`,
        comment: `no longer serial: drop the sequence the column owned (${where})`,
      },
      ...retype,
    ];
  }
  if (!fromSerial && toSerial) {
    const sequence = quoteQualified({ ...(table.schema ? { schema: table.schema } : {}), name: makeObjectName(table.name, op.column, 'seq') });
    return [
      ...retype,
      { sql: `CREATE SEQUENCE ${sequence} AS ${toSerial} OWNED BY ${tableName}.${column}`, comment: `serial: create the sequence owned by the column (${where})` },
      { sql: `ALTER TABLE ${tableName} ALTER COLUMN ${column} SET DEFAULT nextval(${quoteLiteral(sequence)}::regclass)`, comment: `serial: default to the sequence (${where})` },
      restartSequence(table, op.column, 'serial: move the sequence past the existing values'),
    ];
  }
  if (retype.length === 0) return [];
  return [
    ...retype,
    {
      sql: `DO $autogen$\nDECLARE sequence_name text := ${sequenceOf};\nBEGIN\n  IF sequence_name IS NOT NULL THEN\n    EXECUTE 'ALTER SEQUENCE ' || sequence_name || ' AS ${toBase}';\n  END IF;\nEND\n$autogen$`,
      comment: `serial: the sequence follows the column type ${toBase} (${where})`,
    },
  ];
}
