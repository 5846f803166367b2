import type { Table } from '@autogen/schema';

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

function referenced(table: Table): ReadonlyArray<string> {
  return table.foreignKeys.map((f) => f.referencedTable);
}

/** Tables ordered for creation: every table after the tables its foreign keys refer to (cycles broken by name). */
export function parentsFirst(tables: ReadonlyArray<Table>): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  return orderByDependencies([...byName.keys()], (n) => referenced(byName.get(n) as Table)).map((n) => byName.get(n) as Table);
}

/** Tables ordered for dropping: every table before the tables its foreign keys refer to (cycles broken by name). */
export function childrenFirst(tables: ReadonlyArray<Table>): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const referrers = (name: string): ReadonlyArray<string> =>
    tables.filter((t) => t.name !== name && referenced(t).includes(name)).map((t) => t.name);
  return orderByDependencies([...byName.keys()], referrers).map((n) => byName.get(n) as Table);
}
