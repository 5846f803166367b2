/**
 * fast-check arbitrary of one generated round-trip case: a valid `current` schema, rows that satisfy its
 * constraints, and a `target` schema reached from it by random changes (with the renames the user would accept).
 * Every change is one the data allows (a new NOT NULL column gets a default, a new unique constraint goes on a
 * column whose rows differ, a type change keeps every value), so any failure is autogen's, not the data's.
 *
 * Built with `fc.gen()`: values are drawn one after the other, each shrinking toward 0 (fewer tables, fewer
 * columns, fewer changes, plain names), so a failing case shrinks to a small schema pair.
 */
import fc from 'fast-check';
import type { DefaultValue, DialectName, ForeignKeyAction, NamingConvention } from '@autogen/schema';
import { columnKind, columnKinds, safeTypeChanges, type CellValue } from './column-kinds';
import {
  cloneGenSchema,
  columnOf,
  isStructural,
  removeColumnUses,
  type GenColumn,
  type GenEnum,
  type GenSchema,
  type GenTable,
} from './generated-schema';

/** Rows of one table: column uid → value. */
export type GenRow = Record<number, CellValue>;

/** One generated case. */
export interface RoundTripCase {
  readonly dialect: DialectName;
  readonly current: GenSchema;
  /** Rows of the current schema, by table uid. */
  readonly rows: Readonly<Record<number, ReadonlyArray<GenRow>>>;
  readonly target: GenSchema;
  /** Renames the user accepts (`--rename` entries). */
  readonly renames: ReadonlyArray<string>;
  /** What changed, in words (for the failure report). */
  readonly changes: ReadonlyArray<string>;
  /** The project's naming convention, when the case uses one. */
  readonly namingConvention?: NamingConvention;
}

/** The convention some cases use: Alembic's recommended one, for keys, uniques and foreign keys. */
const CONVENTION: NamingConvention = {
  pk: 'pk_%(table_name)s',
  uq: 'uq_%(table_name)s_%(column_0_N_name)s',
  fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
};

type Gen = fc.GeneratorValue;

const ACTIONS: ReadonlyArray<ForeignKeyAction> = ['no action', 'cascade', 'set null', 'restrict', 'set default'];

/** Table names: plain ones first (what shrinking reaches), then reserved words, quotes, unicode, spaces. */
const TABLE_NAMES = ['t', 'orders', 'select', 'Mixed Case', 'qu"ote', 'semi;colon', 'tæble', '表', 'order', "it's"];
/** Column names, likewise. */
const COLUMN_NAMES = ['c', 'value', 'from', 'Col Name', 'co"l', 'x;y', 'ñame', '列', 'group', "o'k"];
/** Comments: quotes, backslashes, `$$`, comment markers, a newline. */
const COMMENTS = ['plain comment', "it's", 'back\\slash', '$$ dollar $$', '*/ closes /*', 'two\nlines', '“curly”'];

class Draw {
  #uid = 1;
  #names = new Map<string, number>();
  constructor(readonly g: Gen, readonly dialect: DialectName) {}

  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }
  /** True with probability `percent`/100; shrinks to false. */
  chance(percent: number): boolean {
    return this.int(0, 99) >= 100 - percent;
  }
  pick<T>(items: ReadonlyArray<T>): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  uid(): number {
    return this.#uid++;
  }
  /** A name from `pool` (plain ones more likely), made unique with a numeric suffix. */
  name(pool: ReadonlyArray<string>, prefix: string): string {
    const base = this.chance(25) ? this.pick(pool) : pool[0] as string;
    const key = `${prefix}:${base}`;
    const n = (this.#names.get(key) ?? 0) + 1;
    this.#names.set(key, n);
    return `${base}${n}`;
  }
  /** Index names share one namespace per database (SQLite: with tables too). */
  indexName(): string {
    return `ix_${this.uid()}`;
  }
}

