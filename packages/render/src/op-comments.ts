import { assertNever, describeOp, isDestructive } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import type { ColumnType } from '@autogen/schema';
import { describeType } from '@autogen/schema';
import { lineCommentText } from './quote-string';

/**
 * The `// ...` lines written above an op call: a `WARNING:` line per piece of data a destructive op loses
 * (chosen by `isDestructive`), and for a table rebuild, what it changes and that it copies every row.
 * Each line is a single line of text (line breaks in names or SQL become spaces). `warnings: false` leaves the
 * `WARNING:` lines out (the caller writes lint findings instead).
 */
export function opComments(op: Op, options: { readonly warnings?: boolean } = {}): ReadonlyArray<string> {
  const lines = options.warnings === false ? [] : [...warnings(op).map((w) => `WARNING: ${w}`)];
  if (op.kind === 'rebuildTable') {
    lines.push(`rebuild table ${op.table} (SQLite table rebuild: copies all rows into a new table, then swaps it in)`);
    if (op.changes.length > 0) {
      lines.push('changes:');
      for (const change of op.changes) lines.push(`  - ${describeOp(change)}`);
    }
  }
  return lines.map(lineCommentText);
}

/** What a destructive op loses, one phrase per loss; nothing for a safe op. */
function warnings(op: Op): ReadonlyArray<string> {
  if (!isDestructive(op)) return [];
  const found = lossOf(op);
  // isDestructive may learn about an op kind before this list does; still warn, with the generic description.
  return found.length > 0 ? found : [`${describeOp(op)} (destructive)`];
}

function lossOf(op: Op): ReadonlyArray<string> {
  switch (op.kind) {
    case 'dropTable':
      return [`drops table ${op.table} and all its rows`];
    case 'dropColumn':
      return [`drops column ${op.table}.${op.column} and its data`];
    case 'alterColumn':
      return op.changes.includes('type')
        ? [
            `changes the type of ${op.table}.${op.column} from ${spelling(op.from.type)} to ${spelling(op.to.type)}; ` +
              'values that do not convert are lost or altered',
          ]
        : [];
    case 'rebuildTable':
      return op.changes.flatMap(warnings);
    case 'alterEnum': {
      const removed = op.from.filter((label) => !op.to.includes(label) && !(op.renames && Object.hasOwn(op.renames, label)));
      if (removed.length === 0) return [];
      const labels = removed.map(labelText);
      return [
        `removes ${labels.join(', ')} from enum ${op.name}; rows holding ${labels.join(' or ')} make this fail ` +
          '(update them first; the enum type is recreated and its columns converted)',
      ];
    }
    case 'createTable':
    case 'renameTable':
    case 'addColumn':
    case 'renameColumn':
    case 'createIndex':
    case 'dropIndex':
    case 'createForeignKey':
    case 'dropForeignKey':
    case 'createUnique':
    case 'dropUnique':
    case 'createCheck':
    case 'dropCheck':
    case 'createPrimaryKey':
    case 'dropPrimaryKey':
    case 'createEnum':
    case 'dropEnum':
    case 'setTableComment':
    case 'execute':
      return [];
    default:
      return assertNever(op, 'operation kind');
  }
}

/** `'label'`, quoted as in SQL. */
function labelText(label: string): string {
  return `'${label.replace(/'/g, "''")}'`;
}

function spelling(type: ColumnType): string {
  return type.raw.trim() !== '' ? type.raw : describeType(type);
}
