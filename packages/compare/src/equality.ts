import type { ColumnChange } from '@autogen/ops';
import type { Column, ColumnType, DefaultValue } from '@autogen/schema';

/**
 * Equality rules the comparators share. Both schemas are normalized by the dialect first, so these compare the
 * canonical forms only (never `type.raw`, which keeps each side's own spelling).
 */

/** Same normalized type name and arguments; the raw spelling is ignored. */
export function sameType(a: ColumnType, b: ColumnType): boolean {
  return a.name === b.name && sameList(a.args, b.args);
}

/** Deep equality of two defaults; absent equals absent only. */
export function sameDefault(a: DefaultValue | undefined, b: DefaultValue | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'sql') return b.kind === 'sql' && a.expr === b.expr;
  return b.kind === 'literal' && a.value === b.value;
}

/**
 * Collations compare case-insensitively, and no collation means `BINARY`, SQLite's default
 * (https://www.sqlite.org/datatype3.html#collating_sequences).
 */
export function sameCollation(a: string | undefined, b: string | undefined): boolean {
  return (a ?? 'BINARY').toUpperCase() === (b ?? 'BINARY').toUpperCase();
}

/** Comments compare as text; no comment and an empty one are the same (PostgreSQL stores `''` as none). */
export function sameComment(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '') === (b ?? '');
}

/** An index's access method; absent means `btree`, PostgreSQL's default (and the only one SQLite has). */
export function indexMethod(method: string | undefined): string {
  return (method ?? 'btree').toLowerCase();
}

/** Element-wise equality of two lists, order included. */
export function sameList<T>(a: ReadonlyArray<T>, b: ReadonlyArray<T>): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The aspects in which column `to` differs from `from`, in the fixed order type, nullable, default,
 * autoincrement, collation, identity (by value: absent, `'always'`, `'by default'`), comment (see
 * {@link sameComment}). Empty when the columns are the same (names are not compared).
 */
export function columnChanges(from: Column, to: Column): ReadonlyArray<ColumnChange> {
  const changes: ColumnChange[] = [];
  if (!sameType(from.type, to.type)) changes.push('type');
  if (from.nullable !== to.nullable) changes.push('nullable');
  if (!sameDefault(from.default, to.default)) changes.push('default');
  if (!!from.autoincrement !== !!to.autoincrement) changes.push('autoincrement');
  if (!sameCollation(from.collation, to.collation)) changes.push('collation');
  if (from.identity !== to.identity) changes.push('identity');
  if (!sameComment(from.comment, to.comment)) changes.push('comment');
  return changes;
}

/** Compares by `name`, for stable orders. */
export function byName(a: { readonly name: string }, b: { readonly name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
