import type { DialectCapabilities } from '@autogen/dialect';
import { assertNever } from '@autogen/ops';
import type {
  AddColumnOp,
  AlterColumnOp,
  AlterEnumOp,
  CreateForeignKeyOp,
  CreateIndexOp,
  CreatePrimaryKeyOp,
  CreateUniqueOp,
  Op,
} from '@autogen/ops';
import { describeType, tableKey } from '@autogen/schema';
import type { Column, IndexPart } from '@autogen/schema';
import { classifyTypeChange } from './classify-type-change';
import type { DataProbe } from './data-probe';
import type { LintCandidate } from './lint-candidate';
import { compareFindings } from './lint-finding';
import type { LintFinding } from './lint-finding';
import { OriginTracker } from './origin-tracker';

/** Where in the op list an op is, and what is known about the names and data it sees. */
interface VisitContext {
  /** Index of the top-level op (a rebuild's changes share their rebuild's index). */
  readonly index: number;
  readonly tracker: OriginTracker;
  readonly capabilities: DialectCapabilities;
  /** True for the changes of a `rebuildTable`. */
  readonly inRebuild: boolean;
  /**
   * False once an `execute` op ran earlier in the list: hand-written SQL may have changed the rows, so the data
   * before the revision no longer tells what this op will meet (a backfill before SET NOT NULL is the usual case).
   */
  readonly dataKnown: boolean;
}

/**
 * The findings of an op list with the data probes that can decide them, sorted by op index then rule id.
 * `rebuildTable` ops are reported themselves and through their `changes`, under the rebuild's index.
 */
export function collectCandidates(ops: ReadonlyArray<Op>, capabilities: DialectCapabilities): LintCandidate[] {
  const tracker = new OriginTracker();
  const found: LintCandidate[] = [];
  let dataKnown = true;
  const visit = (op: Op, index: number, inRebuild: boolean): void => {
    found.push(...opCandidates(op, { index, tracker, capabilities, inRebuild, dataKnown }));
    // A rebuild's changes are looked at one by one, each seeing the names the previous ones left.
    if (op.kind === 'rebuildTable') for (const change of op.changes) visit(change, index, true);
    else tracker.apply(op);
    if (op.kind === 'execute') dataKnown = false;
  };
  ops.forEach((op, index) => visit(op, index, false));
  // Array.prototype.sort is stable: findings of one op and rule keep the order of the ops and changes.
  return found.sort((a, b) => compareFindings(a.finding, b.finding));
}

function opCandidates(op: Op, context: VisitContext): LintCandidate[] {
  const at = { opIndex: context.index };
  switch (op.kind) {
    case 'dropTable':
      return [
        finding({
          ...at,
          rule: 'drop-table',
          severity: 'error',
          table: op.table,
          message: `drop table ${op.table}: deletes every row it holds; back the data up (or copy it elsewhere) first, and drop it only once no deployed code uses the table`,
        }),
      ];
    case 'dropColumn':
      return [
        finding({
          ...at,
          rule: 'drop-column',
          severity: 'error',
          table: op.table,
          column: op.column,
          message: `drop column ${op.table}.${op.column}: deletes its value in every row; back the data up (or copy it elsewhere) first, and drop it only once no deployed code reads or writes the column`,
        }),
      ];
    case 'alterColumn':
      return [...typeChangeCandidates(op, context), ...setNotNullCandidates(op, context)];
    case 'addColumn':
      return addNotNullCandidates(op, context);
    case 'renameTable':
      return [
        finding({
          ...at,
          rule: 'rename-breaks-clients',
          severity: 'warning',
          table: op.from,
          message: `rename table ${op.from} to ${op.to}: deployed code that still uses ${op.from} fails until it is redeployed; deploy code that no longer needs the old name first (or keep a view named ${op.from} for the switch-over)`,
        }),
      ];
    case 'renameColumn':
      return [
        finding({
          ...at,
          rule: 'rename-breaks-clients',
          severity: 'warning',
          table: op.table,
          column: op.from,
          message: `rename column ${op.table}.${op.from} to ${op.to}: deployed code that still uses ${op.from} fails until it is redeployed; to avoid downtime add ${op.to}, write both and backfill, switch readers over, then drop ${op.from}`,
        }),
      ];
    case 'createIndex':
      return [...uniqueIndexCandidates(op, context), ...blockingIndexCandidates(op, context)];
    case 'createUnique':
      return uniqueConstraintCandidates(op, context);
    case 'createPrimaryKey':
      return primaryKeyCandidates(op, context);
    case 'createForeignKey':
      return foreignKeyCandidates(op, context);
    case 'alterEnum':
      return enumLabelCandidates(op, context);
    case 'rebuildTable':
      return [
        finding({
          ...at,
          rule: 'table-rebuild',
          severity: 'info',
          table: op.table,
          message: `rebuild table ${op.table}: copies every row into a new table and blocks writes to it meanwhile; on a large table run it in a maintenance window`,
        }),
      ];
    case 'execute':
      return [
        finding({
          ...at,
          rule: 'raw-sql',
          severity: 'info',
          message: `execute SQL "${sqlExcerpt(op.sql)}": hand-written SQL is not analysed; review it for data loss and long locks`,
        }),
      ];
    case 'createTable':
    case 'dropIndex':
    case 'dropForeignKey':
    case 'dropUnique':
    case 'createCheck':
    case 'dropCheck':
    case 'dropPrimaryKey':
    case 'createEnum':
    case 'dropEnum':
    case 'setTableComment':
      return [];
    default:
      return assertNever(op, 'operation kind');
  }
}

