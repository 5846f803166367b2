import type { IndexPart } from '@autogen/schema';

/**
 * A question about the live data that decides a finding's severity. Plain data; tables and columns are named as
 * they were *before* the revision (the probe runs before it), by table key and column name.
 *
 * - `null-values`: rows whose `column` is NULL (making it NOT NULL fails on them).
 * - `has-rows`: whether the table has any row (1 or 0).
 * - `duplicates`: key values held by more than one row, rows with a NULL in the key left out (they never
 *   conflict); for a primary key (`countNulls`) also the rows with a NULL in the key, which it rejects. `where`
 *   restricts the rows to a partial index's.
 * - `orphans`: rows whose key (no part NULL: MATCH SIMPLE checks no other) has no row in `parent`; without
 *   `parent` (the referenced table is created by the same revision, so it is empty) every such row.
 * - `large-table`: the row count, counted up to one more than the threshold only.
 */
export type DataProbe =
  | { readonly kind: 'null-values'; readonly table: string; readonly column: string }
  | { readonly kind: 'has-rows'; readonly table: string }
  | {
      readonly kind: 'duplicates';
      readonly table: string;
      readonly parts: ReadonlyArray<IndexPart>;
      readonly where?: string;
      readonly countNulls: boolean;
    }
  | {
      readonly kind: 'orphans';
      readonly table: string;
      readonly columns: ReadonlyArray<string>;
      readonly parent?: { readonly table: string; readonly columns: ReadonlyArray<string> };
    }
  | { readonly kind: 'large-table'; readonly table: string };

/** What a probe counted: `count` as described on {@link DataProbe}; `nulls` for a primary key's NULL rows. */
export interface ProbeCounts {
  readonly count: number;
  readonly nulls: number;
}

/** Settings a probe's verdict depends on. */
export interface ProbeLimits {
  /** Above this many rows a table counts as large (blocking index builds). */
  readonly largeTableRows: number;
}
