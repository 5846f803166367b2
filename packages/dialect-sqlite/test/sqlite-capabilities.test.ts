import type { Op } from '@autogen/ops';
import type { Column, Table } from '@autogen/schema';
import { findTable } from '@autogen/schema';
import { sqliteCapabilities } from '../src/sqlite-capabilities';
import { introspectSqlite } from '../src/sqlite-introspector';
import { normalizeSqliteSchema } from '../src/sqlite-normalizer';
import { quoteIdentifier } from '../src/sqlite-quote';
import { columnDefinition } from '../src/sqlite-ddl';
import { cleanup, col, expr, lit, tempDatabase } from './helpers';

afterAll(cleanup);

const SETUP = `
CREATE TABLE parent (id integer PRIMARY KEY, code text UNIQUE);
CREATE TABLE t (
  id integer PRIMARY KEY,
  free text,
  indexed text,
  in_expr text,
  in_where integer,
  uniq text UNIQUE,
  ref integer REFERENCES parent (id),
  self_ref integer UNIQUE,
  self_child integer REFERENCES t (self_ref),
  checked integer,
  own_check integer CHECK (own_check > 0),
  CHECK (checked < 10)
);
CREATE INDEX ix_indexed ON t (indexed);
CREATE INDEX ix_expr ON t (lower(in_expr));
CREATE INDEX ix_where ON t (free) WHERE in_where > 0;
`;

const table = async (): Promise<{ run: (sql: string) => Promise<unknown>; t: Table }> => {
  const { connection } = await tempDatabase(SETUP);
  const schema = normalizeSqliteSchema(await introspectSqlite(connection, { exclude: [] }));
  return { run: (sql) => connection.execute(sql), t: findTable(schema, 't') as Table };
};

