import type { RevisionPlan, VersionStatement } from '@autogen/dialect';
import type { Op, RebuildTableOp } from '@autogen/ops';
import type { Table } from '@autogen/schema';
import { findTable } from '@autogen/schema';
import { applySqliteRevision, ForeignKeyCheckError, renderSqliteScript, VersionConflictError } from '../src/sqlite-apply';
import { compileSqlite } from '../src/sqlite-compiler';
import type { SqliteConnection } from '../src/sqlite-connection';
import { introspectSqlite } from '../src/sqlite-introspector';
import { normalizeSqliteSchema } from '../src/sqlite-normalizer';
import { cleanup, col, lit, tempDatabase } from './helpers';

afterAll(cleanup);

const SETUP = `
CREATE TABLE autogen_version (version_num text NOT NULL);
INSERT INTO autogen_version VALUES ('r1');
CREATE TABLE parent (id integer PRIMARY KEY, name text);
CREATE TABLE child (
  id integer PRIMARY KEY,
  parent_id integer NOT NULL REFERENCES parent (id) ON DELETE CASCADE,
  note text
);
CREATE INDEX ix_child_parent ON child (parent_id);
INSERT INTO parent (id, name) VALUES (1, 'one'), (2, NULL), (3, 'three');
INSERT INTO child (id, parent_id, note) VALUES (10, 1, 'a'), (11, 1, 'b'), (20, 2, 'c'), (30, 3, 'd');
`;

const bumpVersion: VersionStatement = {
  sql: "UPDATE autogen_version SET version_num = 'r2' WHERE version_num = 'r1'",
  comment: 'move the version to r2',
  expectChanges: 1,
};

async function tables(connection: SqliteConnection): Promise<ReadonlyArray<Table>> {
  return normalizeSqliteSchema(await introspectSqlite(connection, { exclude: ['autogen_version'] })).tables;
}

async function table(connection: SqliteConnection, name: string): Promise<Table> {
  return findTable({ tables: await tables(connection) }, name) as Table;
}