function newColumn(d: Draw, schema: GenSchema, options: { mustAllowRows: boolean }): GenColumn {
  const kinds = columnKinds(d.dialect);
  const useEnum = d.dialect === 'postgresql' && d.chance(10);
  const column: GenColumn = { uid: d.uid(), name: d.name(COLUMN_NAMES, 'column'), kind: useEnum ? 'enum' : d.pick(kinds).name, nullable: d.chance(60) ? true : false, distinct: d.chance(40) };
  if (useEnum) {
    const existing = schema.enums.length && d.chance(50) ? d.pick(schema.enums) : undefined;
    const type = existing ?? newEnum(d, schema);
    column.enumUid = type.uid;
    if (d.chance(30)) column.default = { kind: 'literal', value: type.labels[0] as string };
  } else {
    const kind = columnKind(d.dialect, column.kind);
    if (kind.defaults.length && d.chance(35)) column.default = d.pick(kind.defaults);
  }
  // A NOT NULL column added to a table that has rows needs a default to fill them.
  if (options.mustAllowRows && !column.nullable && !column.default) column.nullable = true;
  if (d.chance(15)) column.comment = d.pick(COMMENTS);
  return column;
}

function newEnum(d: Draw, schema: GenSchema): GenEnum {
  const count = d.int(1, 4);
  const labels = ['a', "it's", 'Ü', 'with space', 'z'].slice(0, count + 1);
  const type: GenEnum = { uid: d.uid(), name: `mood_${d.uid()}`, labels };
  schema.enums.push(type);
  return type;
}

/** Tables with a single-column integer key: what a generated foreign key can point at. */
function keyedTables(schema: GenSchema): GenTable[] {
  return schema.tables.filter((t) => t.primaryKey.length === 1 && columnOf(t, t.primaryKey[0] as number).kind === 'integer');
}

function newForeignKeyColumn(d: Draw, schema: GenSchema, table: GenTable, parent: GenTable): GenColumn {
  const column: GenColumn = { uid: d.uid(), name: d.name(COLUMN_NAMES, 'column') + '_ref', kind: 'integer', nullable: true, distinct: false };
  table.columns.push(column);
  table.foreignKeys.push({
    column: column.uid,
    parent: parent.uid,
    onDelete: d.pick(ACTIONS),
    onUpdate: d.pick(ACTIONS),
    ...(d.chance(15) ? { deferred: true } : {}),
  });
  return column;
}

function newTable(d: Draw, schema: GenSchema, withRows: boolean): GenTable {
  const table: GenTable = { uid: d.uid(), name: d.name(TABLE_NAMES, 'table'), columns: [], primaryKey: [], foreignKeys: [], indexes: [], uniques: [], checks: [] };
  const keyStyle = d.chance(20) ? (d.chance(50) ? 'composite' : 'none') : 'id';
  if (keyStyle === 'id') {
    const id: GenColumn = { uid: d.uid(), name: 'id', kind: 'integer', nullable: false, distinct: true };
    if (d.dialect === 'postgresql' && d.chance(25)) id.identity = 'by default';
    if (d.dialect === 'sqlite' && d.chance(15)) id.autoincrement = true;
    table.columns.push(id);
    table.primaryKey = [id.uid];
  } else if (keyStyle === 'composite') {
    const first: GenColumn = { uid: d.uid(), name: 'k1', kind: 'integer', nullable: false, distinct: true };
    const second: GenColumn = { uid: d.uid(), name: 'k2', kind: 'text', nullable: false, distinct: true };
    table.columns.push(first, second);
    table.primaryKey = [first.uid, second.uid];
  }
  for (let i = d.int(table.columns.length ? 0 : 1, 4); i > 0; i--) table.columns.push(newColumn(d, schema, { mustAllowRows: withRows }));
  if (d.dialect === 'postgresql' && d.chance(20)) table.comment = d.pick(COMMENTS);
  schema.tables.push(table);
  for (let i = d.int(0, 2); i > 0; i--) addIndexLike(d, table);
  return table;
}

