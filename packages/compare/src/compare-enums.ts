import type { AlterEnumOp, CreateEnumOp, DropEnumOp, EnumUsage } from '@autogen/ops';
import { tableKey } from '@autogen/schema';
import type { EnumType, Schema } from '@autogen/schema';
import { sameList } from './equality';
import type { ResolvedRenames } from './renames';

/** How the enum types of the two schemas correspond, by key (`name`, or `schema.name`); every list in key order. */
export interface EnumMatch {
  /** Enum types only in the target. */
  readonly added: ReadonlyArray<EnumType>;
  /** Enum types only in the database. */
  readonly removed: ReadonlyArray<EnumType>;
  /** Enum types on both sides whose labels (or their order) differ. */
  readonly changed: ReadonlyArray<{ readonly from: EnumType; readonly to: EnumType }>;
}

const byKey = (a: EnumType, b: EnumType): number => (tableKey(a) < tableKey(b) ? -1 : tableKey(a) > tableKey(b) ? 1 : 0);

/** Pairs enum types by key; identical label lists (same labels, same order) are no change. */
export function matchEnums(current: Schema, target: Schema): EnumMatch {
  const currentByKey = new Map((current.enums ?? []).map((e) => [tableKey(e), e]));
  const targetKeys = new Set((target.enums ?? []).map(tableKey));
  const targetEnums = [...(target.enums ?? [])].sort(byKey);
  const changed: { from: EnumType; to: EnumType }[] = [];
  for (const to of targetEnums) {
    const from = currentByKey.get(tableKey(to));
    if (from && !sameList(from.values, to.values)) changed.push({ from, to });
  }
  return {
    added: targetEnums.filter((e) => !currentByKey.has(tableKey(e))),
    removed: [...(current.enums ?? [])].filter((e) => !targetKeys.has(tableKey(e))).sort(byKey),
    changed,
  };
}

const labelList = (labels: ReadonlyArray<string>): string => `(${labels.map((l) => `'${l.replace(/'/g, "''")}'`).join(', ')})`;

/** `createEnum` ops for the added enum types (they run before `createTable`, whose columns may use them). */
export function createEnumOps(match: EnumMatch, log: (line: string) => void): CreateEnumOp[] {
  return match.added.map((enumType) => {
    log(`Detected added enum '${tableKey(enumType)}' ${labelList(enumType.values)}`);
    return { kind: 'createEnum', enum: enumType };
  });
}

/**
 * `alterEnum` ops for the changed enum types. A label in the database but not in the models is removed, unless
 * the user accepted a rename of it (`mood.sad=unhappy`, see `RenameMap`): PostgreSQL cannot tell a rename from a
 * removal and an addition, and only a rename keeps the rows that hold the label. `usages` lists every column of
 * `current` (the database after table renames, so tables carry the keys they have when the op runs) whose
 * normalized type name is the enum's key, with its default, in table-key then column order.
 */
export function alterEnumOps(match: EnumMatch, current: Schema, renames: ResolvedRenames, log: (line: string) => void): AlterEnumOp[] {
  return match.changed.map(({ from, to }) => {
    const name = tableKey(to);
    const labelRenames = renames.enumLabels(name);
    const renamed = labelRenames ? Object.entries(labelRenames).map(([old, label]) => `, renamed '${old}' -> '${label}'`).join('') : '';
    log(`Detected changed enum '${name}': ${labelList(from.values)} -> ${labelList(to.values)}${renamed}`);
    return {
      kind: 'alterEnum',
      name,
      from: from.values,
      to: to.values,
      ...(labelRenames ? { renames: labelRenames } : {}),
      usages: enumUsages(current, name),
    };
  });
}

/** The columns of `schema` whose type is the enum `enumKey` (type name equal to the key). */
export function enumUsages(schema: Schema, enumKey: string): ReadonlyArray<EnumUsage> {
  return [...schema.tables]
    .sort((a, b) => (tableKey(a) < tableKey(b) ? -1 : tableKey(a) > tableKey(b) ? 1 : 0))
    .flatMap((table) =>
      table.columns
        .filter((column) => column.type.name === enumKey)
        .map((column) => ({ table: tableKey(table), column: column.name, ...(column.default ? { default: column.default } : {}) })),
    );
}

/** `dropEnum` ops for the removed enum types (they run after `dropTable`, whose columns may use them). */
export function dropEnumOps(match: EnumMatch, log: (line: string) => void): DropEnumOp[] {
  return match.removed.map((enumType) => {
    log(`Detected removed enum '${tableKey(enumType)}'`);
    return { kind: 'dropEnum', existing: enumType };
  });
}
