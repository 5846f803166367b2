import { tableKey } from '@autogen/schema';
import type { ForeignKey } from '@autogen/schema';

/**
 * The key of the table a foreign key refers to: `referencedTable` in `referencedSchema` (absent: the default
 * schema), spelled like `tableKey` (`users`, `auth.users`), so it compares with the keys of tables and ops.
 */
export function referencedKey(fk: Pick<ForeignKey, 'referencedTable' | 'referencedSchema'>): string {
  return tableKey({ name: fk.referencedTable, schema: fk.referencedSchema });
}
