import { tableKey } from '@autogen/schema';
import type { Schema, Table } from '@autogen/schema';
import { referencedKey } from './referenced-key';

/**
 * Renames the user accepted (from `--rename` or the `renames` config entry). Renames are never guessed: without
 * an entry here a disappeared table, column or enum label is a drop and an appeared one an add.
 *
 * Tables are named by key (`tableKey` from @autogen/schema): the bare name in the default schema, `schema.name`
 * in another one. A `columns` entry `'<prefix>.<old>'` → `'<new>'` (the prefix is everything before the last
 * dot) is read, against the two schemas being compared, as the first of these that fits:
 * 1. an **enum label** rename when `<prefix>` is the key of an enum type on both sides (`mood.sad` → `unhappy`):
 *    PostgreSQL cannot tell a renamed label from a removed one and an added one, so only such an entry makes
 *    `alterEnum` rename it (keeping the rows that hold it) instead of removing it;
 * 2. a **table** rename inside schema `<prefix>` when `<prefix>.<old>` is a table key of the database and
 *    `<prefix>.<new>` one of the models (`sales.orders` → `purchases`, written `sales.orders=sales.purchases`);
 * 3. otherwise a **column** rename of the table whose key in the models is `<prefix>`.
 * Enum types and tables share one namespace in PostgreSQL, so the first two never compete.
 */
export interface RenameMap {
  /** Old table key → new table key. */
  readonly tables?: Readonly<Record<string, string>>;
  /**
   * `'<table>.<old column>'` → new column name, where `<table>` is the table's key in the target schema; see
   * {@link RenameMap} for entries naming an enum label or a table in another schema.
   */
  readonly columns?: Readonly<Record<string, string>>;
}