/** Adds a random index, unique index, unique constraint or check to `table` (only what its rows allow). */
function addIndexLike(d: Draw, table: GenTable): string | undefined {
  const candidates = table.columns.filter((c) => c.kind !== 'enum' && columnKind(d.dialect, c.kind).keyable);
  const distinct = candidates.filter((c) => c.distinct);
  const choice = d.int(0, 3);
  if (choice === 0 && candidates.length) {
    const columns = [d.pick(candidates)];
    if (candidates.length > 1 && d.chance(30)) columns.push(d.pick(candidates.filter((c) => c !== columns[0])));
    const lowerable = columns[0]?.kind === 'text' || columns[0]?.kind === 'varchar';
    const parts = columns.map((c, i) => (i === 0 && lowerable && d.chance(30) ? { lower: c.uid } : { column: c.uid, ...(d.chance(25) ? { descending: true } : {}) }));
    const partial = columns[0]?.nullable && d.chance(30) ? { whereNotNull: columns[0].uid } : {};
    const name = d.indexName();
    table.indexes.push({ name, parts, unique: false, ...partial });
    return `index ${name} on ${table.name}`;
  }
  if (choice === 1 && distinct.length) {
    const column = d.pick(distinct);
    const name = d.indexName();
    if (table.uniques.some((u) => u.length === 1 && u[0] === column.uid)) return undefined;
    table.indexes.push({ name, parts: [{ column: column.uid }], unique: true });
    return `unique index ${name} on ${table.name}.${column.name}`;
  }
  if (choice === 2 && distinct.length) {
    const column = d.pick(distinct);
    const taken = table.uniques.some((u) => u.length === 1 && u[0] === column.uid) || table.indexes.some((ix) => ix.unique && ix.parts.length === 1 && 'column' in (ix.parts[0] as object) && (ix.parts[0] as { column: number }).column === column.uid);
    if (taken || table.primaryKey.length === 1 && table.primaryKey[0] === column.uid) return undefined;
    table.uniques.push([column.uid]);
    return `unique ${table.name}.${column.name}`;
  }
  const checkable = table.columns.filter((c) => c.kind !== 'enum' && columnKind(d.dialect, c.kind).check && !table.checks.includes(c.uid));
  if (choice === 3 && checkable.length) {
    const column = d.pick(checkable);
    table.checks.push(column.uid);
    return `check on ${table.name}.${column.name}`;
  }
  return undefined;
}

/** Rows for every table of `schema`, satisfying its keys, uniques, checks, NOT NULLs and foreign keys. */
function generateRows(d: Draw, schema: GenSchema): Record<number, GenRow[]> {
  const counts = new Map(schema.tables.map((t) => [t.uid, d.int(0, 4)]));
  const rows: Record<number, GenRow[]> = {};
  for (const table of schema.tables) {
    const list: GenRow[] = [];
    const count = counts.get(table.uid) ?? 0;
    // One seed per column: a distinct column's values then differ by row number alone.
    const seeds = new Map(table.columns.map((column) => [column.uid, d.int(0, 1000)]));
    for (let i = 0; i < count; i++) {
      const row: GenRow = {};
      for (const column of table.columns) {
        const fk = table.foreignKeys.find((f) => f.column === column.uid);
        if (fk) {
          const parentRows = counts.get(fk.parent) ?? 0;
          row[column.uid] = parentRows && d.chance(70) ? d.int(1, parentRows) : null;
          continue;
        }
        if (table.primaryKey.length === 1 && table.primaryKey[0] === column.uid) {
          row[column.uid] = i + 1;
          continue;
        }
        if (column.nullable && !table.primaryKey.includes(column.uid) && d.chance(25)) {
          row[column.uid] = null;
          continue;
        }
        if (column.kind === 'enum') {
          const type = schema.enums.find((e) => e.uid === column.enumUid) as GenEnum;
          row[column.uid] = type.labels[d.int(0, type.labels.length - 1)] as string;
          continue;
        }
        row[column.uid] = columnKind(d.dialect, column.kind).value(column.distinct ? i : d.int(0, 2), seeds.get(column.uid) ?? 0);
      }
      list.push(row);
    }
    rows[table.uid] = list;
  }
  return rows;
}

