import type { Op } from '@autogen/ops';
import type { Check } from '@autogen/schema';
import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';
import { currentIdentifierRenamer } from './current-identifier-renamer';
import { sqlExpressionKey } from './sql-expression';

/**
 * Check constraint ops of one table. Checks match by expression, compared after collapsing whitespace, case
 * outside string literals and redundant outer parentheses (see `sqlExpressionKey`); a name alone is not a change.
 */
export function compareChecks(pair: TablePair, context: CompareContext): Op[] {
  const table = pairKey(pair);
  const rename = currentIdentifierRenamer(pair, context);
  const unmatched = [...pair.current.checks];
  const creates: Check[] = [];
  for (const to of pair.target.checks) {
    const i = unmatched.findIndex((from) => sqlExpressionKey(from.expression, rename) === sqlExpressionKey(to.expression));
    if (i >= 0) unmatched.splice(i, 1);
    else creates.push(to);
  }
  const ops: Op[] = [];
  for (const from of unmatched) {
    context.log(`Detected removed check constraint on '${table}': ${from.expression}`);
    ops.push({ kind: 'dropCheck', table, existing: from });
  }
  for (const to of creates) {
    context.log(`Detected added check constraint on '${table}': ${to.expression}`);
    ops.push({ kind: 'createCheck', table, check: to });
  }
  return ops;
}
