import type { DialectCapabilities } from '@autogen/dialect';
import { createTable, type Table } from '@autogen/schema';
import { reverseAll } from '@autogen/ops';
import { compare } from '../src/compare';

const pg: DialectCapabilities = { transactionalDdl: true, uniqueIndexSatisfiesUnique: false, foreignKeyTargetsMustExist: true, requiresRebuild: () => false };
const lazy: DialectCapabilities = { transactionalDdl: true, uniqueIndexSatisfiesUnique: true, requiresRebuild: () => false };

const col = (name: string) => ({ name, type: { name: 'integer', args: [], raw: 'integer' }, nullable: true });
const fk = (column: string, to: string) => ({ columns: [column], referencedTable: to, referencedColumns: ['id'], onDelete: 'no action' as const, onUpdate: 'no action' as const });
// a -> b -> a, plus a self reference on b
const a: Table = createTable({ name: 'a', columns: [col('id'), col('b_id')], primaryKey: { columns: ['id'] }, foreignKeys: [fk('b_id', 'b')] });
const b: Table = createTable({ name: 'b', columns: [col('id'), col('a_id'), col('parent')], primaryKey: { columns: ['id'] }, foreignKeys: [fk('a_id', 'a'), fk('parent', 'b')] });

describe('foreign-key cycles among created and dropped tables', () => {
  test('where targets must exist, the key closing the cycle is added after both tables', () => {
    const { ops } = compare({ tables: [] }, { tables: [a, b] }, { capabilities: pg });
    expect(ops.map((op) => op.kind)).toEqual(['createTable', 'createTable', 'createForeignKey']);
    const [first, second, link] = ops;
    expect(first).toMatchObject({ table: { name: 'a', foreignKeys: [] } });
    expect(second).toMatchObject({ table: { name: 'b', foreignKeys: [fk('a_id', 'a'), fk('parent', 'b')] } });
    expect(link).toEqual({ kind: 'createForeignKey', table: 'a', foreignKey: fk('b_id', 'b') });
  });

  test('dropping the cycle drops the closing key first; the downgrade of a create is that drop', () => {
    const { ops } = compare({ tables: [a, b] }, { tables: [] }, { capabilities: pg });
    expect(ops.map((op) => op.kind)).toEqual(['dropForeignKey', 'dropTable', 'dropTable']);
    const created = compare({ tables: [] }, { tables: [a, b] }, { capabilities: pg }).ops;
    expect(reverseAll(created).map((op) => op.kind)).toEqual(['dropForeignKey', 'dropTable', 'dropTable']);
  });

  test('where targets are resolved lazily (SQLite), tables keep their keys inline', () => {
    const { ops } = compare({ tables: [] }, { tables: [a, b] }, { capabilities: lazy });
    expect(ops.map((op) => op.kind)).toEqual(['createTable', 'createTable']);
    expect(compare({ tables: [a, b] }, { tables: [] }, { capabilities: lazy }).ops.map((op) => op.kind)).toEqual(['dropTable', 'dropTable']);
  });
});
