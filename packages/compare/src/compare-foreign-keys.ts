import type { Op } from '@autogen/ops';
import type { ForeignKey } from '@autogen/schema';
import type { CompareContext, TablePair } from './compare-context';

/** `(user_id) -> users(id)`. */
function describeTarget(fk: ForeignKey): string {
  return `(${fk.columns.join(', ')}) -> ${fk.referencedTable}(${fk.referencedColumns.join(', ')})`;
}

/** What the foreign key links; two keys with the same link are the same key, whatever their names. */
function linkKey(fk: ForeignKey, columnName: (table: string, column: string) => string, table: string): string {
  return JSON.stringify([
    fk.columns.map((c) => columnName(table, c)),
    fk.referencedTable,
    fk.referencedColumns.map((c) => columnName(fk.referencedTable, c)),
  ]);
}

/** The differences in behaviour between two keys with the same link, empty when none. */
function behaviourChanges(from: ForeignKey, to: ForeignKey): string[] {
  const changes: string[] = [];
  if (from.onDelete !== to.onDelete) changes.push(`on delete ${from.onDelete} -> ${to.onDelete}`);
  if (from.onUpdate !== to.onUpdate) changes.push(`on update ${from.onUpdate} -> ${to.onUpdate}`);
  if (!!from.deferred !== !!to.deferred) changes.push(to.deferred ? 'not deferred -> deferred' : 'deferred -> not deferred');
  return changes;
}

/**
 * Foreign key ops of one table. Keys are matched by what they do: their columns, the table they refer to (after
 * table renames) and its columns (after column renames). A matched key whose actions or deferral differ is
 * replaced (`dropForeignKey` + `createForeignKey`); a name difference alone is never a change.
 */
export function compareForeignKeys(pair: TablePair, context: CompareContext): Op[] {
  const table = pair.target.name;
  const key = (fk: ForeignKey, side: 'current' | 'target'): string =>
    side === 'current' ? linkKey(fk, context.columnName, table) : linkKey(fk, (_t, c) => c, table);
  const unmatched = [...pair.current.foreignKeys];
  const take = (predicate: (fk: ForeignKey) => boolean): ForeignKey | undefined => {
    const i = unmatched.findIndex(predicate);
    return i < 0 ? undefined : unmatched.splice(i, 1)[0];
  };
  // Exact matches first, so that of two keys with the same link the unchanged one is never reported as changed.
  const rest = pair.target.foreignKeys.filter(
    (to) => !take((from) => key(from, 'current') === key(to, 'target') && behaviourChanges(from, to).length === 0),
  );
  const drops: Op[] = [];
  const creates: Op[] = [];
  for (const to of rest) {
    const from = take((fk) => key(fk, 'current') === key(to, 'target'));
    if (from) {
      context.log(`Detected changed foreign key on '${table}' ${describeTarget(to)}: ${behaviourChanges(from, to).join(', ')}`);
      drops.push({ kind: 'dropForeignKey', table, existing: from });
    } else {
      context.log(`Detected added foreign key on '${table}' ${describeTarget(to)}`);
    }
    creates.push({ kind: 'createForeignKey', table, foreignKey: to });
  }
  for (const from of unmatched) {
    context.log(`Detected removed foreign key on '${table}' ${describeTarget(from)}`);
    drops.push({ kind: 'dropForeignKey', table, existing: from });
  }
  return [...drops, ...creates];
}