describe('sqliteCapabilities', () => {
  it('declares transactional DDL and unique index ≡ unique constraint', () => {
    expect(sqliteCapabilities.transactionalDdl).toBe(true);
    expect(sqliteCapabilities.uniqueIndexSatisfiesUnique).toBe(true);
  });

  it('dropColumn: native only for a column in nothing; whenever it says native, SQLite agrees', async () => {
    const want: Record<string, boolean> = {
      id: true,
      free: true, // in ix_where's key, not its predicate
      indexed: true,
      in_expr: true,
      in_where: true,
      uniq: true,
      ref: true, // conservative: a column-level REFERENCES goes with its column, a table-level FOREIGN KEY does not
      self_ref: true,
      self_child: true, // conservative, as ref
      checked: true,
      own_check: true, // conservative: SQLite would allow it (column CHECK), the model cannot tell
    };
    const { t } = await table();
    const decided: Record<string, boolean> = {};
    for (const column of t.columns) {
      const op: Op = { kind: 'dropColumn', table: 't', column: column.name, existing: column };
      decided[column.name] = sqliteCapabilities.requiresRebuild(op, t);
    }
    expect(decided).toEqual(want);

    // A plain column is native and SQLite drops it.
    const plain = await tempDatabase('CREATE TABLE t (id integer PRIMARY KEY, a text, b text); CREATE INDEX ix ON t (b);');
    const plainTable = findTable(normalizeSqliteSchema(await introspectSqlite(plain.connection, { exclude: [] })), 't') as Table;
    const dropA: Op = { kind: 'dropColumn', table: 't', column: 'a', existing: col('a', 'text') };
    expect(sqliteCapabilities.requiresRebuild(dropA, plainTable)).toBe(false);
    await plain.connection.execute('ALTER TABLE t DROP COLUMN a');

    // Every column we send to a rebuild, except the conservative ones, is refused by SQLite's DROP COLUMN.
    const conservative = ['own_check', 'ref', 'self_child'];
    for (const name of Object.keys(want).filter((n) => want[n] && !conservative.includes(n))) {
      const { run } = await table();
      await expect(run(`ALTER TABLE t DROP COLUMN ${quoteIdentifier(name)}`)).rejects.toThrow();
    }
  });

  const addCases: ReadonlyArray<{ name: string; column: Column; rebuild: boolean }> = [
    { name: 'nullable, no default', column: col('x', 'text'), rebuild: false },
    { name: 'NOT NULL with literal default', column: col('x', 'integer', { nullable: false, default: lit(0) }), rebuild: false },
    { name: 'NOT NULL with parenthesized literal default', column: col('x', 'text', { nullable: false, default: expr("('a')") }), rebuild: false },
    { name: 'collation', column: col('x', 'text', { collation: 'NOCASE' }), rebuild: false },
    { name: 'NOT NULL without default', column: col('x', 'text', { nullable: false }), rebuild: true },
    { name: 'NOT NULL with NULL default', column: col('x', 'text', { nullable: false, default: lit(null) }), rebuild: true },
    { name: 'CURRENT_TIMESTAMP default', column: col('x', 'text', { default: expr('CURRENT_TIMESTAMP') }), rebuild: true },
    { name: 'expression default', column: col('x', 'text', { default: expr("(lower('A'))") }), rebuild: true },
    { name: 'autoincrement', column: col('x', 'integer', { autoincrement: true }), rebuild: true },
  ];
  it.each(addCases)('addColumn $name → rebuild $rebuild, and SQLite agrees', async ({ column, rebuild }) => {
    const { t, run } = await table();
    await run('INSERT INTO parent (id) VALUES (1)');
    await run('INSERT INTO t (id) VALUES (1)');
    expect(sqliteCapabilities.requiresRebuild({ kind: 'addColumn', table: 't', column }, t)).toBe(rebuild);
    if (column.autoincrement) return; // no ADD COLUMN spelling to try
    // What ADD COLUMN would look like with the default written as given (parenthesized where it must be).
    const attempt = run(`ALTER TABLE t ADD COLUMN ${columnDefinition(column)}`);
    if (rebuild) await expect(attempt).rejects.toThrow(/Cannot add|non-constant default|NOT NULL/);
    else await attempt;
  });

  it('other ops: native or rebuild as documented', async () => {
    const { t } = await table();
    const fk = t.foreignKeys[0]!;
    const ops: ReadonlyArray<[Op, boolean]> = [
      [{ kind: 'createTable', table: t }, false],
      [{ kind: 'dropTable', table: 't', existing: t }, false],
      [{ kind: 'renameTable', from: 't', to: 'u' }, false],
      [{ kind: 'renameColumn', table: 't', from: 'free', to: 'open' }, false],
      [{ kind: 'createIndex', table: 't', index: { name: 'ix', parts: [{ kind: 'column', name: 'free' }], unique: false } }, false],
      [{ kind: 'dropIndex', table: 't', existing: t.indexes[0]! }, false],
      [{ kind: 'execute', sql: 'SELECT 1' }, false],
      [{ kind: 'rebuildTable', table: 't', from: t, to: t, changes: [] }, false],
      [{ kind: 'alterColumn', table: 't', column: 'free', from: t.columns[1]!, to: { ...t.columns[1]!, nullable: false }, changes: ['nullable'] }, true],
      [{ kind: 'createForeignKey', table: 't', foreignKey: fk }, true],
      [{ kind: 'dropForeignKey', table: 't', existing: fk }, true],
      [{ kind: 'createUnique', table: 't', unique: { columns: ['free'] } }, true],
      [{ kind: 'dropUnique', table: 't', existing: t.uniques[0]! }, true],
      [{ kind: 'createCheck', table: 't', check: { expression: 'free <> 1' } }, true],
      [{ kind: 'dropCheck', table: 't', existing: t.checks[0]! }, true],
      [{ kind: 'createPrimaryKey', table: 't', primaryKey: { columns: ['free'] } }, true],
      [{ kind: 'dropPrimaryKey', table: 't', existing: t.primaryKey! }, true],
    ];
    expect(ops.map(([op]) => [op.kind, sqliteCapabilities.requiresRebuild(op, t)])).toEqual(ops.map(([op, want]) => [op.kind, want]));
  });
});