function finding(value: LintFinding, probe?: LintCandidate['probe']): LintCandidate {
  return probe ? { finding: value, probe } : { finding: value };
}

function typeChangeCandidates(op: AlterColumnOp, context: VisitContext): LintCandidate[] {
  if (!op.changes.includes('type')) return [];
  const kind = classifyTypeChange(op.from.type, op.to.type);
  const change = `${describeType(op.from.type)} -> ${describeType(op.to.type)}`;
  const where = { opIndex: context.index, table: op.table, column: op.column };
  if (kind === 'narrowing') {
    return [
      finding({
        ...where,
        rule: 'type-narrowing',
        severity: 'error',
        message: `alter column ${op.table}.${op.column}: type ${change} is narrower, so values that do not fit are truncated or make the migration fail; check (or fix) the data first, or keep the wider type`,
      }),
    ];
  }
  if (kind === 'change') {
    return [
      finding({
        ...where,
        rule: 'type-change',
        severity: 'warning',
        message: `alter column ${op.table}.${op.column}: type ${change}; values that do not convert make the migration fail, and the table is usually rewritten while writes wait; check the values convert, or add a new column, backfill it and switch over`,
      }),
    ];
  }
  return [];
}

function setNotNullCandidates(op: AlterColumnOp, context: VisitContext): LintCandidate[] {
  if (!op.changes.includes('nullable') || op.to.nullable || !op.from.nullable) return [];
  const { tracker } = context;
  if (isNewTable(op.table, context)) return [];
  const name = `${op.table}.${op.column}`;
  const table = tracker.tableOrigin(op.table);
  const column = tracker.columnOrigin(op.table, op.column);
  return [
    finding(
      {
        opIndex: context.index,
        rule: 'not-null-without-default',
        severity: 'warning',
        table: op.table,
        column: op.column,
        message: `alter column ${name} set NOT NULL: fails if any row holds NULL in it; backfill the NULLs (UPDATE ... SET ${op.column} = ... WHERE ${op.column} IS NULL) first`,
      },
      context.dataKnown && table !== undefined && column !== undefined
        ? {
            query: { kind: 'null-values', table, column },
            verdict: ({ count }) =>
              count === 0
                ? undefined
                : {
                    severity: 'error',
                    message: `alter column ${name} set NOT NULL: fails, ${count} row(s) hold NULL in it; backfill them (UPDATE ... SET ${op.column} = ... WHERE ${op.column} IS NULL) first`,
                  },
          }
        : undefined,
    ),
  ];
}

/** True when the column gets a value for existing rows by itself: a non-NULL default, identity, a sequence. */
function fillsItself(column: Column): boolean {
  const hasDefault = column.default !== undefined && !(column.default.kind === 'literal' && column.default.value === null);
  return hasDefault || column.identity !== undefined || column.autoincrement === true || /^(small|big)?serial[248]?$/.test(column.type.name);
}

function addNotNullCandidates(op: AddColumnOp, context: VisitContext): LintCandidate[] {
  if (op.column.nullable || fillsItself(op.column)) return [];
  if (isNewTable(op.table, context)) return [];
  const name = `${op.table}.${op.column.name}`;
  const table = context.tracker.tableOrigin(op.table);
  return [
    finding(
      {
        opIndex: context.index,
        rule: 'not-null-without-default',
        severity: 'warning',
        table: op.table,
        column: op.column.name,
        message: `add column ${name} NOT NULL without a default: fails if the table has rows; give it a default, or add it nullable, backfill it and then set NOT NULL`,
      },
      context.dataKnown && table !== undefined
        ? {
            query: { kind: 'has-rows', table },
            verdict: ({ count }) =>
              count === 0
                ? undefined
                : {
                    severity: 'error',
                    message: `add column ${name} NOT NULL without a default: fails, the table has rows; give it a default, or add it nullable, backfill it and then set NOT NULL`,
                  },
          }
        : undefined,
    ),
  ];
}

