import type { RenameCandidate } from '@autogen/compare';
import type { Op } from '@autogen/ops';

/**
 * A possible rename the comparison turned into a drop and an add: shown beside them, never acted on until the
 * user accepts it with `flag` (or the `renames` config entry, or the prompt on a terminal).
 */
export interface RenameHint {
  readonly candidate: RenameCandidate;
  /** The rename spec to accept it: `users.fullname=full_name` or `people=persons`. */
  readonly spec: string;
  /** The exact command-line flag: `--rename users.fullname=full_name`. */
  readonly flag: string;
  /** One line saying what was seen and how to accept it. */
  readonly message: string;
  /** Index of the upgrade op that drops the old table or column (a rebuild that drops it), if any. */
  readonly opIndex: number | undefined;
}

/** The rename spec that accepts `candidate` (see `parseRenames`). */
export function renameSpec(candidate: RenameCandidate): string {
  return candidate.kind === 'table' ? `${candidate.from}=${candidate.to}` : `${candidate.table}.${candidate.from}=${candidate.to}`;
}

/** Hints for the candidates, each tied to the op that drops what may have been renamed. */
export function renameHints(candidates: ReadonlyArray<RenameCandidate>, ops: ReadonlyArray<Op>): RenameHint[] {
  return candidates.map((candidate) => {
    const spec = renameSpec(candidate);
    const flag = `--rename ${spec}`;
    const message =
      candidate.kind === 'table'
        ? `table ${candidate.from} disappeared and ${candidate.to} appeared with the same columns: if it is a rename, accept it with ${flag} (the drop + create loses every row)`
        : `column ${candidate.table}.${candidate.from} disappeared and ${candidate.table}.${candidate.to} appeared with the same type: if it is a rename, accept it with ${flag} (the drop + add loses the column's data)`;
    const index = ops.findIndex((op) => drops(op, candidate));
    return { candidate, spec, flag, message, opIndex: index >= 0 ? index : undefined };
  });
}

function drops(op: Op, candidate: RenameCandidate): boolean {
  if (candidate.kind === 'table') return op.kind === 'dropTable' && op.table === candidate.from;
  if (op.kind === 'dropColumn') return op.table === candidate.table && op.column === candidate.from;
  return op.kind === 'rebuildTable' && op.changes.some((change) => drops(change, candidate));
}
