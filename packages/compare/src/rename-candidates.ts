import { tableKey } from '@autogen/schema';
import type { Schema } from '@autogen/schema';
import { sameType } from './equality';
import { applyTableRenames, resolveRenames } from './renames';
import type { RenameMap } from './renames';

/**
 * A possible rename: something disappeared and something compatible appeared. Only a hint — the comparator
 * never acts on it until the user accepts it (`--rename` or the `renames` config entry).
 */
export type RenameCandidate =
  | { readonly kind: 'table'; readonly from: string; readonly to: string }
  | { readonly kind: 'column'; readonly table: string; readonly from: string; readonly to: string };

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Finds rename hints (tables by key): a table only in `current` and a table only in `target`, in the same schema,
 * with the same column names; a column only in the current table and a column only in the target table of a
 * table on both sides, with the same type (normalized name and arguments) and nullability. Every compatible pair is listed (in name order); renames
 * already accepted in `renames` (default none) are applied first and never hinted again.
 */
export function findRenameCandidates(current: Schema, target: Schema, renames: RenameMap = {}): ReadonlyArray<RenameCandidate> {
  const resolved = resolveRenames(current, target, renames, () => undefined);
  const renamed = applyTableRenames(current, resolved);
  const targetNames = new Set(target.tables.map(tableKey));
  const currentNames = new Set(renamed.tables.map(tableKey));
  const columnSet = (names: ReadonlyArray<{ readonly name: string }>): string => JSON.stringify(names.map((c) => c.name).sort(byText));
  const candidates: RenameCandidate[] = [];

  const disappeared = renamed.tables.filter((t) => !targetNames.has(tableKey(t)));
  const appeared = target.tables.filter((t) => !currentNames.has(tableKey(t)));
  for (const from of disappeared) {
    for (const to of appeared) {
      // RENAME TO keeps a table in its schema; moving it to another one is a drop and a create.
      if ((from.schema ?? '') !== (to.schema ?? '')) continue;
      if (columnSet(from.columns) === columnSet(to.columns)) candidates.push({ kind: 'table', from: tableKey(from), to: tableKey(to) });
    }
  }

  for (const to of target.tables) {
    const key = tableKey(to);
    const from = renamed.tables.find((t) => tableKey(t) === key);
    if (!from) continue;
    const newNames = new Set(from.columns.map((c) => resolved.columnName(key, c.name)));
    const gone = from.columns.filter((c) => !to.columns.some((t) => t.name === resolved.columnName(key, c.name)));
    const added = to.columns.filter((c) => !newNames.has(c.name));
    for (const g of gone) {
      for (const a of added) {
        if (sameType(g.type, a.type) && g.nullable === a.nullable) {
          candidates.push({ kind: 'column', table: key, from: g.name, to: a.name });
        }
      }
    }
  }

  const sortKey = (c: RenameCandidate): string => JSON.stringify([c.kind, c.kind === 'column' ? c.table : '', c.from, c.to]);
  return candidates.sort((a, b) => byText(sortKey(a), sortKey(b)));
}
