import type { Op } from '@autogen/ops';
import type { ForeignKey } from '@autogen/schema';
import { referencedKey } from './referenced-key';
import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';

/** `(user_id) -> users(id)`, the referenced table by key (`auth.users` outside the default schema). */
function describeTarget(fk: ForeignKey): string {
  return `(${fk.columns.join(', ')}) -> ${referencedKey(fk)}(${fk.referencedColumns.join(', ')})`;
}

/**
 * What the foreign key links; two keys with the same link are the same key, whatever their names. The
 * referenced table is its key (`referencedTable` together with `referencedSchema`).
 */
function linkKey(fk: ForeignKey, columnName: (table: string, column: string) => string, table: string): string {
  const referenced = referencedKey(fk);
  return JSON.stringify([fk.columns.map((c) => columnName(table, c)), referenced, fk.referencedColumns.map((c) => columnName(referenced, c))]);
}

/**
 * When the key is checked: `deferred` (DEFERRABLE INITIALLY DEFERRED; implies deferrable), `deferrable initially
 * immediate` (DEFERRABLE alone, which a transaction can defer with SET CONSTRAINTS), or `not deferred`.
 */
function deferral(fk: ForeignKey): string {
  if (fk.deferred) return 'deferred';
  return fk.deferrable ? 'deferrable initially immediate' : 'not deferred';
}

/** The differences in behaviour between two keys with the same link, empty when none. */
function behaviourChanges(from: ForeignKey, to: ForeignKey): string[] {
  const changes: string[] = [];
  if (from.onDelete !== to.onDelete) changes.push(`on delete ${from.onDelete} -> ${to.onDelete}`);
  if (from.onUpdate !== to.onUpdate) changes.push(`on update ${from.onUpdate} -> ${to.onUpdate}`);
  if (deferral(from) !== deferral(to)) changes.push(`${deferral(from)} -> ${deferral(to)}`);
  return changes;
}

/**
 * Foreign key ops of one table. Keys are matched by what they do: their columns, the table they refer to (by key,
 * after table renames) and its columns (after column renames). A matched key whose actions or deferral
 * (deferrable, initially deferred) differ is replaced (`dropForeignKey` + `createForeignKey`); a name difference
 * alone is never a change.
 */
export function compareForeignKeys(pair: TablePair, context: CompareContext): Op[] {
  const table = pairKey(pair);
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
