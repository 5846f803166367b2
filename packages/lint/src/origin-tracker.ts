import type { Op } from '@autogen/ops';
import { tableKey } from '@autogen/schema';

/** What the tracker knows about one table key at a point of the op list. */
interface TableState {
  /** The table's key before the revision ran; undefined when the op list created it (or dropped it). */
  readonly origin: string | undefined;
  /** Column names as the ops now spell them → names before the revision (undefined: added or dropped by the ops). */
  readonly columns: Map<string, string | undefined>;
  /** True once an op renamed one of the table's columns (SQL text such as an index predicate may then use either name). */
  renamedColumns: boolean;
}

/**
 * Follows an op list op by op and maps the names the ops use back to the names the database had *before* the
 * revision, which is what data probes query (they run before the revision). A table created earlier in the list,
 * or a column added earlier, has no origin: its rows are not in the database yet, so nothing can be probed.
 *
 * Without a live schema the tracker assumes a table or column it has not seen an op create exists already.
 */
export class OriginTracker {
  private readonly tables = new Map<string, TableState>();

  /** The key the table named `key` had before the revision; undefined when the ops created it. */
  tableOrigin(key: string): string | undefined {
    return this.state(key).origin;
  }

  /** The name column `column` of table `key` had before the revision; undefined when the ops added it. */
  columnOrigin(key: string, column: string): string | undefined {
    const state = this.state(key);
    if (state.origin === undefined) return undefined;
    return state.columns.has(column) ? state.columns.get(column) : column;
  }

  /** True when an earlier op renamed a column of this table. */
  hasRenamedColumns(key: string): boolean {
    return this.state(key).renamedColumns;
  }

  /** Records what `op` does to table and column names. A `rebuildTable` applies its changes in order. */
  apply(op: Op): void {
    switch (op.kind) {
      case 'createTable':
        this.tables.set(tableKey(op.table), created());
        return;
      case 'dropTable':
        this.tables.set(op.table, created());
        return;
      case 'renameTable': {
        const moved = this.state(op.from);
        this.tables.set(op.to, moved);
        this.tables.set(op.from, created());
        return;
      }
      case 'addColumn':
        this.state(op.table).columns.set(op.column.name, undefined);
        return;
      case 'dropColumn':
        this.state(op.table).columns.set(op.column, undefined);
        return;
      case 'renameColumn': {
        const origin = this.columnOrigin(op.table, op.from);
        const state = this.state(op.table);
        state.columns.set(op.to, origin);
        state.columns.set(op.from, undefined);
        state.renamedColumns = true;
        return;
      }
      case 'rebuildTable':
        for (const change of op.changes) this.apply(change);
        return;
      default:
        // Other ops keep every table and column name.
        return;
    }
  }

  private state(key: string): TableState {
    let state = this.tables.get(key);
    if (!state) {
      state = { origin: key, columns: new Map(), renamedColumns: false };
      this.tables.set(key, state);
    }
    return state;
  }
}

/** The state of a table the ops created: no origin, so nothing in it can be probed. */
function created(): TableState {
  return { origin: undefined, columns: new Map(), renamedColumns: false };
}
