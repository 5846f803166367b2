import type { SqlStatement } from '@autogen/dialect';
import type { AlterEnumOp, Op } from '@autogen/ops';
import type { Column } from '@autogen/schema';
import { defaultSql, displayName } from './postgres-ddl';
import { normalizePostgresType } from './postgres-normalizer';
import { parsePostgresKey, quoteIdentifier as q, quoteLiteral as lit, quoteQualified } from './postgres-quote';
import type { KeyContext } from './postgres-quote';

/** Suffix of the old type while a recreated enum replaces it. */
export const OLD_ENUM_SUFFIX = '__autogen_old';

/**
 * The statements for an `alterEnum` op (https://www.postgresql.org/docs/current/sql-altertype.html):
 * 1. renamed labels (`renames`): `ALTER TYPE t RENAME VALUE 'old' TO 'new'` (rows follow, nothing is rewritten);
 * 2. when labels are only added, in their order: `ALTER TYPE t ADD VALUE 'x' AFTER 'previous'` (or `BEFORE` the
 *    first label). PostgreSQL 12+ runs this inside a transaction block, but a label added this way cannot be
 *    *used* (as a default, in an UPDATE) until the transaction commits ("unsafe use of new value"), so when a
 *    later op of the revision uses an added label as a default ({@link enumsUsingAddedLabels}), step 3 is taken;
 * 3. when a label is removed or the labels are reordered, which ALTER TYPE cannot do, the safe sequence:
 *    rename the type to `<name>__autogen_old`, create the new type, convert each column in `usages`
 *    (`DROP DEFAULT`, `TYPE t USING col::text::t`, `SET DEFAULT`), drop the old type. A row still holding a
 *    removed label makes its cast fail, and the whole revision rolls back with the type intact.
 */
export function alterEnumStatements(op: AlterEnumOp, context: KeyContext): ReadonlyArray<SqlStatement> {
  const name = parsePostgresKey(op.name, context);
  const type = quoteQualified(name);
  const shown = displayName(name);
  const renames = op.renames ?? {};
  const statements: SqlStatement[] = [];
  for (const [from, to] of Object.entries(renames)) {
    if (from === to || !op.from.includes(from)) continue;
    statements.push({ sql: `ALTER TYPE ${type} RENAME VALUE ${lit(from)} TO ${lit(to)}`, comment: `rename label '${from}' to '${to}' of enum ${shown}` });
  }
  const current = op.from.map((label) => renames[label] ?? label);
  const removed = current.filter((label) => !op.to.includes(label));
  const kept = current.filter((label) => op.to.includes(label));
  const reordered = kept.join('\u0000') !== op.to.filter((label) => current.includes(label)).join('\u0000');
  const recreate = context.enumsRecreated?.has(op.name) === true;
  if (removed.length === 0 && !reordered && !recreate) return [...statements, ...addLabelStatements(type, shown, current, op.to)];

  const old = quoteQualified({ ...(name.schema ? { schema: name.schema } : {}), name: `${name.name}${OLD_ENUM_SUFFIX}` });
  const why = removed.length
    ? `remove label${removed.length > 1 ? 's' : ''} ${removed.map((l) => `'${l}'`).join(', ')}`
    : reordered
      ? 'reorder labels'
      : 'add labels used in this revision (ADD VALUE labels are unusable until commit)';
  statements.push({
    sql: `ALTER TYPE ${type} RENAME TO ${q(`${name.name}${OLD_ENUM_SUFFIX}`)}`,
    comment: `${why} of enum ${shown}: PostgreSQL cannot, so the type is recreated; first rename the old one`,
  });
  statements.push({ sql: `CREATE TYPE ${type} AS ENUM (${op.to.map(lit).join(', ')})`, comment: `create enum ${shown} with the new labels` });
  for (const usage of op.usages) {
    const tableName = parsePostgresKey(usage.table, context);
    const table = quoteQualified(tableName);
    const column = q(usage.column);
    const where = `${displayName(tableName)}.${usage.column}`;
    const restored = usage.default ? defaultSql(usage.default) : undefined;
    if (usage.default) {
      statements.push({
        sql: `ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT`,
        comment: `drop the default of ${where}: it cannot be cast from the old enum type`,
      });
    }
    statements.push({
      sql: `ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${type} USING ${column}::text::${type}`,
      comment:
        `convert ${where} to the new enum ${shown}` +
        (removed.length ? `; fails (and the revision rolls back) if a row still holds ${removed.map((l) => `'${l}'`).join(', ')}` : ''),
    });
    // A default naming a removed label cannot be restored; the op that changes that default sets the new one.
    const defaultRemoved = usage.default?.kind === 'literal' && typeof usage.default.value === 'string' && !op.to.includes(usage.default.value);
    if (restored !== undefined && !defaultRemoved) {
      statements.push({ sql: `ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT ${restored}`, comment: `restore the default of ${where}` });
    }
  }
  statements.push({ sql: `DROP TYPE ${old}`, comment: `drop the old enum type ${shown}${OLD_ENUM_SUFFIX}` });
  return statements;
}

