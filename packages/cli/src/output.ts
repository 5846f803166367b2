import type { Op } from '@autogen/ops';
import type { ForeignKey } from '@autogen/schema';
import { describeOp } from '@autogen/ops';
import type { TableDiff } from './table-diff';

/** Colors only on a TTY, and never when `NO_COLOR` is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

/** A tiny ANSI painter that becomes the identity when color is off. */
export function painter(enabled: boolean): Record<'red' | 'green' | 'yellow' | 'dim' | 'bold', (s: string) => string> {
  const wrap = (code: number, reset: number) => (s: string) => (enabled ? `\u001b[${code}m${s}\u001b[${reset}m` : s);
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** A lint severity as printed: errors red, warnings yellow, infos plain. */
export function severityTag(paint: ReturnType<typeof painter>, severity: 'error' | 'warning' | 'info'): string {
  return severity === 'error' ? paint.red(severity) : severity === 'warning' ? paint.yellow(severity) : severity;
}

/**
 * The changes an op list stands for, one plain line each: a table rebuild is listed as the changes it makes
 * (since "rebuild table" says nothing about what differs), and a foreign key dropped and re-created with other
 * actions reads as one change of those actions.
 */
export function changeLines(ops: ReadonlyArray<Op>): string[] {
  const flat = ops.flatMap((op) => (op.kind === 'rebuildTable' ? op.changes : [op]));
  const lines: string[] = [];
  const paired = new Set<Op>();
  for (const op of flat) {
    if (paired.has(op)) continue;
    if (op.kind === 'dropForeignKey') {
      const same = flat.find(
        (o): o is Extract<Op, { kind: 'createForeignKey' }> =>
          o.kind === 'createForeignKey' && o.table === op.table && sameTarget(o.foreignKey, op.existing) && !paired.has(o),
      );
      if (same) {
        paired.add(same);
        lines.push(describeForeignKeyChange(op.table, op.existing, same.foreignKey));
        continue;
      }
    }
    lines.push(describeOp(op));
  }
  return lines;
}

function sameTarget(a: ForeignKey, b: ForeignKey): boolean {
  return a.referencedTable === b.referencedTable && a.columns.join() === b.columns.join() && a.referencedColumns.join() === b.referencedColumns.join();
}

function describeForeignKeyChange(table: string, from: ForeignKey, to: ForeignKey): string {
  const parts: string[] = [];
  if (from.onDelete !== to.onDelete) parts.push(`ON DELETE ${from.onDelete.toUpperCase()} -> ${to.onDelete.toUpperCase()}`);
  if (from.onUpdate !== to.onUpdate) parts.push(`ON UPDATE ${from.onUpdate.toUpperCase()} -> ${to.onUpdate.toUpperCase()}`);
  if (Boolean(from.deferred) !== Boolean(to.deferred)) parts.push(to.deferred ? 'make DEFERRABLE INITIALLY DEFERRED' : 'make not deferrable');
  if (parts.length === 0) parts.push(`name ${from.name ?? '(none)'} -> ${to.name ?? '(none)'}`);
  return `change foreign key ${table}(${from.columns.join(', ')}) -> ${from.referencedTable}(${from.referencedColumns.join(', ')}): ${parts.join(', ')}`;
}

/** Lines for one op as `autogen --message` prints them: a rebuild with its changes indented below it. */
export function opLines(op: Op): string[] {
  if (op.kind !== 'rebuildTable') return [describeOp(op)];
  return [`rebuild table ${op.table} (the dialect cannot make these changes in place; rows are copied):`, ...changeLines([op]).map((l) => `    ${l}`)];
}

/** Renders before/after table views with +/- coloring. */
export function formatTableDiffs(diffs: ReadonlyArray<TableDiff>, color: boolean): string[] {
  const paint = painter(color);
  return diffs.flatMap((d) => [
    paint.bold(`  ${d.table}:`),
    ...d.lines.map((line) => `    ${line.startsWith('+') ? paint.green(line) : line.startsWith('-') ? paint.red(line) : paint.dim(line)}`),
  ]);
}
