/** The migrator against a real SQLite file: version table, atomic steps, stamp, concurrent version moves. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@autogen/dialect';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import type { Operations } from '@autogen/ops';
import { currentRevision, migrate, planStep, stamp } from '../src/migrator';
import type { Revision } from '../src/revision';
import { RevisionGraph } from '../src/revision-graph';

const rev = (id: string, parent: string | null, upgrade: (op: Operations) => void, downgrade: (op: Operations) => void): Revision => ({
  id,
  parent,
  message: id,
  createdAt: '',
  file: `/m/${id}.ts`,
  transactional: true,
  upgrade,
  downgrade,
});

const graph = new RevisionGraph([
  rev('r1', null, (op) => op.execute('CREATE TABLE a (id INTEGER PRIMARY KEY)', 'DROP TABLE a'), (op) => op.execute('DROP TABLE a')),
  rev('r2', 'r1', (op) => op.addColumn('a', { name: 'x', type: 'text', nullable: true }), (op) => op.dropColumn('a', 'x', { name: 'x', type: 'text', nullable: true })),
  rev('r3', 'r2', (op) => {
    op.execute('CREATE TABLE b (id INTEGER)');
    op.execute('NOT VALID SQL');
  }, () => undefined),
]);

async function open(): Promise<Connection> {
  const dir = mkdtempSync(join(tmpdir(), 'autogen-runner-'));
  return sqliteDialect.connect('sqlite:./db.sqlite', { baseDir: dir, mustExist: false });
}

const tables = async (c: Connection): Promise<string[]> =>
  (await c.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")).map((r) => r.name);

describe('migrate', () => {
  test('applies revisions one by one; a failing one leaves everything as the last good one did', async () => {
    const c = await open();
    const done: string[] = [];
    await expect(migrate({ connection: c, dialect: sqliteDialect, graph, onStepDone: (s) => done.push(s.to ?? 'base') }, 'head', 'upgrade')).rejects.toThrow(
      /revision r2 -> r3 \(r3\) failed and was rolled back/,
    );
    expect(done).toEqual(['r1', 'r2']);
    expect(await currentRevision(c, sqliteDialect)).toBe('r2');
    expect(await tables(c)).toEqual(['a', 'autogen_version']);
    await migrate({ connection: c, dialect: sqliteDialect, graph }, 'base', 'downgrade');
    expect(await currentRevision(c, sqliteDialect)).toBeNull();
    expect(await tables(c)).toEqual(['autogen_version']);
    await c.close();
  });

  test('stamp moves the version without running anything', async () => {
    const c = await open();
    expect(await stamp({ connection: c, dialect: sqliteDialect, graph }, 'r2')).toEqual({ from: null, to: 'r2' });
    expect(await tables(c)).toEqual(['autogen_version']);
    expect(await stamp({ connection: c, dialect: sqliteDialect, graph }, 'base')).toEqual({ from: 'r2', to: null });
    expect(await currentRevision(c, sqliteDialect)).toBeNull();
    await c.close();
  });

  test('a revision whose version row was moved by someone else meanwhile rolls back', async () => {
    const c = await open();
    await migrate({ connection: c, dialect: sqliteDialect, graph }, 'r1', 'upgrade');
    // Simulate another runner that moved the version after this one planned its step from r1.
    const steps = [{ direction: 'upgrade' as const, revision: graph.chain[1]!, from: 'r1', to: 'r2' }];
    await c.execute("UPDATE autogen_version SET version_num = 'r2'");
    await expect(sqliteDialect.applyRevision(c, planStep(sqliteDialect, steps[0]!))).rejects.toThrow(/another process|version/i);
    const columns = await c.query<{ name: string }>("SELECT name FROM pragma_table_info('a')");
    expect(columns.map((r) => r.name)).toEqual(['id']);
    await c.close();
  });
});
