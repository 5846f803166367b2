import type { DialectCapabilities } from '@autogen/dialect';
import type { Table } from '@autogen/schema';

/**
 * A table present on both sides. `current` is the database's table after accepted table renames (it carries its
 * target name, and its foreign keys the target names of the tables they refer to) but before column renames, i.e.
 * the table as it is when its own ops start running. `target` is the model's table with the naming convention
 * applied.
 */
export interface TablePair {
  readonly current: Table;
  readonly target: Table;
}

/** What every per-table comparator gets besides the pair. */
export interface CompareContext {
  readonly capabilities: DialectCapabilities;
  /** The target name of column `column` of the table whose target name is `table` (accepted renames applied). */
  columnName(table: string, column: string): string;
  /** Records one detection, e.g. `Detected added column 'users.email'`. */
  log(line: string): void;
}