/** One random change to `target`; returns its description, or undefined when the drawn change did not apply. */
function mutate(d: Draw, current: GenSchema, target: GenSchema, rows: Record<number, ReadonlyArray<GenRow>>): string | undefined {
  const postgres = d.dialect === 'postgresql';
  const hasRows = (table: GenTable): boolean => (rows[table.uid]?.length ?? 0) > 0;
  const valuesOf = (table: GenTable, uid: number): CellValue[] => (rows[table.uid] ?? []).map((r) => (uid in r ? (r[uid] as CellValue) : null));
  if (target.tables.length === 0) {
    const table = newTable(d, target, false);
    return `add table ${table.name}`;
  }
  const table = d.pick(target.tables);
  const change = d.int(0, 18);
  switch (change) {
    case 0: {
      const added = newTable(d, target, false);
      const parents = keyedTables(target);
      if (parents.length && d.chance(60)) newForeignKeyColumn(d, target, added, d.pick(parents));
      return `add table ${added.name}`;
    }
    case 1: {
      // Dropping every table is refused by design (models that were never imported look the same).
      if (target.tables.length === 1) return undefined;
      // A downgrade recreates a dropped table empty: rows of other tables that referenced its rows could not get
      // their foreign key back (any tool's downgrade fails there), so such tables are not dropped.
      const referenced = target.tables.some((other) => other !== table && other.foreignKeys.some((fk) => fk.parent === table.uid && valuesOf(other, fk.column).some((v) => v !== null)));
      if (referenced) return undefined;
      target.tables = target.tables.filter((t) => t !== table);
      for (const other of target.tables) other.foreignKeys = other.foreignKeys.filter((fk) => fk.parent !== table.uid);
      return `drop table ${table.name}`;
    }
    case 2: {
      const from = table.name;
      table.name = d.name(TABLE_NAMES, 'table');
      return `rename table ${from} to ${table.name}`;
    }
    case 3: {
      const parents = keyedTables(target);
      if (parents.length && d.chance(30)) {
        const parent = d.pick(parents);
        const column = newForeignKeyColumn(d, target, table, parent);
        return `add column ${table.name}.${column.name} referencing ${parent.name}`;
      }
      const column = newColumn(d, target, { mustAllowRows: hasRows(table) });
      // A new column has no rows to tell apart: it cannot take a unique constraint later in this case.
      column.distinct = false;
      table.columns.push(column);
      return `add column ${table.name}.${column.name}`;
    }
    case 4: {
      // A dropped NOT NULL column without a default cannot come back on a table with rows: the downgrade has no
      // values to put in it (any tool's downgrade fails there), so the generator leaves those alone.
      // Likewise a column under a unique constraint or index that has a default: the downgrade fills every row with
      // that one default and the unique constraint then fails.
      const rowCount = rows[table.uid]?.length ?? 0;
      // (the unique comes back with the downgrade even when an earlier change dropped it: look at both schemas).
      const before = current.tables.find((t) => t.uid === table.uid);
      const inUnique = (uid: number): boolean =>
        [table, ...(before ? [before] : [])].some(
          (t) => t.uniques.some((u) => u.includes(uid)) || t.indexes.some((ix) => ix.unique && ix.parts.some((p) => ('column' in p ? p.column : p.lower) === uid)),
        );
      const droppable = table.columns.filter(
        (c) => !isStructural(table, c.uid) && (c.nullable || c.default || rowCount === 0) && !(c.default && rowCount > 1 && inUnique(c.uid)),
      );
      if (!droppable.length || table.columns.length === 1) return undefined;
      const column = d.pick(droppable);
      removeColumnUses(table, column.uid);
      table.columns = table.columns.filter((c) => c !== column);
      return `drop column ${table.name}.${column.name}`;
    }
    case 5: {
      const renamable = table.columns.filter((c) => !table.primaryKey.includes(c.uid));
      if (!renamable.length) return undefined;
      const column = d.pick(renamable);
      const from = column.name;
      column.name = d.name(COLUMN_NAMES, 'column');
      return `rename column ${table.name}.${from} to ${column.name}`;
    }
    case 6: {
      const changeable = table.columns.filter((c) => !isStructural(table, c.uid) && c.kind !== 'enum' && !c.identity && safeTypeChanges(d.dialect, c.kind).length);
      if (!changeable.length) return undefined;
      const column = d.pick(changeable);
      const from = column.kind;
      column.kind = d.pick(safeTypeChanges(d.dialect, from));
      const kind = columnKind(d.dialect, column.kind);
      // The old default and check are written for the old type; the new type gets its own (or none).
      delete column.default;
      if (kind.defaults.length && d.chance(30)) column.default = d.pick(kind.defaults);
      table.checks = table.checks.filter((c) => c !== column.uid);
      if (!kind.keyable) removeColumnUses(table, column.uid);
      if (!(column.kind === 'text' || column.kind === 'varchar')) {
        table.indexes = table.indexes.filter((ix) => !ix.parts.some((p) => 'lower' in p && p.lower === column.uid));
      }
      return `change type of ${table.name}.${column.name} from ${from} to ${column.kind}`;
    }
    case 7: {
      const candidates = table.columns.filter((c) => !table.primaryKey.includes(c.uid) && !c.identity);
      if (!candidates.length) return undefined;
      const column = d.pick(candidates);
      if (column.nullable) {
        if (valuesOf(table, column.uid).some((v) => v === null) || (hasRows(table) && table.foreignKeys.some((fk) => fk.column === column.uid))) return undefined;
        if (table.foreignKeys.some((fk) => fk.column === column.uid && (fk.onDelete === 'set null' || fk.onUpdate === 'set null'))) return undefined;
        column.nullable = false;
        return `make ${table.name}.${column.name} NOT NULL`;
      }
      column.nullable = true;
      return `make ${table.name}.${column.name} nullable`;
    }
    case 8: {
      const candidates = table.columns.filter((c) => !c.identity && !table.foreignKeys.some((fk) => fk.column === c.uid));
      if (!candidates.length) return undefined;
      const column = d.pick(candidates);
      const defaults: ReadonlyArray<DefaultValue> =
        column.kind === 'enum' ? (target.enums.find((e) => e.uid === column.enumUid)?.labels ?? []).map((value) => ({ kind: 'literal' as const, value })) : columnKind(d.dialect, column.kind).defaults;
      const before = column.default;
      if (before && d.chance(50)) delete column.default;
      else if (defaults.length) column.default = d.pick(defaults);
      if (!column.nullable && !column.default && hasRows(table) && !before) return undefined;
      return `change default of ${table.name}.${column.name}`;
    }
    case 9:
      return addIndexLike(d, table);
    case 10: {
      const kinds = [
        ...table.indexes.map((ix) => () => void (table.indexes = table.indexes.filter((x) => x !== ix))),
        ...table.uniques.map((u) => () => void (table.uniques = table.uniques.filter((x) => x !== u))),
        ...table.checks.map((c) => () => void (table.checks = table.checks.filter((x) => x !== c))),
      ];
      if (!kinds.length) return undefined;
      d.pick(kinds)();
      return `drop an index, unique or check of ${table.name}`;
    }
    case 11: {
      if (!table.foreignKeys.length) return undefined;
      const fk = d.pick(table.foreignKeys);
      const column = columnOf(table, fk.column);
      fk.onDelete = d.pick(ACTIONS);
      fk.onUpdate = d.pick(ACTIONS);
      if (!column.nullable && (fk.onDelete === 'set null' || fk.onUpdate === 'set null')) fk.onDelete = fk.onUpdate = 'cascade';
      if (d.chance(20)) fk.deferred = !fk.deferred;
      return `change actions of ${table.name}.${column.name}'s foreign key to ${fk.onDelete}/${fk.onUpdate}`;
    }
    case 12: {
      if (!table.foreignKeys.length) return undefined;
      const fk = d.pick(table.foreignKeys);
      table.foreignKeys = table.foreignKeys.filter((x) => x !== fk);
      return `drop foreign key of ${table.name}.${columnOf(table, fk.column).name}`;
    }
    case 13: {
      if (!postgres) return undefined;
      if (d.chance(50)) {
        const before = table.comment;
        table.comment = before !== undefined && d.chance(40) ? undefined : d.pick(COMMENTS);
        if (table.comment === undefined) delete table.comment;
        return `comment on ${table.name}`;
      }
      const column = d.pick(table.columns.length ? table.columns : [undefined]);
      if (!column) return undefined;
      column.comment = column.comment !== undefined && d.chance(40) ? undefined : d.pick(COMMENTS);
      if (column.comment === undefined) delete column.comment;
      return `comment on ${table.name}.${column.name}`;
    }
    case 14: {
      if (!postgres || !target.enums.length) return undefined;
      const type = d.pick(target.enums);
      const label = `new ${d.uid()}`;
      type.labels.splice(d.int(0, type.labels.length), 0, label);
      return `add label ${label} to ${type.name}`;
    }
    case 15: {
      if (!postgres || !target.enums.length) return undefined;
      const type = d.pick(target.enums);
      if (type.labels.length < 2) return undefined;
      const label = d.pick(type.labels);
      const used = target.tables.some((t) =>
        t.columns.some((c) => c.enumUid === type.uid && (valuesOf(t, c.uid).includes(label) || (c.default?.kind === 'literal' && c.default.value === label))),
      );
      // Rows of dropped tables or columns still hold labels until the upgrade drops them; the current schema's rows count.
      if (used || Object.values(rows).some((list) => list.some((r) => Object.values(r).includes(label)))) return undefined;
      type.labels = type.labels.filter((l) => l !== label);
      return `remove label ${label} from ${type.name}`;
    }
    case 16: {
      // Primary key changes (a SQLite rebuild): drop a composite key no foreign key can point at, or add one on a
      // column whose rows are all present and different.
      if (table.primaryKey.length > 1) {
        table.primaryKey = [];
        return `drop the primary key of ${table.name}`;
      }
      if (table.primaryKey.length === 1) return undefined;
      const candidates = table.columns.filter(
        (c) => c.distinct && c.kind !== 'enum' && columnKind(d.dialect, c.kind).keyable && !valuesOf(table, c.uid).some((v) => v === null) && !table.foreignKeys.some((fk) => fk.column === c.uid),
      );
      if (!candidates.length) return undefined;
      const column = d.pick(candidates);
      column.nullable = false;
      table.primaryKey = [column.uid];
      return `add a primary key on ${table.name}.${column.name}`;
    }
    case 17: {
      // A new nullable column with a unique constraint or a check: nothing in it yet, so both hold.
      const column = newColumn(d, target, { mustAllowRows: true });
      column.nullable = true;
      delete column.default;
      column.distinct = false;
      table.columns.push(column);
      const kind = column.kind === 'enum' ? undefined : columnKind(d.dialect, column.kind);
      if (kind?.check && d.chance(50)) table.checks.push(column.uid);
      else if (kind?.keyable) table.uniques.push([column.uid]);
      return `add column ${table.name}.${column.name} with a unique constraint or check`;
    }
    default: {
      const parents = keyedTables(target);
      if (!parents.length) return undefined;
      const parent = d.pick(parents);
      const column = newForeignKeyColumn(d, target, table, parent);
      return `add foreign key ${table.name}.${column.name} → ${parent.name}`;
    }
  }
}

