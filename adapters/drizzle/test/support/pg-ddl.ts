import type { Column, DefaultValue, Schema } from '@autogen/schema';

/**
 * A deliberately small DDL writer for the adapter's PostgreSQL tests: enough to run the mapped schema on a real
 * server and check that what the adapter produced is valid and means what the drizzle model means.
 * (The real compiler lives in @autogen/dialect-postgres.) Foreign keys are added after every table exists, so
 * tables may reference each other in any order.
 */
export function pgDdl(schema: Schema): string[] {
  const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  const qualified = (item: { readonly name: string; readonly schema?: string | undefined }): string =>
    item.schema ? `${q(item.schema)}.${q(item.name)}` : q(item.name);
  const named = (name: string | undefined): string => (name ? `CONSTRAINT ${q(name)} ` : '');
  const statements: string[] = [];
  const schemas = new Set([...schema.tables, ...(schema.enums ?? [])].flatMap((item) => (item.schema ? [item.schema] : [])));
  for (const name of schemas) statements.push(`CREATE SCHEMA IF NOT EXISTS ${q(name)}`);
  for (const e of schema.enums ?? []) statements.push(`CREATE TYPE ${qualified(e)} AS ENUM (${e.values.map(literal).join(', ')})`);
  const column = (c: Column): string =>
    [
      q(c.name),
      c.type.raw,
      c.identity ? `GENERATED ${c.identity.toUpperCase()} AS IDENTITY` : '',
      c.nullable ? '' : 'NOT NULL',
      c.default ? `DEFAULT ${sqlDefault(c.default)}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  const later: string[] = [];
  for (const table of schema.tables) {
    const lines = table.columns.map(column);
    if (table.primaryKey) lines.push(`${named(table.primaryKey.name)}PRIMARY KEY (${table.primaryKey.columns.map(q).join(', ')})`);
    for (const u of table.uniques) lines.push(`${named(u.name)}UNIQUE (${u.columns.map(q).join(', ')})`);
    for (const c of table.checks) lines.push(`${named(c.name)}CHECK (${c.expression})`);
    statements.push(`CREATE TABLE ${qualified(table)} (\n  ${lines.join(',\n  ')}\n)`);
    for (const f of table.foreignKeys) {
      const target = qualified({ name: f.referencedTable, schema: f.referencedSchema });
      later.push(
        `ALTER TABLE ${qualified(table)} ADD ${named(f.name)}FOREIGN KEY (${f.columns.map(q).join(', ')}) REFERENCES ${target} (${f.referencedColumns.map(q).join(', ')}) ON DELETE ${f.onDelete.toUpperCase()} ON UPDATE ${f.onUpdate.toUpperCase()}`,
      );
    }
    for (const i of table.indexes) {
      const parts = i.parts.map((p) => (p.kind === 'column' ? `${q(p.name)}${p.descending ? ' DESC' : ''}` : `(${p.sql})`));
      later.push(
        `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${q(i.name)} ON ${qualified(table)}${i.method ? ` USING ${i.method}` : ''} (${parts.join(', ')})${i.where ? ` WHERE ${i.where}` : ''}`,
      );
    }
  }
  return [...statements, ...later];
}


function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function sqlDefault(value: DefaultValue): string {
  if (value.kind === 'sql') return value.expr;
  if (value.value === null) return 'NULL';
  if (typeof value.value === 'string') return literal(value.value);
  if (typeof value.value === 'boolean') return value.value ? 'TRUE' : 'FALSE';
  return String(value.value);
}
