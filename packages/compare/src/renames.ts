import type { Schema, Table } from '@autogen/schema';

/**
 * Renames the user accepted (from `--rename` or the `renames` config entry). Renames are never guessed: without
 * an entry here a disappeared table or column is a drop and an appeared one an add.
 */
export interface RenameMap {
  /** Old table name → new table name. */
  readonly tables?: Readonly<Record<string, string>>;
  /** `'<table>.<old column>'` → new column name, where `<table>` is the table's name in the target schema. */
  readonly columns?: Readonly<Record<string, string>>;
}

function renameSyntaxError(entry: string, why: string): Error {
  return new Error(
    `invalid rename "${entry}": ${why}. Expected "old_table=new_table" or "table.old_column=new_column".`,
  );
}

/** Adds `key → value`, refusing a second, different target for `key` and a second source for `value` in the same scope. */
function put(map: Record<string, string>, key: string, value: string, entry: string, scope: (key: string) => string): void {
  const previous = map[key];
  if (previous !== undefined && previous !== value) {
    throw renameSyntaxError(entry, `"${key}" is already renamed to "${previous}"`);
  }
  const clash = Object.entries(map).find(([k, v]) => v === value && k !== key && scope(k) === scope(key));
  if (clash) throw renameSyntaxError(entry, `"${clash[0]}" is already renamed to "${value}"`);
  map[key] = value;
}

/**
 * Parses rename entries: `'users.fullname=full_name'` renames a column (the table is its target name; the right
 * side may repeat it, `users.fullname=users.full_name`), `'old_table=new_table'` renames a table.
 *
 * @throws Error naming the entry when it is malformed, renames something to itself, or conflicts with another.
 */
export function parseRenames(entries: ReadonlyArray<string>): RenameMap {
  const tables: Record<string, string> = {};
  const columns: Record<string, string> = {};
  for (const entry of entries) {
    const parts = entry.split('=');
    if (parts.length !== 2) throw renameSyntaxError(entry, 'it needs exactly one "="');
    const left = (parts[0] as string).trim();
    const right = (parts[1] as string).trim();
    if (!left || !right) throw renameSyntaxError(entry, 'both sides of "=" must be names');
    const dot = left.lastIndexOf('.');
    if (dot < 0) {
      if (right.includes('.')) throw renameSyntaxError(entry, 'a table cannot be renamed to a column');
      if (left === right) throw renameSyntaxError(entry, 'the old and new names are the same');
      put(tables, left, right, entry, () => '');
      continue;
    }
    const table = left.slice(0, dot);
    const column = left.slice(dot + 1);
    if (!table || !column) throw renameSyntaxError(entry, 'the table and the column must both be named');
    let to = right;
    if (right.includes('.')) {
      if (!right.startsWith(`${table}.`)) throw renameSyntaxError(entry, 'a column can only be renamed within its table');
      to = right.slice(table.length + 1);
      if (!to || to.includes('.')) throw renameSyntaxError(entry, 'the new column name is missing or has a "."');
    }
    if (column === to) throw renameSyntaxError(entry, 'the old and new names are the same');
    put(columns, `${table}.${column}`, to, entry, (k) => k.slice(0, k.lastIndexOf('.')));
  }
  return { tables, columns };
}

/** A table rename that applies to the two schemas being compared. */
export interface TableRename {
  readonly from: string;
  readonly to: string;
}

/**
 * The accepted renames that apply to this comparison: both names exist on their own side only. An entry whose
 * rename is already done (the new name is in the database, the old one is not) is skipped silently, since config
 * entries outlive the revision that used them; any other entry that does not apply is skipped with a log line.
 */
export interface ResolvedRenames {
  /** Table renames, ordered by old name. */
  readonly tables: ReadonlyArray<TableRename>;
  /** The target name of a current table. */
  tableName(current: string): string;
  /** The target name of column `column` of the current table whose target name is `table`. */
  columnName(table: string, column: string): string;
}

function resolveTableRenames(current: Schema, target: Schema, map: RenameMap, log: (line: string) => void): TableRename[] {
  const inCurrent = new Set(current.tables.map((t) => t.name));
  const inTarget = new Set(target.tables.map((t) => t.name));
  const renames: TableRename[] = [];
  for (const [from, to] of Object.entries(map.tables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (inCurrent.has(from) && inTarget.has(to) && !inTarget.has(from) && !inCurrent.has(to)) renames.push({ from, to });
    else if (!(inCurrent.has(to) && !inCurrent.has(from))) {
      log(`Ignored rename of table '${from}' to '${to}': it needs '${from}' only in the database and '${to}' only in the models`);
    }
  }
  return renames;
}

function resolveColumnRenames(
  current: Schema,
  target: Schema,
  map: RenameMap,
  tableName: (current: string) => string,
  log: (line: string) => void,
): Map<string, Map<string, string>> {
  const resolved = new Map<string, Map<string, string>>();
  const currentByTarget = new Map(current.tables.map((t) => [tableName(t.name), t]));
  for (const [key, to] of Object.entries(map.columns ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const dot = key.lastIndexOf('.');
    const table = key.slice(0, dot);
    const from = key.slice(dot + 1);
    const currentTable = currentByTarget.get(table);
    const targetTable = target.tables.find((t) => t.name === table);
    const has = (t: Table | undefined, c: string): boolean => !!t && t.columns.some((x) => x.name === c);
    if (has(currentTable, from) && has(targetTable, to) && !has(targetTable, from) && !has(currentTable, to)) {
      const forTable = resolved.get(table) ?? new Map<string, string>();
      forTable.set(from, to);
      resolved.set(table, forTable);
    } else if (!(has(currentTable, to) && !has(currentTable, from))) {
      log(
        `Ignored rename of column '${table}.${from}' to '${to}': it needs '${from}' only in the database and '${to}' only in the models`,
      );
    }
  }
  return resolved;
}

/** Checks the accepted renames against both schemas (see {@link ResolvedRenames}). */
export function resolveRenames(current: Schema, target: Schema, map: RenameMap, log: (line: string) => void): ResolvedRenames {
  const tables = resolveTableRenames(current, target, map, log);
  const tableMap = new Map(tables.map((r) => [r.from, r.to]));
  const tableName = (name: string): string => tableMap.get(name) ?? name;
  const columns = resolveColumnRenames(current, target, map, tableName, log);
  return {
    tables,
    tableName,
    columnName: (table, column) => columns.get(table)?.get(column) ?? column,
  };
}

/**
 * The current schema as it is once the table renames have run: renamed tables carry their new names, and so do
 * foreign keys referring to them (SQLite and PostgreSQL both update such references on `RENAME TO`,
 * https://www.sqlite.org/lang_altertable.html#altertabrename). Column names are left as they are.
 */
export function applyTableRenames(current: Schema, renames: ResolvedRenames): Schema {
  return {
    tables: current.tables.map((t) => ({
      ...t,
      name: renames.tableName(t.name),
      foreignKeys: t.foreignKeys.map((f) => ({ ...f, referencedTable: renames.tableName(f.referencedTable) })),
    })),
  };
}
