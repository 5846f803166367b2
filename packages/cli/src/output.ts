import type { Op } from '@autogen/ops';
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

/**
 * The changes an op list stands for, one plain line each: a table rebuild is listed as the changes it makes,
 * since "rebuild table" says nothing about what differs.
 */
export function changeLines(ops: ReadonlyArray<Op>): string[] {
  return ops.flatMap((op) => (op.kind === 'rebuildTable' ? op.changes.map(describeOp) : [describeOp(op)]));
}

/** Renders before/after table views with +/- coloring. */
export function formatTableDiffs(diffs: ReadonlyArray<TableDiff>, color: boolean): string[] {
  const paint = painter(color);
  return diffs.flatMap((d) => [
    paint.bold(`  ${d.table}:`),
    ...d.lines.map((line) => `    ${line.startsWith('+') ? paint.green(line) : line.startsWith('-') ? paint.red(line) : paint.dim(line)}`),
  ]);
}
