import { reverseAll } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import { createTable, parseColumnType } from '@autogen/schema';
import type { Column, Table } from '@autogen/schema';
import type { RevisionFileInput } from '../src/render-revision';

/** A realistic revision ("add cascade" on SQLite), rendered into test/golden/add-cascade.ts.txt. */

const col = (name: string, raw: string, extra: Partial<Column> = {}): Column => ({ name, type: parseColumnType(raw), nullable: true, ...extra });

const items: Table = createTable({
  name: 'items',
  columns: [col('id', 'INTEGER', { nullable: false, autoincrement: true }), col('user_id', 'INTEGER'), col('title', 'TEXT', { nullable: false })],
  primaryKey: { columns: ['id'] },
  foreignKeys: [{ columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' }],
});

const itemsAfter: Table = {
  ...items,
  columns: [items.columns[0]!, col('user_id', 'INTEGER', { nullable: false }), items.columns[2]!],
  foreignKeys: [{ ...items.foreignKeys[0]!, onDelete: 'cascade' }],
};

const upgrade: ReadonlyArray<Op> = [
  {
    kind: 'addColumn',
    table: 'users',
    column: col('email', 'varchar(255)', { nullable: false, default: { kind: 'literal', value: '' }, collation: 'NOCASE' }),
  },
  { kind: 'dropColumn', table: 'users', column: 'name', existing: col('name', 'TEXT') },
  {
    kind: 'rebuildTable',
    table: 'items',
    from: items,
    to: itemsAfter,
    changes: [
      { kind: 'alterColumn', table: 'items', column: 'user_id', from: items.columns[1]!, to: itemsAfter.columns[1]!, changes: ['nullable'] },
      { kind: 'dropForeignKey', table: 'items', existing: items.foreignKeys[0]! },
      { kind: 'createForeignKey', table: 'items', foreignKey: itemsAfter.foreignKeys[0]! },
    ],
  },
  {
    kind: 'createIndex',
    table: 'items',
    index: { name: 'ix_items_open', parts: [{ kind: 'column', name: 'user_id' }, { kind: 'expression', sql: 'lower(title)' }], unique: false, where: "status = 'open'" },
  },
  { kind: 'execute', sql: "UPDATE users SET email = 'unknown@example.com' WHERE email = ''", reverseSql: "UPDATE users SET email = '' WHERE email = 'unknown@example.com'" },
];

/** The golden revision's input. */
export const goldenInput: RevisionFileInput = {
  revision: 'a1b2c3d4e5f6',
  parent: '0f9e8d7c6b5a',
  message: 'add cascade',
  createdAt: '2026-11-27T10:30:00.000Z',
  upgrade,
  downgrade: reverseAll(upgrade),
  notes: ['lint: users.name is dropped; its data cannot be restored by the downgrade'],
};