/** `ADD VALUE` for each label of `to` missing from `current`, placed after its predecessor (or before the first label). */
function addLabelStatements(type: string, shown: string, current: ReadonlyArray<string>, to: ReadonlyArray<string>): ReadonlyArray<SqlStatement> {
  const statements: SqlStatement[] = [];
  const firstKept = to.find((label) => current.includes(label));
  to.forEach((label, i) => {
    if (current.includes(label)) return;
    const previous = to[i - 1];
    const position = previous !== undefined ? ` AFTER ${lit(previous)}` : firstKept !== undefined ? ` BEFORE ${lit(firstKept)}` : '';
    statements.push({
      sql: `ALTER TYPE ${type} ADD VALUE ${lit(label)}${position}`,
      comment:
        `add label '${label}' to enum ${shown}${position ? ` (${position.trim().split(' ')[0]?.toLowerCase()} '${previous ?? firstKept}')` : ''}; ` +
        'usable only once this revision has committed (https://www.postgresql.org/docs/current/sql-altertype.html#SQL-ALTERTYPE-NOTES)',
    });
  });
  return statements;
}

/**
 * Keys of the enums whose `alterEnum` in `ops` adds a label that a later op uses as a column default (a created
 * table's, an added column's, or an altered column's new one). Such an enum is recreated, not `ADD VALUE`d: a
 * label added by `ADD VALUE` cannot be used before its transaction commits, while the labels of a type created in
 * the same transaction can (https://www.postgresql.org/docs/current/sql-altertype.html#id-1.9.3.42.7).
 */
export function enumsUsingAddedLabels(ops: ReadonlyArray<Op>): ReadonlySet<string> {
  const recreated = new Set<string>();
  const added = new Map<string, Set<string>>();
  const usesAdded = (column: Column): void => {
    // A revision file spells the type as written (`"mood"`); the op's key is the enum's (`mood`).
    const key = normalizePostgresType(column.type, new Set(added.keys())).name;
    const labels = added.get(key);
    const value = column.default?.kind === 'literal' ? column.default.value : undefined;
    if (labels && typeof value === 'string' && labels.has(value)) recreated.add(key);
  };
  const visit = (op: Op): void => {
    switch (op.kind) {
      case 'alterEnum': {
        const current = op.from.map((label) => op.renames?.[label] ?? label);
        added.set(op.name, new Set(op.to.filter((label) => !current.includes(label))));
        return;
      }
      case 'createTable':
        return op.table.columns.forEach(usesAdded);
      case 'addColumn':
        return usesAdded(op.column);
      case 'alterColumn':
        return usesAdded(op.to);
      case 'rebuildTable':
        return op.changes.forEach(visit);
      default:
        return;
    }
  };
  ops.forEach(visit);
  return recreated;
}
