/**
 * A schema that uses every PostgreSQL type and constraint autogen supports, with names that need quoting, as
 * a model adapter would hand it over (unnamed constraints without a name, types spelled the usual way). Tables
 * in schema `audit` need `CREATE SCHEMA audit` first.
 */
import type { Column, ColumnType, DefaultValue, EnumType, ForeignKey, Schema, Table } from '@autogen/schema';
import { parseColumnType } from '@autogen/schema';

const type = (raw: string, name?: string, args?: ReadonlyArray<number>): ColumnType => {
  const parsed = parseColumnType(raw);
  return { name: name ?? parsed.name, args: args ?? parsed.args, raw };
};

const col = (
  name: string,
  raw: string,
  nullable: boolean,
  extra: { default?: DefaultValue; identity?: 'always' | 'by default'; comment?: string; collation?: string; typeName?: string; args?: ReadonlyArray<number> } = {},
): Column => {
  const { typeName, args, ...rest } = extra;
  return { name, type: type(raw, typeName, args), nullable, ...rest };
};

const lit = (value: string | number | boolean): DefaultValue => ({ kind: 'literal', value });
const sql = (expr: string): DefaultValue => ({ kind: 'sql', expr });
const fk = (f: Partial<ForeignKey> & Pick<ForeignKey, 'columns' | 'referencedTable' | 'referencedColumns'>): ForeignKey => ({
  onDelete: 'no action',
  onUpdate: 'no action',
  ...f,
});

export const richEnums: ReadonlyArray<EnumType> = [
  { name: 'mood', values: ['sad', 'ok', 'happy'] },
  { name: 'level', schema: 'audit', values: ['info', 'warn'] },
  { name: 'Odd "Kind"', values: ["it's", 'Two Words', 'x'] },
];

const accounts: Table = {
  name: 'accounts',
  comment: "Accounts; it's the main table",
  columns: [
    col('id', 'bigserial', false),
    col('public_id', 'uuid', false, { default: sql('gen_random_uuid()') }),
    col('email', 'varchar(320)', false),
    col('handle', 'text', false, { collation: 'C' }),
    col('country', 'char(2)', true, { default: lit('NL') }),
    col('balance', 'numeric(12, 2)', false, { default: lit(0) }),
    col('ratio_exact', 'numeric(10)', true),
    col('amount', 'numeric', true),
    col('score', 'real', true, { default: lit(1.5) }),
    col('ratio', 'double precision', true),
    col('visits', 'integer', false, { default: lit(0) }),
    col('small', 'smallint', true, { default: lit(-1) }),
    col('big', 'bigint', true),
    col('active', 'boolean', false, { default: lit(true) }),
    col('mood', 'mood', true, { default: lit('ok') }),
    col('tags', 'text[]', false, { default: sql("'{}'::text[]") }),
    col('scores', 'integer[]', true),
    col('labels', 'varchar(20)[]', true, { typeName: 'varchar[]', args: [20] }),
    col('settings', 'jsonb', false, { default: lit('{"theme": "dark"}') }),
    col('raw', 'json', true),
    col('born', 'date', true),
    col('wake_up', 'time', true),
    col('wake_up_tz', 'timetz', true),
    col('created_at', 'timestamptz(3)', false, { default: sql('CURRENT_TIMESTAMP'), typeName: 'timestamptz', args: [3] }),
    col('updated_at', 'timestamp', true, { default: sql('now()') }),
    col('seen_at', 'timestamp(0)', true, { typeName: 'timestamp', args: [0] }),
    col('last_ip', 'inet', true),
    col('network', 'cidr', true),
    col('mac', 'macaddr', true),
    col('session', 'interval', true),
    col('avatar', 'bytea', true),
    col('code', 'varchar', true, { default: lit("it's") }),
    col('nickname', 'text', true, { comment: 'shown to others' }),
  ],
  primaryKey: { columns: ['id'] },
  foreignKeys: [],
  indexes: [
    { name: 'accounts_handle_lower_idx', parts: [{ kind: 'expression', sql: 'lower(handle)' }], unique: true },
    { name: 'accounts_active_idx', parts: [{ kind: 'column', name: 'created_at', descending: true }], unique: false, where: 'active' },
    { name: 'accounts_tags_idx', parts: [{ kind: 'column', name: 'tags' }], unique: false, method: 'gin' },
    { name: 'accounts_email_cover_idx', parts: [{ kind: 'column', name: 'email' }], unique: false, include: ['handle', 'country'] },
  ],
  uniques: [{ columns: ['email'] }, { name: 'accounts_handle_country_uq', columns: ['handle', 'country'] }],
  checks: [{ name: 'accounts_visits_positive', expression: 'visits >= 0' }],
};

