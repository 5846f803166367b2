import type { Op } from '@autogen/ops';
import { createTable, parseColumnType } from '@autogen/schema';
import type { Column, ColumnType, Table } from '@autogen/schema';

/*
 * A hand-picked upgrade covering every Op kind and the shapes that are easy to get wrong: a rebuild with nested
 * changes, every foreign key action, partial / expression / descending indexes, defaults of each kind, odd strings,
 * types whose normalized name differs from their spelling, and execute with and without reverse SQL; and the
 * PostgreSQL side: a table in another schema with comments, identity, a deferrable cross-schema foreign key, index
 * methods and INCLUDE columns, CONCURRENTLY, and enums (labels added, removed and renamed, with usages).
 */

/** A type normalized the way a dialect would (`INT` → integer): the file keeps `INT`, re-parsing gives `int`. */
const normalized = (raw: string, name: string, args: ReadonlyArray<number> = []): ColumnType => ({ name, args, raw });

const col = (name: string, raw: string | ColumnType, extra: Partial<Column> = {}): Column => ({
  name,
  type: typeof raw === 'string' ? parseColumnType(raw) : raw,
  nullable: true,
  ...extra,
});

const users: Table = createTable({
  name: 'users',
  columns: [
    col('id', normalized('INT', 'integer'), { nullable: false, autoincrement: true }),
    col('email', 'varchar(255)', { nullable: false, collation: 'NOCASE' }),
    col('active', 'BOOLEAN', { nullable: false, default: { kind: 'literal', value: true } }),
    col('score', 'REAL', { default: { kind: 'literal', value: -1.5 } }),
    col('note', 'TEXT', { default: { kind: 'literal', value: null } }),
    col('created_at', 'TIMESTAMP', { nullable: false, default: { kind: 'sql', expr: 'CURRENT_TIMESTAMP' } }),
  ],
  primaryKey: { name: 'pk_users', columns: ['id'] },
  indexes: [
    { name: 'ix_users_email', parts: [{ kind: 'column', name: 'email' }], unique: true },
    { name: 'ix_users_active_recent', parts: [{ kind: 'column', name: 'created_at', descending: true }], unique: false, where: 'active = 1' },
  ],
  uniques: [{ name: 'uq_users_email', columns: ['email'] }],
  checks: [{ name: 'ck_users_score', expression: 'score >= -100' }, { expression: "email LIKE '%@%'" }],
});

