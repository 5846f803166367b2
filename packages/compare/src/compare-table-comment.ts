import type { Op } from '@autogen/ops';
import { describeComment } from './compare-columns';
import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';
import { sameComment } from './equality';

/**
 * The `setTableComment` op of one table, when its comment differs (no comment and an empty one are the same:
 * `COMMENT ON TABLE ... IS ''` removes the comment, https://www.postgresql.org/docs/current/sql-comment.html).
 * An empty comment is written as an absent side, so the op always names a real change.
 */
export function compareTableComment(pair: TablePair, context: CompareContext): Op[] {
  const { comment: from } = pair.current;
  const { comment: to } = pair.target;
  if (sameComment(from, to)) return [];
  const table = pairKey(pair);
  context.log(`Detected changed comment on table '${table}': ${describeComment(from)} -> ${describeComment(to)}`);
  return [{ kind: 'setTableComment', table, ...(from ? { from } : {}), ...(to ? { to } : {}) }];
}
