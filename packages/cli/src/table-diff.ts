import { diffLines } from 'diff';
import type { Op } from '@autogen/ops';
import { opTable } from '@autogen/ops';
import { describeTable, findTable, type Schema } from '@autogen/schema';

/** A before/after view of one changed table. */
export interface TableDiff {
  readonly table: string;
  /** Unified-style lines: `- ` removed, `+ ` added, `  ` unchanged. */
  readonly lines: ReadonlyArray<string>;
}

/**
 * Before/after views of every table the ops touch, built by diffing the stable text form of the table
 * ({@link describeTable}) with the `diff` package.
 */
export function tableDiffs(current: Schema, target: Schema, ops: ReadonlyArray<Op>): TableDiff[] {
  const names = [...new Set(ops.flatMap((op) => (op.kind === 'renameTable' ? [op.from, op.to] : [opTable(op) ?? ''])).filter(Boolean))].sort();
  return names.map((table) => {
    const before = findTable(current, table);
    const after = findTable(target, table);
    const parts = diffLines(before ? describeTable(before) : '', after ? describeTable(after) : '');
    const lines = parts.flatMap((part) => {
      const prefix = part.added ? '+ ' : part.removed ? '- ' : '  ';
      return part.value.replace(/\n$/, '').split('\n').map((line) => prefix + line);
    });
    return { table, lines };
  });
}