/** Drops enum types no column uses any more (as an ORM's model would no longer declare them). */
function dropUnusedEnums(schema: GenSchema): void {
  schema.enums = schema.enums.filter((e) => schema.tables.some((t) => t.columns.some((c) => c.enumUid === e.uid)));
}

/** The arbitrary of round-trip cases for `dialect`. */
export function roundTripCaseArbitrary(dialect: DialectName): fc.Arbitrary<RoundTripCase> {
  return fc.gen().map((g) => {
    const d = new Draw(g, dialect);
    const current: GenSchema = { tables: [], enums: [] };
    for (let i = d.int(1, 4); i > 0; i--) newTable(d, current, true);
    // Foreign keys between the tables, cycles and self-references included.
    for (const table of current.tables) {
      const parents = keyedTables(current);
      if (parents.length && d.chance(40)) newForeignKeyColumn(d, current, table, d.pick(parents));
    }
    dropUnusedEnums(current);
    const rows = generateRows(d, current);
    const target = cloneGenSchema(current);
    const changes: string[] = [];
    for (let i = d.int(1, 5); i > 0; i--) {
      const change = mutate(d, current, target, rows);
      if (change) changes.push(change);
    }
    dropUnusedEnums(target);
    const convention = d.chance(20) ? { namingConvention: CONVENTION } : {};
    return { dialect, current, rows, target, renames: acceptedRenames(current, target), changes, ...convention };
  });
}

/**
 * The renames as the user would pass them, read from the uids after all changes: a table renamed twice is one
 * rename, a renamed table's column rename names the table's final name, and dropped tables and columns have none.
 */
function acceptedRenames(current: GenSchema, target: GenSchema): string[] {
  const renames: string[] = [];
  for (const before of current.tables) {
    const after = target.tables.find((t) => t.uid === before.uid);
    if (!after) continue;
    if (after.name !== before.name) renames.push(`${before.name}=${after.name}`);
    for (const column of before.columns) {
      const renamed = after.columns.find((c) => c.uid === column.uid);
      if (renamed && renamed.name !== column.name) renames.push(`${after.name}.${column.name}=${renamed.name}`);
    }
  }
  return renames;
}
