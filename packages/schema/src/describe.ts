import type { Check, Column, ColumnType, DefaultValue, ForeignKey, Index, Table, Unique } from './schema';

/** `varchar(255)`-style spelling of a normalized type. */
export function describeType(type: ColumnType): string {
  return type.args.length ? `${type.name}(${type.args.join(', ')})` : type.name;
}

/** `'x'`, `42`, `CURRENT_TIMESTAMP` — how a default reads in messages. */
export function describeDefault(value: DefaultValue | undefined): string {
  if (!value) return 'none';
  if (value.kind === 'sql') return value.expr;
  if (typeof value.value === 'string') return `'${value.value.replace(/'/g, "''")}'`;
  return String(value.value);
}

/** One line describing a column: `email text NOT NULL DEFAULT 'x'`. */
export function describeColumn(column: Column): string {
  const parts = [column.name, describeType(column.type)];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default) parts.push(`DEFAULT ${describeDefault(column.default)}`);
  if (column.autoincrement) parts.push('AUTOINCREMENT');
  if (column.collation) parts.push(`COLLATE ${column.collation}`);
  if (column.identity) parts.push(`GENERATED ${column.identity.toUpperCase()} AS IDENTITY`);
  if (column.comment) parts.push(`COMMENT '${column.comment.replace(/'/g, "''")}'`);
  return parts.join(' ');
}

/** `(user_id) -> users(id) ON DELETE cascade`. */
export function describeForeignKey(fk: ForeignKey): string {
  const target = fk.referencedSchema ? `${fk.referencedSchema}.${fk.referencedTable}` : fk.referencedTable;
  let text = `(${fk.columns.join(', ')}) -> ${target}(${fk.referencedColumns.join(', ')})`;
  text += ` ON DELETE ${fk.onDelete.toUpperCase()} ON UPDATE ${fk.onUpdate.toUpperCase()}`;
  if (fk.deferred) text += ' DEFERRABLE INITIALLY DEFERRED';
  else if (fk.deferrable) text += ' DEFERRABLE';
  return fk.name ? `${fk.name} ${text}` : text;
}

/** `ix_title ON (title) WHERE ...`. */
export function describeIndex(index: Index): string {
  const parts = index.parts.map((p) => (p.kind === 'column' ? p.name + (p.descending ? ' DESC' : '') : p.sql));
  const method = index.method && index.method !== 'btree' ? ` USING ${index.method}` : '';
  const include = index.include?.length ? ` INCLUDE (${index.include.join(', ')})` : '';
  return `${index.unique ? 'UNIQUE ' : ''}${index.name}${method} (${parts.join(', ')})${include}${index.where ? ` WHERE ${index.where}` : ''}`;
}

/** `uq_email UNIQUE (email)`. */
export function describeUnique(unique: Unique): string {
  return `${unique.name ? `${unique.name} ` : ''}UNIQUE (${unique.columns.join(', ')})`;
}

/** `ck_x CHECK (a > 0)`. */
export function describeCheck(check: Check): string {
  return `${check.name ? `${check.name} ` : ''}CHECK (${check.expression})`;
}

/**
 * A multi-line, stable text form of a table, one object per line. The CLI diffs two of these (with `diff`) to
 * show a before/after view of a changed table.
 */
export function describeTable(table: Table): string {
  const lines = [`table ${table.schema ? `${table.schema}.` : ''}${table.name}`];
  if (table.comment) lines.push(`  comment '${table.comment.replace(/'/g, "''")}'`);
  for (const c of table.columns) lines.push(`  column ${describeColumn(c)}`);
  if (table.primaryKey) lines.push(`  primary key (${table.primaryKey.columns.join(', ')})`);
  for (const f of table.foreignKeys) lines.push(`  foreign key ${describeForeignKey(f)}`);
  for (const u of table.uniques) lines.push(`  ${describeUnique(u)}`);
  for (const c of table.checks) lines.push(`  ${describeCheck(c)}`);
  for (const i of table.indexes) lines.push(`  index ${describeIndex(i)}`);
  return lines.join('\n') + '\n';
}