/** Everything observable: the schema text and every row of every table. */
async function snapshot(connection: SqliteConnection): Promise<unknown> {
  const schema = await connection.query<{ name: string }>("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
  const rows: Record<string, unknown> = {};
  for (const t of await connection.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
    rows[t.name] = await connection.query(`SELECT rowid AS _rowid, * FROM "${t.name}" ORDER BY rowid`);
  }
  return { schema, rows };
}

const plan = (ops: ReadonlyArray<Op>, versionStatements: ReadonlyArray<VersionStatement> = [bumpVersion]): RevisionPlan => ({
  label: 'r1 -> r2 (test)',
  ops,
  versionStatements,
});

/** parent.name becomes NOT NULL DEFAULT 'unnamed': a rebuild of the parent table. */
function rebuildParent(parent: Table): RebuildTableOp {
  const from = parent.columns.find((c) => c.name === 'name')!;
  const to = { ...from, nullable: false, default: lit('unnamed') };
  return {
    kind: 'rebuildTable',
    table: 'parent',
    from: parent,
    to: { ...parent, columns: parent.columns.map((c) => (c.name === 'name' ? to : c)) },
    changes: [{ kind: 'alterColumn', table: 'parent', column: 'name', from, to, changes: ['nullable', 'default'] }],
  };
}

/** child's foreign key gets `onDelete` (a rebuild of the child table). */
function rebuildChildForeignKey(child: Table, onDelete: 'cascade' | 'no action'): RebuildTableOp {
  const [existing] = child.foreignKeys;
  const foreignKey = { ...existing!, onDelete };
  return {
    kind: 'rebuildTable',
    table: 'child',
    from: child,
    to: { ...child, foreignKeys: [foreignKey] },
    changes: [
      { kind: 'dropForeignKey', table: 'child', existing: existing! },
      { kind: 'createForeignKey', table: 'child', foreignKey },
    ],
  };
}

describe('applySqliteRevision', () => {
  it('(a) rebuilding a parent referenced with ON DELETE CASCADE keeps every child row (the naive way loses them)', async () => {
    const { connection } = await tempDatabase(SETUP);
    const op = rebuildParent(await table(connection, 'parent'));
    const progress: string[] = [];
    await applySqliteRevision(connection, plan([op]), (event) => progress.push(`${event.table}: ${event.step}`));

    expect(await connection.query('SELECT id, parent_id FROM child ORDER BY id')).toEqual([
      { id: 10, parent_id: 1 },
      { id: 11, parent_id: 1 },
      { id: 20, parent_id: 2 },
      { id: 30, parent_id: 3 },
    ]);
    expect(await connection.query('SELECT id, name FROM parent ORDER BY id')).toEqual([
      { id: 1, name: 'one' },
      { id: 2, name: 'unnamed' },
      { id: 3, name: 'three' },
    ]);
    expect(await table(connection, 'parent')).toStrictEqual(normalizeSqliteSchema({ tables: [op.to] }).tables[0]);
    expect(await connection.query('SELECT version_num FROM autogen_version')).toEqual([{ version_num: 'r2' }]);
    expect(progress).toEqual([
      'parent: create the new table',
      'parent: copy rows',
      'parent: drop the old table',
      'parent: rename the new table',
    ]);
    // The cascade still works after the rebuild.
    await connection.execute('DELETE FROM parent WHERE id = 1');
    expect(await connection.query('SELECT count(*) AS n FROM child')).toEqual([{ n: 2 }]);

    // Proof: the same statements in a transaction with foreign_keys ON cascade the DROP TABLE into the children.
    const naive = await tempDatabase(SETUP);
    await naive.connection.execute('BEGIN');
    for (const s of compileSqlite([rebuildParent(await table(naive.connection, 'parent'))])) await naive.connection.execute(s.sql);
    await naive.connection.execute('COMMIT');
    expect(await naive.connection.query('SELECT count(*) AS n FROM child')).toEqual([{ n: 0 }]);
  });

  it('(b) rebuilding a child to add ON DELETE CASCADE keeps rows and indexes, and the cascade then works', async () => {
    const { connection } = await tempDatabase(SETUP.replace('ON DELETE CASCADE', ''));
    const child = await table(connection, 'child');
    expect(child.foreignKeys[0]?.onDelete).toBe('no action');
    await applySqliteRevision(connection, plan([rebuildChildForeignKey(child, 'cascade')]));

    const after = await table(connection, 'child');
    expect(after.foreignKeys[0]?.onDelete).toBe('cascade');
    expect(after.indexes.map((i) => i.name)).toEqual(['ix_child_parent']);
    expect(await connection.query('SELECT count(*) AS n FROM child')).toEqual([{ n: 4 }]);
    await connection.execute('DELETE FROM parent WHERE id = 1');
    expect(await connection.query('SELECT id FROM child ORDER BY id')).toEqual([{ id: 20 }, { id: 30 }]);
  });

  it('(c) a statement failing midway leaves schema, rows and version table exactly as before', async () => {
    const { connection } = await tempDatabase(SETUP);
    const before = await snapshot(connection);
    const ops: ReadonlyArray<Op> = [
      { kind: 'addColumn', table: 'child', column: col('extra', 'text', { default: lit('x') }) },
      rebuildParent(await table(connection, 'parent')),
      { kind: 'createIndex', table: 'child', index: { name: 'ix_note', parts: [{ kind: 'column', name: 'note' }], unique: false } },
      { kind: 'execute', sql: 'INSERT INTO missing_table VALUES (1)' },
    ];
    await expect(applySqliteRevision(connection, plan(ops))).rejects.toThrow(/failed at "hand-written SQL": no such table: missing_table/);
    expect(await snapshot(connection)).toEqual(before);
  });

  it('(c) a version table moved by someone else rolls everything back', async () => {
    const { connection } = await tempDatabase(SETUP);
    await connection.execute("UPDATE autogen_version SET version_num = 'other'");
    const before = await snapshot(connection);
    const error = await applySqliteRevision(connection, plan([rebuildParent(await table(connection, 'parent'))])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as Error).message).toMatch(/version table changed by another process/);
    expect(await snapshot(connection)).toEqual(before);
  });

  it('(d) a rebuild that would break a foreign key rolls back and names table, rowid and parent', async () => {
    const { connection } = await tempDatabase(`
      CREATE TABLE autogen_version (version_num text NOT NULL);
      INSERT INTO autogen_version VALUES ('r1');
      CREATE TABLE parent (id integer PRIMARY KEY);
      CREATE TABLE child (id integer PRIMARY KEY, parent_id integer);
      INSERT INTO parent VALUES (1);
      INSERT INTO child VALUES (1, 1), (2, 99);`);
    const before = await snapshot(connection);
    const child = await table(connection, 'child');
    const foreignKey = { columns: ['parent_id'], referencedTable: 'parent', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' } as const;
    const op: RebuildTableOp = {
      kind: 'rebuildTable',
      table: 'child',
      from: child,
      to: { ...child, foreignKeys: [foreignKey] },
      changes: [{ kind: 'createForeignKey', table: 'child', foreignKey }],
    };
    const error = await applySqliteRevision(connection, plan([op])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForeignKeyCheckError);
    expect((error as ForeignKeyCheckError).violations).toEqual([{ table: 'child', rowid: 2, parent: 'parent', columns: ['parent_id'] }]);
    expect((error as Error).message).toMatch(/child rowid 2 \(parent_id\) references a missing row in parent/);
    expect(await snapshot(connection)).toEqual(before);
    expect(await connection.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  it('(d) violations that existed before the revision do not block it', async () => {
    const { connection } = await tempDatabase(SETUP);
    await connection.execute('PRAGMA foreign_keys = OFF');
    await connection.execute('INSERT INTO child (id, parent_id) VALUES (99, 42)');
    await connection.execute('PRAGMA foreign_keys = ON');
    await applySqliteRevision(connection, plan([rebuildParent(await table(connection, 'parent'))]));
    expect(await connection.query('SELECT count(*) AS n FROM child')).toEqual([{ n: 5 }]);
  });

  it('(e) restores PRAGMA foreign_keys and legacy_alter_table, after success and after failure', async () => {
    const { connection } = await tempDatabase(SETUP);
    const pragmas = async (): Promise<unknown> => [
      ...(await connection.query('PRAGMA foreign_keys')),
      ...(await connection.query('PRAGMA legacy_alter_table')),
    ];
    expect(await pragmas()).toEqual([{ foreign_keys: 1 }, { legacy_alter_table: 0 }]);
    await applySqliteRevision(connection, plan([rebuildParent(await table(connection, 'parent'))]));
    expect(await pragmas()).toEqual([{ foreign_keys: 1 }, { legacy_alter_table: 0 }]);

    await connection.execute('PRAGMA foreign_keys = OFF');
    await connection.execute('PRAGMA legacy_alter_table = ON');
    const failing = plan([rebuildChildForeignKey(await table(connection, 'child'), 'no action'), { kind: 'execute', sql: 'SELECT * FROM nowhere' }], []);
    await expect(applySqliteRevision(connection, failing)).rejects.toThrow(/no such table: nowhere/);
    expect(await pragmas()).toEqual([{ foreign_keys: 0 }, { legacy_alter_table: 1 }]);
  });

  it('native renames in a revision with a rebuild still update references (legacy RENAME only for the rebuild)', async () => {
    const { connection } = await tempDatabase(`${SETUP}
      CREATE VIEW parent_names AS SELECT name FROM parent;`);
    const ops: ReadonlyArray<Op> = [
      rebuildChildForeignKey(await table(connection, 'child'), 'no action'),
      { kind: 'renameTable', from: 'parent', to: 'owner' },
    ];
    await applySqliteRevision(connection, plan(ops));
    expect((await table(connection, 'child')).foreignKeys.map((f) => f.referencedTable)).toEqual(['owner']);
    expect(await connection.query('SELECT count(*) AS n FROM parent_names')).toEqual([{ n: 3 }]);
    expect(await connection.query('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('a rebuild that leaves a view unusable rolls back', async () => {
    const { connection } = await tempDatabase(`${SETUP}
      CREATE VIEW notes AS SELECT note FROM child;`);
    const before = await snapshot(connection);
    const child = await table(connection, 'child');
    const note = child.columns.find((c) => c.name === 'note')!;
    const op: RebuildTableOp = {
      kind: 'rebuildTable',
      table: 'child',
      from: child,
      to: { ...child, columns: child.columns.filter((c) => c !== note) },
      changes: [{ kind: 'dropColumn', table: 'child', column: 'note', existing: note }],
    };
    await expect(applySqliteRevision(connection, plan([op]))).rejects.toThrow(/breaks view notes \(no such column: note\)/);
    expect(await snapshot(connection)).toEqual(before);
  });

  it('(f) triggers on a rebuilt table survive, and views naming it do not block the rename', async () => {
    const { connection } = await tempDatabase(`${SETUP}
      CREATE TABLE audit (child_id integer, what text);
      CREATE TRIGGER child_insert AFTER INSERT ON child BEGIN
        INSERT INTO audit VALUES (new.id, 'insert');
        INSERT INTO audit VALUES (new.id, 'again');
      END;
      CREATE VIEW child_notes AS SELECT c.note, p.name FROM child c JOIN parent p ON p.id = c.parent_id;`);
    const progress: string[] = [];
    await applySqliteRevision(connection, plan([rebuildChildForeignKey(await table(connection, 'child'), 'no action')]), (e) => progress.push(e.step));
    expect(progress).toContain('recreate trigger child_insert');
    expect(await connection.query("SELECT name FROM sqlite_schema WHERE type = 'trigger'")).toEqual([{ name: 'child_insert' }]);
    await connection.execute("INSERT INTO child (id, parent_id) VALUES (40, 3)");
    expect(await connection.query('SELECT child_id, what FROM audit')).toEqual([
      { child_id: 40, what: 'insert' },
      { child_id: 40, what: 'again' },
    ]);
    expect(await connection.query('SELECT count(*) AS n FROM child_notes')).toEqual([{ n: 5 }]);
  });
});

describe('renderSqliteScript', () => {
  it('(g) writes the rebuild as a script, which run as-is gives the same database as applyRevision', async () => {
    const applied = await tempDatabase(SETUP);
    const op = rebuildParent(await table(applied.connection, 'parent'));
    const plans = [plan([op, { kind: 'addColumn', table: 'child', column: col('extra', 'text') }])];
    const script = renderSqliteScript(plans);

    const lines = script.split('\n');
    expect(lines[0]).toMatch(/^-- Run with: sqlite3 -bail/);
    expect(lines[2]).toBe('-- Revision r1 -> r2 (test)');
    const order = ['PRAGMA foreign_keys=OFF;', 'BEGIN;', '-- rebuild parent: create the new table',
      '-- rebuild parent: copy rows', '-- rebuild parent: drop the old table', 'DROP TABLE "parent";', 'PRAGMA legacy_alter_table = ON;',
      '-- rebuild parent: rename the new table', 'ALTER TABLE "__autogen_new_parent" RENAME TO "parent";', 'PRAGMA legacy_alter_table = OFF;',
      '-- add column child.extra text', 'ALTER TABLE "child" ADD COLUMN "extra" text;',
      '-- move the version to r2', "UPDATE autogen_version SET version_num = 'r2' WHERE version_num = 'r1';", 'PRAGMA foreign_key_check;',
      'COMMIT;', 'PRAGMA foreign_keys=ON;'];
    const positions = order.map((line) => lines.indexOf(line));
    expect(positions).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(lines[lines.indexOf('PRAGMA foreign_key_check;') - 1]).toMatch(/^-- Must return no rows/);
    expect(script).toMatch(/-- Recreate here any triggers of "parent"/);

    await applySqliteRevision(applied.connection, plans[0]!);
    const scripted = await tempDatabase(SETUP);
    await scripted.connection.execute(script);
    expect(await snapshot(scripted.connection)).toEqual(await snapshot(applied.connection));
  });

  it('leaves out the pragmas and the check when nothing is rebuilt', () => {
    const script = renderSqliteScript([plan([{ kind: 'execute', sql: 'SELECT 1 -- trailing comment' }], [])]);
    expect(script.split('\n\n').slice(1).join('\n\n')).toBe('-- Revision r1 -> r2 (test)\nBEGIN;\n\n-- hand-written SQL\nSELECT 1 -- trailing comment\n;\n\nCOMMIT;\n');
  });
});