/**
 * True when the table was created (or dropped) earlier in the op list and no hand-written SQL ran since: it
 * holds no rows, so checks that only existing rows can fail need no finding.
 */
function isNewTable(table: string, context: VisitContext): boolean {
  return context.dataKnown && context.tracker.tableOrigin(table) === undefined;
}

/** The key parts with their pre-revision column names, or undefined when one of them did not exist before. */
function originParts(table: string, parts: ReadonlyArray<IndexPart>, tracker: OriginTracker): IndexPart[] | undefined {
  const result: IndexPart[] = [];
  for (const part of parts) {
    if (part.kind === 'expression') {
      result.push(part);
      continue;
    }
    const name = tracker.columnOrigin(table, part.name);
    if (name === undefined) return undefined;
    result.push({ kind: 'column', name });
  }
  return result;
}

const columnParts = (columns: ReadonlyArray<string>): IndexPart[] => columns.map((name) => ({ kind: 'column', name }));

/**
 * The unique-on-duplicates finding for a key on `table`. `where` (a partial index's predicate) and expression
 * parts are SQL written with the names the ops use: they are probed only when no column of the table was renamed
 * earlier in the list.
 */
function duplicateCandidate(
  context: VisitContext,
  table: string,
  parts: ReadonlyArray<IndexPart>,
  subject: string,
  constraint: string | undefined,
  options: { readonly where?: string; readonly primaryKey?: boolean } = {},
): LintCandidate[] {
  if (isNewTable(table, context)) return [];
  const { tracker } = context;
  const what = options.primaryKey ? 'duplicate or NULL values' : 'duplicate values';
  const sqlText = options.where !== undefined || parts.some((p) => p.kind === 'expression');
  const origin = tracker.tableOrigin(table);
  const probeParts = origin === undefined ? undefined : originParts(table, parts, tracker);
  const probe: DataProbe | undefined =
    context.dataKnown && origin !== undefined && probeParts && !(sqlText && tracker.hasRenamedColumns(table))
      ? {
          kind: 'duplicates',
          table: origin,
          parts: probeParts,
          ...(options.where !== undefined ? { where: options.where } : {}),
          countNulls: options.primaryKey === true,
        }
      : undefined;
  return [
    finding(
      {
        opIndex: context.index,
        rule: 'unique-on-duplicates',
        severity: 'warning',
        table,
        ...(constraint !== undefined ? { constraint } : {}),
        message: `${subject}: fails if existing rows hold ${what}; find them (GROUP BY the key HAVING count(*) > 1) and resolve them first`,
      },
      probe
        ? {
            query: probe,
            verdict: ({ count, nulls }) => {
              if (count === 0 && nulls === 0) return undefined;
              const problems = [
                ...(count > 0 ? [`${count} value(s) occur in more than one row`] : []),
                ...(nulls > 0 ? [`${nulls} row(s) hold NULL in the key`] : []),
              ];
              return { severity: 'error', message: `${subject}: fails, ${problems.join(' and ')}; resolve them first` };
            },
          }
        : undefined,
    ),
  ];
}

function uniqueIndexCandidates(op: CreateIndexOp, context: VisitContext): LintCandidate[] {
  if (!op.index.unique) return [];
  const parts = op.index.parts.map((p) => (p.kind === 'column' ? p.name : p.sql)).join(', ');
  const partial = op.index.where !== undefined ? ` WHERE ${op.index.where}` : '';
  return duplicateCandidate(context, op.table, op.index.parts, `create unique index ${op.index.name} on ${op.table}(${parts})${partial}`, op.index.name, {
    ...(op.index.where !== undefined ? { where: op.index.where } : {}),
  });
}

function uniqueConstraintCandidates(op: CreateUniqueOp, context: VisitContext): LintCandidate[] {
  const name = op.unique.name ? `${op.unique.name} ` : '';
  return duplicateCandidate(context, op.table, columnParts(op.unique.columns), `add unique ${name}on ${op.table}(${op.unique.columns.join(', ')})`, op.unique.name);
}

function primaryKeyCandidates(op: CreatePrimaryKeyOp, context: VisitContext): LintCandidate[] {
  const name = op.primaryKey.name ? `${op.primaryKey.name} ` : '';
  return duplicateCandidate(
    context,
    op.table,
    columnParts(op.primaryKey.columns),
    `add primary key ${name}on ${op.table}(${op.primaryKey.columns.join(', ')})`,
    op.primaryKey.name,
    { primaryKey: true },
  );
}