const groups: Table = {
  name: 'groups',
  columns: [
    col('id', 'integer', false, { identity: 'always' }),
    col('parent_id', 'integer', true),
    col('name', 'text', false),
    col('kind', '"Odd ""Kind"""', true, { typeName: 'Odd "Kind"', default: lit('Two Words') }),
  ],
  primaryKey: { name: 'groups_pk', columns: ['id'] },
  foreignKeys: [fk({ name: 'groups_parent_fk', columns: ['parent_id'], referencedTable: 'groups', referencedColumns: ['id'], onDelete: 'set null' })],
  indexes: [],
  uniques: [],
  checks: [{ expression: 'length(name) > 0' }],
};

const memberships: Table = {
  name: 'memberships',
  columns: [
    col('account_id', 'bigint', false),
    col('group_id', 'integer', false),
    col('role', 'text', false, { default: lit('member') }),
    col('seq', 'integer', false, { identity: 'by default' }),
    col('fallback_group', 'integer', true, { default: lit(1) }),
  ],
  primaryKey: { columns: ['account_id', 'group_id'] },
  foreignKeys: [
    fk({ columns: ['account_id'], referencedTable: 'accounts', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'cascade' }),
    fk({ name: 'memberships_group_fk', columns: ['group_id'], referencedTable: 'groups', referencedColumns: ['id'], onDelete: 'restrict', deferrable: true }),
    fk({
      name: 'memberships_fallback_fk',
      columns: ['fallback_group'],
      referencedTable: 'groups',
      referencedColumns: ['id'],
      onDelete: 'set default',
      onUpdate: 'no action',
      deferrable: true,
      deferred: true,
    }),
  ],
  indexes: [{ name: 'memberships_group_idx', parts: [{ kind: 'column', name: 'group_id' }, { kind: 'column', name: 'role' }], unique: false }],
  uniques: [],
  checks: [],
};

const events: Table = {
  name: 'events',
  schema: 'audit',
  columns: [
    col('id', 'serial', false),
    col('account_id', 'bigint', true),
    col('level', '"audit"."level"', false, { typeName: 'audit.level', default: lit('info') }),
    col('payload', 'jsonb', true),
    col('at', 'timestamp', false, { default: sql('CURRENT_TIMESTAMP') }),
  ],
  primaryKey: { columns: ['id'] },
  foreignKeys: [fk({ columns: ['account_id'], referencedTable: 'accounts', referencedColumns: ['id'], onDelete: 'set null' })],
  indexes: [{ name: 'events_at_idx', parts: [{ kind: 'column', name: 'at' }], unique: false }],
  uniques: [],
  checks: [],
};

const orderItems: Table = {
  name: 'Order Items',
  comment: 'odd names',
  columns: [
    col('id', 'serial', false),
    col('user', 'text', false),
    col('Weird "Name"', 'text', true, { default: lit("it's"), comment: 'a "quoted" comment' }),
    col('MixedCase', 'integer', true),
    col('select', 'smallserial', false),
    col('event_id', 'integer', true),
  ],
  primaryKey: { columns: ['id'] },
  foreignKeys: [
    fk({ columns: ['MixedCase'], referencedTable: 'groups', referencedColumns: ['id'] }),
    fk({ name: 'order items event', columns: ['event_id'], referencedTable: 'events', referencedSchema: 'audit', referencedColumns: ['id'], onUpdate: 'restrict' }),
  ],
  indexes: [
    {
      name: 'Order Items "user" idx',
      parts: [
        { kind: 'column', name: 'user' },
        { kind: 'column', name: 'Weird "Name"', descending: true },
      ],
      unique: false,
    },
    { name: 'order_items_select_uidx', parts: [{ kind: 'column', name: 'select' }], unique: true },
  ],
  uniques: [{ name: 'Order "Uq"', columns: ['user', 'MixedCase'] }],
  checks: [{ name: 'Select', expression: '"MixedCase" > 0' }],
};

/** The whole schema (tables in `public` and `audit`). */
export const richSchema: Schema = { tables: [accounts, groups, memberships, events, orderItems], enums: richEnums };
