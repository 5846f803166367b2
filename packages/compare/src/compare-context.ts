import type { DialectCapabilities } from '@autogen/dialect';
import { tableKey } from '@autogen/schema';
import type { Table } from '@autogen/schema';

/**
 * A table present on both sides. `current` is the database's table after accepted table renames (it carries its
 * target key, and its foreign keys the target keys of the tables they refer to) but before column renames, i.e.
 * the table as it is when its own ops start running. `target` is the model's table with the naming convention
 * applied.
 */
export interface TablePair {
  readonly current: Table;
  readonly target: Table;
}

/** The key ops use for the table of a pair (`name`, or `schema.name` outside the default schema). */
export function pairKey(pair: TablePair): string {
  return tableKey(pair.target);
}

/** What every per-table comparator gets besides the pair. */
export interface CompareContext {
  readonly capabilities: DialectCapabilities;
  /** The target name of column `column` of the table whose target key is `table` (accepted renames applied). */
  columnName(table: string, column: string): string;
  /** Whether index ops on existing tables get `concurrently: true` (see `CompareOptions.concurrentIndexes`). */
  readonly concurrentIndexes: boolean;
  /** Records one detection, e.g. `Detected added column 'users.email'`. */
  log(line: string): void;
}