function blockingIndexCandidates(op: CreateIndexOp, context: VisitContext): LintCandidate[] {
  // A rebuild builds its indexes on the new copy of the table, which the table-rebuild finding covers.
  if (!context.capabilities.concurrentIndexes || op.concurrently || context.inRebuild) return [];
  const table = context.tracker.tableOrigin(op.table);
  if (table === undefined) return [];
  const subject = `create index ${op.index.name} on ${op.table}`;
  return [
    finding(
      {
        opIndex: context.index,
        rule: 'blocking-index-build',
        severity: 'info',
        table: op.table,
        constraint: op.index.name,
        message: `${subject}: without CONCURRENTLY it blocks writes to ${op.table} while it builds; for a large table use --concurrent-indexes (or concurrently: true)`,
      },
      context.dataKnown
        ? {
            query: { kind: 'large-table', table },
            verdict: ({ count }, { largeTableRows }) =>
              count > largeTableRows
                ? {
                    severity: 'warning',
                    message: `${subject}: the table has more than ${largeTableRows} rows and without CONCURRENTLY writes to it are blocked while the index builds; use --concurrent-indexes (or concurrently: true)`,
                  }
                : undefined,
          }
        : undefined,
    ),
  ];
}

function foreignKeyCandidates(op: CreateForeignKeyOp, context: VisitContext): LintCandidate[] {
  if (isNewTable(op.table, context)) return [];
  const { tracker } = context;
  const fk = op.foreignKey;
  const parentKey = tableKey({ name: fk.referencedTable, schema: fk.referencedSchema });
  const subject = `add foreign key ${fk.name ? `${fk.name} ` : ''}${op.table}(${fk.columns.join(', ')}) -> ${parentKey}(${fk.referencedColumns.join(', ')})`;
  const table = tracker.tableOrigin(op.table);
  const columns = fk.columns.map((c) => tracker.columnOrigin(op.table, c));
  // A parent table created earlier in the list is empty: every child row with a complete key is an orphan.
  const parentIsNew = isNewTable(parentKey, context);
  const parent = parentIsNew ? undefined : tracker.tableOrigin(parentKey);
  const parentColumns = parentIsNew ? fk.referencedColumns : fk.referencedColumns.map((c) => tracker.columnOrigin(parentKey, c));
  const known = (names: ReadonlyArray<string | undefined>): names is string[] => names.every((n) => n !== undefined);
  const probe: DataProbe | undefined =
    context.dataKnown && table !== undefined && known(columns) && (parentIsNew || (parent !== undefined && known(parentColumns)))
      ? {
          kind: 'orphans',
          table,
          columns,
          ...(parent !== undefined ? { parent: { table: parent, columns: parentColumns as string[] } } : {}),
        }
      : undefined;
  return [
    finding(
      {
        opIndex: context.index,
        rule: 'foreign-key-orphans',
        severity: 'warning',
        table: op.table,
        ...(fk.name !== undefined ? { constraint: fk.name } : {}),
        message: `${subject}: fails if existing rows of ${op.table} reference missing ${parentKey} rows; find them (NOT EXISTS on ${parentKey}) and fix or delete them first`,
      },
      probe
        ? {
            query: probe,
            verdict: ({ count }) =>
              count === 0
                ? undefined
                : {
                    severity: 'error',
                    message: `${subject}: fails, ${count} row(s) of ${op.table} reference no ${parentKey} row; fix or delete them first`,
                  },
          }
        : undefined,
    ),
  ];
}

function enumLabelCandidates(op: AlterEnumOp, context: VisitContext): LintCandidate[] {
  const renamed = op.renames ?? {};
  const removed = op.from.filter((label) => !op.to.includes(label) && !Object.hasOwn(renamed, label));
  if (removed.length === 0) return [];
  const labels = removed.map((l) => `'${l}'`).join(', ');
  const used = op.usages.length ? ` (used by ${op.usages.map((u) => `${u.table}.${u.column}`).join(', ')})` : '';
  return [
    finding({
      opIndex: context.index,
      rule: 'enum-label-removed',
      severity: 'error',
      message: `alter enum ${op.name}: removing ${labels} fails if rows still hold ${removed.length > 1 ? 'them' : 'it'}${used} and breaks deployed code that writes ${removed.length > 1 ? 'them' : 'it'}; update those rows and that code first`,
    }),
  ];
}

/** The first line of hand-written SQL, whitespace collapsed and cut at 80 characters, for a one-line message. */
function sqlExcerpt(sql: string): string {
  const line = (sql.trim().split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
  const more = line.length > 80 || sql.trim().includes('\n');
  return more ? `${line.slice(0, 80).trimEnd()} ...` : line;
}