const items: Table = createTable({
  name: 'items',
  columns: [
    col('id', 'INTEGER', { nullable: false }),
    col('user_id', 'INTEGER'),
    col('price', normalized('DECIMAL(10,2)', 'numeric', [10, 2])),
    col('legacy', 'BLOB'),
  ],
  primaryKey: { columns: ['id'] },
  foreignKeys: [{ columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' }],
});

const cascade = {
  name: 'fk_items_user_id_users',
  columns: ['user_id'],
  referencedTable: 'users',
  referencedColumns: ['id'],
  onDelete: 'cascade',
  onUpdate: 'set null',
  deferred: true,
} as const;

const itemsAfter: Table = {
  ...items,
  columns: [items.columns[0]!, items.columns[1]!, col('price', normalized('DECIMAL(10,2)', 'numeric', [10, 2]), { nullable: false, default: { kind: 'literal', value: 0 } })],
  foreignKeys: [cascade],
  indexes: [{ name: 'ix_items_lower_name', parts: [{ kind: 'expression', sql: "lower(coalesce(name, ''))" }], unique: false }],
};

/** A PostgreSQL table outside the default schema, with every PostgreSQL-only field. */
const orders: Table = {
  ...createTable({
    name: 'orders',
    columns: [
      col('id', 'bigint', { nullable: false, identity: 'always', comment: 'surrogate key' }),
      col('customer_id', 'integer', { nullable: false, comment: "the customer's id" }),
      col('status', '"Order Status"', { nullable: false, default: { kind: 'literal', value: 'open' } }),
      col('tags', 'text[]', { comment: '' }),
    ],
    primaryKey: { columns: ['id'] },
    foreignKeys: [
      {
        columns: ['customer_id'],
        referencedTable: 'customers',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
        deferred: true,
        deferrable: true,
        referencedSchema: 'crm',
      },
    ],
    indexes: [
      { name: 'ix_orders_tags', parts: [{ kind: 'column', name: 'tags' }], unique: false, method: 'gin' },
      { name: 'ix_orders_customer', parts: [{ kind: 'column', name: 'customer_id' }], unique: true, include: ['status', 'id'], where: "status <> 'void'" },
    ],
  }),
  schema: 'sales',
  comment: 'one row per order; see "docs/orders.md"',
};

/** Every kind at least once; the rebuild nests an alter, a drop, a foreign key swap and an index. */
export const richUpgrade: ReadonlyArray<Op> = [
  { kind: 'createTable', table: users },
  { kind: 'dropTable', table: 'old_audit', existing: createTable({ name: 'old_audit', columns: [col('line', 'TEXT', { nullable: false })] }) },
  { kind: 'renameTable', from: 'people', to: 'persons' },
  { kind: 'addColumn', table: 'users', column: col('nickname', 'varchar(40)', { default: { kind: 'literal', value: "o'brien \\ \"the\" `first`" } }) },
  { kind: 'dropColumn', table: 'users', column: 'name', existing: col('name', 'TEXT', { nullable: false, default: { kind: 'literal', value: '' } }) },
  {
    kind: 'alterColumn',
    table: 'users',
    column: 'age',
    from: col('age', 'TEXT'),
    to: col('age', normalized('INT', 'integer'), { nullable: false, default: { kind: 'literal', value: 18 } }),
    changes: ['type', 'nullable', 'default'],
  },
  { kind: 'alterColumn', table: 'users', column: 'email', from: col('email', 'TEXT'), to: col('email', 'TEXT', { collation: 'NOCASE' }), changes: ['collation'] },
  { kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' },
  {
    kind: 'createIndex',
    table: 'users',
    index: {
      name: 'ix_users_lower_email_partial',
      parts: [{ kind: 'expression', sql: 'lower(email)' }, { kind: 'column', name: 'id', descending: true }, { kind: 'column', name: 'score' }],
      unique: true,
      where: "deleted_at IS NULL AND email <> ''",
    },
  },
  { kind: 'dropIndex', table: 'users', existing: { name: 'ix_users_old', parts: [{ kind: 'column', name: 'note' }], unique: false } },
  {
    kind: 'createForeignKey',
    table: 'orders',
    foreignKey: { columns: ['user_id', 'tenant'], referencedTable: 'users', referencedColumns: ['id', 'tenant'], onDelete: 'restrict', onUpdate: 'cascade' },
  },
  {
    kind: 'dropForeignKey',
    table: 'orders',
    existing: { name: 'fk_orders_item', columns: ['item_id'], referencedTable: 'items', referencedColumns: ['id'], onDelete: 'set default', onUpdate: 'no action' },
  },
  { kind: 'createUnique', table: 'users', unique: { columns: ['email', 'tenant'] } },
  { kind: 'dropUnique', table: 'users', existing: { name: 'uq_old', columns: ['nickname'] } },
  { kind: 'createCheck', table: 'items', check: { name: 'ck_price', expression: 'price >= 0\n  AND price < 1e9' } },
  { kind: 'dropCheck', table: 'items', existing: { expression: 'length(sku) = 8' } },
  { kind: 'createPrimaryKey', table: 'tags', primaryKey: { columns: ['item_id', 'tag'] } },
  { kind: 'dropPrimaryKey', table: 'tags', existing: { name: 'pk_tags', columns: ['id'] } },
  {
    kind: 'rebuildTable',
    table: 'items',
    from: items,
    to: itemsAfter,
    changes: [
      {
        kind: 'alterColumn',
        table: 'items',
        column: 'price',
        from: items.columns[2]!,
        to: itemsAfter.columns[2]!,
        changes: ['nullable', 'default'],
      },
      { kind: 'dropColumn', table: 'items', column: 'legacy', existing: items.columns[3]! },
      { kind: 'dropForeignKey', table: 'items', existing: items.foreignKeys[0]! },
      { kind: 'createForeignKey', table: 'items', foreignKey: cascade },
      { kind: 'createIndex', table: 'items', index: itemsAfter.indexes[0]! },
    ],
  },
  { kind: 'rebuildTable', table: 'tags', from: createTable({ name: 'tags', columns: [col('id', 'INTEGER')] }), to: createTable({ name: 'tags', columns: [col('id', 'INTEGER', { nullable: false })] }), changes: [] },
  { kind: 'createEnum', enum: { name: 'Order Status', schema: 'sales', values: ['open', 'paid', "it's void", ''] } },
  { kind: 'createTable', table: orders },
  { kind: 'dropEnum', existing: { name: 'mood', values: ['happy', 'sad'] } },
  { kind: 'alterEnum', name: 'priority', from: ['low', 'high'], to: ['low', 'medium', 'high'], usages: [] },
  {
    kind: 'alterEnum',
    name: 'sales.Order Status',
    from: ['open', 'paid', "it's void", ''],
    to: ['draft', 'open', 'settled', ''],
    renames: { paid: 'settled' },
    usages: [
      { table: 'sales.orders', column: 'status', default: { kind: 'literal', value: 'open' } },
      { table: 'invoices', column: 'order_status' },
    ],
  },
  { kind: 'setTableComment', table: 'sales.orders', from: 'orders', to: 'one row per order; see "docs/orders.md"' },
  { kind: 'setTableComment', table: 'users', to: 'people who can log in' },
  { kind: 'setTableComment', table: 'items', from: 'multi\nline comment' },
  {
    kind: 'alterColumn',
    table: 'sales.orders',
    column: 'id',
    from: col('id', 'bigint', { nullable: false, comment: 'old' }),
    to: col('id', 'bigint', { nullable: false, identity: 'by default' }),
    changes: ['identity', 'comment'],
  },
  { kind: 'createIndex', table: 'sales.orders', index: { name: 'ix_orders_status', parts: [{ kind: 'column', name: 'status' }], unique: false, method: 'hash' }, concurrently: true },
  { kind: 'dropIndex', table: 'users', existing: { name: 'ix_users_note', parts: [{ kind: 'column', name: 'note' }], unique: false }, concurrently: true },
  { kind: 'dropTable', table: 'sales.orders_archive', existing: { ...orders, name: 'orders_archive', comment: 'archived orders' } },
  { kind: 'execute', sql: "UPDATE users SET email = lower(email) WHERE email <> lower(email)" },
  {
    kind: 'execute',
    sql: 'CREATE TRIGGER trg_items_touch AFTER UPDATE ON items\nBEGIN\n  UPDATE items SET note = `${x}` WHERE id = new.id;\nEND',
    reverseSql: 'DROP TRIGGER trg_items_touch',
  },
];
