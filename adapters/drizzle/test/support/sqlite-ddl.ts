import type { Column, DefaultValue, Table } from '@autogen/schema';

/**
 * A deliberately small CREATE TABLE / CREATE INDEX writer for the adapter's tests: enough to run the mapped schema
 * in a real SQLite database and check that what the adapter produced behaves as the drizzle model means.
 * (The real compiler lives in @autogen/dialect-sqlite.)
 */
export function sqliteDdl(table: Table): string[] {
  const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  const named = (name: string | undefined): string => (name ? `CONSTRAINT ${q(name)} ` : '');
  const inlinePk = table.columns.find((c) => c.autoincrement)?.name;
  const column = (c: Column): string =>
    [q(c.name), c.type.raw, c.name === inlinePk ? 'PRIMARY KEY AUTOINCREMENT' : '', c.nullable ? '' : 'NOT NULL', c.default ? `DEFAULT ${sqlDefault(c.default)}` : '']
      .filter(Boolean)
      .join(' ');
  const lines = table.columns.map(column);
  if (table.primaryKey && !inlinePk) lines.push(`${named(table.primaryKey.name)}PRIMARY KEY (${table.primaryKey.columns.map(q).join(', ')})`);
  for (const u of table.uniques) lines.push(`${named(u.name)}UNIQUE (${u.columns.map(q).join(', ')})`);
  for (const c of table.checks) lines.push(`${named(c.name)}CHECK (${c.expression})`);
  for (const f of table.foreignKeys) {
    lines.push(
      `${named(f.name)}FOREIGN KEY (${f.columns.map(q).join(', ')}) REFERENCES ${q(f.referencedTable)} (${f.referencedColumns.map(q).join(', ')}) ON DELETE ${f.onDelete.toUpperCase()} ON UPDATE ${f.onUpdate.toUpperCase()}`,
    );
  }
  const statements = [`CREATE TABLE ${q(table.name)} (\n  ${lines.join(',\n  ')}\n)`];
  for (const i of table.indexes) {
    const parts = i.parts.map((p) => (p.kind === 'column' ? q(p.name) : p.sql));
    statements.push(`CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${q(i.name)} ON ${q(table.name)} (${parts.join(', ')})${i.where ? ` WHERE ${i.where}` : ''}`);
  }
  return statements;
}

function sqlDefault(value: DefaultValue): string {
  if (value.kind === 'sql') return value.expr;
  if (value.value === null) return 'NULL';
  if (typeof value.value === 'string') return `'${value.value.replace(/'/g, "''")}'`;
  if (typeof value.value === 'boolean') return value.value ? 'TRUE' : 'FALSE';
  return String(value.value);
}