function renameSyntaxError(entry: string, why: string): Error {
  return new Error(
    `invalid rename "${entry}": ${why}. Expected "old_table=new_table" or "table.old_column=new_column" ` +
      '(also "schema.old_table=schema.new_table" for a table outside the default schema, "enum.old_label=new_label" for an enum label).',
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
 * Parses rename entries: `'old_table=new_table'` renames a table; `'users.fullname=full_name'` renames a column
 * (the left side is split at its last dot, so `'sales.orders.ref=reference'` renames a column of `sales.orders`;
 * the right side may repeat the prefix, `users.fullname=users.full_name`). The same dotted form also renames a
 * table in another schema (`sales.orders=sales.purchases`) or an enum label (`mood.sad=unhappy`): which one an
 * entry means is decided against the schemas being compared (see {@link RenameMap}), so a dotted entry is
 * returned in `columns`.
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

/** A table rename that applies to the two schemas being compared (keys; `to` is the target table). */
export interface TableRename {
  readonly from: string;
  readonly to: string;
  /** The renamed table in the target schema (its `schema` and `name` replace the current ones). */
  readonly target: Table;
}

/**
 * The accepted renames that apply to this comparison: both names exist on their own side only. An entry whose
 * rename is already done (the new name is in the database, the old one is not) is skipped silently, since config
 * entries outlive the revision that used them; any other entry that does not apply is skipped with a log line.
 */
export interface ResolvedRenames {
  /** Table renames, ordered by old key. */
  readonly tables: ReadonlyArray<TableRename>;
  /** The target key of a current table key. */
  tableName(current: string): string;
  /** The target name of column `column` of the current table whose target key is `table`. */
  columnName(table: string, column: string): string;
  /** The accepted label renames (old → new) of the enum with key `enumKey`; undefined for none. */
  enumLabels(enumKey: string): Readonly<Record<string, string>> | undefined;
}

const byEntryKey = ([a]: readonly [string, string], [b]: readonly [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);

/** Splits a dotted `columns` entry key at its last dot. */
function splitEntry(key: string): { readonly prefix: string; readonly old: string } {
  const dot = key.lastIndexOf('.');
  return { prefix: key.slice(0, dot), old: key.slice(dot + 1) };
}

/** The entries of a {@link RenameMap}, sorted, by what they rename. */
interface ClassifiedEntries {
  readonly enumLabels: ReadonlyArray<readonly [string, string]>;
  readonly tables: ReadonlyArray<readonly [string, string]>;
  readonly columns: ReadonlyArray<readonly [string, string]>;
}

/** The `columns` entries split into enum-label, table and column renames (see {@link RenameMap}), plus `tables`. */
function classifyEntries(current: Schema, target: Schema, map: RenameMap): ClassifiedEntries {
  const enumKeys = new Set((current.enums ?? []).map(tableKey).filter((k) => (target.enums ?? []).some((e) => tableKey(e) === k)));
  const currentTables = new Set(current.tables.map(tableKey));
  const targetTables = new Set(target.tables.map(tableKey));
  const enumLabels: [string, string][] = [];
  const tables: [string, string][] = Object.entries(map.tables ?? {});
  const columns: [string, string][] = [];
  for (const [key, to] of Object.entries(map.columns ?? {}).sort(byEntryKey)) {
    const { prefix } = splitEntry(key);
    const renamedTable = `${prefix}.${to}`;
    if (enumKeys.has(prefix)) enumLabels.push([key, to]);
    // A table rename already applied (only the new key in the database) stays a table entry, skipped silently.
    else if (targetTables.has(renamedTable) && (currentTables.has(key) || currentTables.has(renamedTable))) tables.push([key, renamedTable]);
    else columns.push([key, to]);
  }
  return { enumLabels, tables: tables.sort(byEntryKey), columns };
}

function resolveTableRenames(
  current: Schema,
  target: Schema,
  entries: ReadonlyArray<readonly [string, string]>,
  log: (line: string) => void,
): TableRename[] {
  const inCurrent = new Set(current.tables.map(tableKey));
  const targetByKey = new Map(target.tables.map((t) => [tableKey(t), t]));
  const renames: TableRename[] = [];
  for (const [from, to] of entries) {
    const targetTable = targetByKey.get(to);
    if (inCurrent.has(from) && targetTable && !targetByKey.has(from) && !inCurrent.has(to)) renames.push({ from, to, target: targetTable });
    else if (!(inCurrent.has(to) && !inCurrent.has(from))) {
      log(`Ignored rename of table '${from}' to '${to}': it needs '${from}' only in the database and '${to}' only in the models`);
    }
  }
  return renames;
}

function resolveColumnRenames(
  current: Schema,
  target: Schema,
  entries: ReadonlyArray<readonly [string, string]>,
  tableName: (current: string) => string,
  log: (line: string) => void,
): Map<string, Map<string, string>> {
  const resolved = new Map<string, Map<string, string>>();
  const currentByTarget = new Map(current.tables.map((t) => [tableName(tableKey(t)), t]));
  for (const [key, to] of entries) {
    const { prefix: table, old: from } = splitEntry(key);
    const currentTable = currentByTarget.get(table);
    const targetTable = target.tables.find((t) => tableKey(t) === table);
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

/**
 * Enum label renames: the old label only in the database's labels, the new one only in the models'. As for
 * columns, an entry already applied is skipped silently and any other misfit with a log line.
 */
function resolveEnumLabelRenames(
  current: Schema,
  target: Schema,
  entries: ReadonlyArray<readonly [string, string]>,
  log: (line: string) => void,
): Map<string, Record<string, string>> {
  const resolved = new Map<string, Record<string, string>>();
  const labels = (schema: Schema, key: string): ReadonlyArray<string> => schema.enums?.find((e) => tableKey(e) === key)?.values ?? [];
  for (const [key, to] of entries) {
    const { prefix: enumKey, old: from } = splitEntry(key);
    const before = labels(current, enumKey);
    const after = labels(target, enumKey);
    if (before.includes(from) && after.includes(to) && !after.includes(from) && !before.includes(to)) {
      resolved.set(enumKey, Object.fromEntries([...Object.entries(resolved.get(enumKey) ?? {}), [from, to]]));
    } else if (!(before.includes(to) && !before.includes(from))) {
      log(`Ignored rename of enum label '${enumKey}.${from}' to '${to}': it needs '${from}' only in the database and '${to}' only in the models`);
    }
  }
  return resolved;
}

/** Checks the accepted renames against both schemas (see {@link ResolvedRenames} and {@link RenameMap}). */
export function resolveRenames(current: Schema, target: Schema, map: RenameMap, log: (line: string) => void): ResolvedRenames {
  const entries = classifyEntries(current, target, map);
  const tables = resolveTableRenames(current, target, entries.tables, log);
  const tableMap = new Map(tables.map((r) => [r.from, r.to]));
  const tableName = (key: string): string => tableMap.get(key) ?? key;
  const columns = resolveColumnRenames(current, target, entries.columns, tableName, log);
  const enumLabels = resolveEnumLabelRenames(current, target, entries.enumLabels, log);
  return {
    tables,
    tableName,
    columnName: (table, column) => columns.get(table)?.get(column) ?? column,
    enumLabels: (enumKey) => enumLabels.get(enumKey),
  };
}

/**
 * The current schema as it is once the table renames have run: renamed tables carry their new key (schema and
 * name), and so do foreign keys referring to them (SQLite and PostgreSQL both update such references on
 * `RENAME TO`, https://www.sqlite.org/lang_altertable.html#altertabrename). Column names are left as they are.
 */
export function applyTableRenames(current: Schema, renames: ResolvedRenames): Schema {
  const byFrom = new Map(renames.tables.map((r) => [r.from, r.target]));
  return {
    ...current,
    tables: current.tables.map((t) => {
      const to = byFrom.get(tableKey(t));
      const { schema: _schema, ...unqualified } = t;
      const table: Table = to ? { ...unqualified, name: to.name, ...(to.schema !== undefined ? { schema: to.schema } : {}) } : t;
      return {
        ...table,
        foreignKeys: t.foreignKeys.map((f) => {
          const referenced = byFrom.get(referencedKey(f));
          if (!referenced) return f;
          const { referencedSchema: _referencedSchema, ...rest } = f;
          return { ...rest, referencedTable: referenced.name, ...(referenced.schema !== undefined ? { referencedSchema: referenced.schema } : {}) };
        }),
      };
    }),
  };
}
