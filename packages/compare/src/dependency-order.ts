import { tableKey } from '@autogen/schema';
import type { Table } from '@autogen/schema';
import { referencedKey } from './referenced-key';

/**
 * Orders names so each comes after the names it depends on (among those given). Among the names that are ready,
 * the smallest goes first; when none is ready (a cycle) the smallest remaining name goes first, which breaks the
 * cycle deterministically.
 */
function orderByDependencies(names: ReadonlyArray<string>, dependsOn: (name: string) => ReadonlyArray<string>): string[] {
  const remaining = new Set(names);
  const ordered: string[] = [];
  const sorted = [...names].sort();
  while (remaining.size > 0) {
    const ready = sorted.find((n) => remaining.has(n) && dependsOn(n).every((d) => d === n || !remaining.has(d)));
    const next = ready ?? (sorted.find((n) => remaining.has(n)) as string);
    remaining.delete(next);
    ordered.push(next);
  }
  return ordered;
}

/** The keys of the tables `table`'s foreign keys refer to. */
function referenced(table: Table): ReadonlyArray<string> {
  return table.foreignKeys.map(referencedKey);
}

/** Tables ordered for creation: every table after the tables its foreign keys refer to (cycles broken by key). */
export function parentsFirst(tables: ReadonlyArray<Table>): Table[] {
  const byKey = new Map(tables.map((t) => [tableKey(t), t]));
  return orderByDependencies([...byKey.keys()], (k) => referenced(byKey.get(k) as Table)).map((k) => byKey.get(k) as Table);
}

/** Tables ordered for dropping: every table before the tables its foreign keys refer to (cycles broken by key). */
export function childrenFirst(tables: ReadonlyArray<Table>): Table[] {
  const byKey = new Map(tables.map((t) => [tableKey(t), t]));
  const referrers = (key: string): ReadonlyArray<string> =>
    tables.filter((t) => tableKey(t) !== key && referenced(t).includes(key)).map(tableKey);
  return orderByDependencies([...byKey.keys()], referrers).map((k) => byKey.get(k) as Table);
}
