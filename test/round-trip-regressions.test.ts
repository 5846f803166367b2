/**
 * Bugs the generated round trips (test/round-trip-property.test.ts) found, each kept as a fixed case run through
 * the same harness (test/property/round-trip-runner.ts), named after the bug. Each failed before its fix.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import { postgresDialect } from '@autogen/dialect-postgres';
import type { DialectName } from '@autogen/schema';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { makeProject } from './support/cli';
import { cloneGenSchema, type GenColumn, type GenSchema, type GenTable } from './property/generated-schema';
import type { GenRow, RoundTripCase } from './property/round-trip-case-arbitrary';
import { runRoundTrip, type CaseDatabase } from './property/round-trip-runner';

const base = makeProject('round-trip-regressions');
let pg: TestDatabase;

beforeAll(async () => {
  pg = await createTestDatabase('round_trip_regressions');
});
afterAll(async () => {
  await pg?.drop();
  rmSync(base, { recursive: true, force: true });
});

/** A table with an integer `id` key (uid `uid`) and the given columns. */
function keyed(uid: number, name: string, columns: GenColumn[], extra: Partial<GenTable> = {}): GenTable {
  const id: GenColumn = { uid: uid + 1, name: 'id', kind: 'integer', nullable: false, distinct: true };
  return { uid, name, columns: [id, ...columns], primaryKey: [id.uid], foreignKeys: [], indexes: [], uniques: [], checks: [], ...extra };
}

async function database(dialect: DialectName): Promise<CaseDatabase> {
  const dir = mkdtempSync(join(base, `${dialect}-`));
  if (dialect === 'sqlite') {
    const url = `sqlite:${join(dir, 'app.db')}`;
    return { dir, url, dialect: sqliteDialect, connect: () => sqliteDialect.connect(url, { baseDir: dir, mustExist: true }) };
  }
  await pg.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  return { dir, url: pg.url, dialect: postgresDialect, connect: () => postgresDialect.connect(pg.url, { baseDir: dir, mustExist: true, searchPath: ['public'] }) };
}

function roundTrip(dialect: DialectName, current: GenSchema, rows: Record<number, GenRow[]>, change: (target: GenSchema) => void, renames: string[] = []): RoundTripCase {
  const target = cloneGenSchema(current);
  change(target);
  return { dialect, current, rows, target, renames, changes: [] };
}

test('SQLite: ON DELETE SET DEFAULT with DEFERRABLE INITIALLY DEFERRED was read back without DEFERRABLE (check never clean)', async () => {
  const parent = keyed(1, 'parent', []);
  const current: GenSchema = { tables: [parent], enums: [] };
  const c = roundTrip('sqlite', current, { 1: [{ 2: 1 }] }, (target) => {
    const ref: GenColumn = { uid: 12, name: 'parent_ref', kind: 'integer', nullable: true, distinct: false };
    target.tables.push({ ...keyed(10, 'child', [ref]), foreignKeys: [{ column: 12, parent: 1, onDelete: 'set default', onUpdate: 'no action', deferred: true }] });
  });
  await runRoundTrip(c, await database('sqlite'));
});

test('SQLite: dropping a column whose default is CURRENT_TIMESTAMP wrote a downgrade ADD COLUMN that SQLite refuses', async () => {
  const stamp: GenColumn = { uid: 3, name: 'created', kind: 'text', nullable: true, distinct: false, default: { kind: 'sql', expr: 'CURRENT_TIMESTAMP' } };
  const kept: GenColumn = { uid: 4, name: 'body', kind: 'text', nullable: true, distinct: false };
  const current: GenSchema = { tables: [keyed(1, 'notes', [stamp, kept])], enums: [] };
  const c = roundTrip('sqlite', current, { 1: [{ 2: 1, 3: '2024-01-01 00:00:00', 4: "it's" }, { 2: 2, 3: null, 4: 'b' }] }, (target) => {
    const notes = target.tables[0] as GenTable;
    notes.columns = notes.columns.filter((col) => col.uid !== 3);
  });
  await runRoundTrip(c, await database('sqlite'));
});

test('PostgreSQL: a label added to an enum and used as a default in the same revision failed ("unsafe use of new value")', async () => {
  const mood: GenColumn = { uid: 3, name: 'mood', kind: 'enum', enumUid: 100, nullable: true, distinct: false };
  const current: GenSchema = { tables: [keyed(1, 'people', [mood])], enums: [{ uid: 100, name: 'mood', labels: ['sad', 'ok'] }] };
  const c = roundTrip('postgresql', current, { 1: [{ 2: 1, 3: 'ok' }] }, (target) => {
    (target.enums[0] as { labels: string[] }).labels.push('great');
    const feeling: GenColumn = { uid: 4, name: 'feeling', kind: 'enum', enumUid: 100, nullable: false, distinct: false, default: { kind: 'literal', value: 'great' } };
    (target.tables[0] as GenTable).columns.push(feeling);
  });
  await runRoundTrip(c, await database('postgresql'));
});

test('SQLite: dropping a table whose rows reference each other with ON DELETE RESTRICT failed (DROP TABLE ran an implicit DELETE with foreign keys on)', async () => {
  const ref: GenColumn = { uid: 3, name: 'parent_ref', kind: 'integer', nullable: true, distinct: false };
  const tree = keyed(1, 'tree', [ref], { foreignKeys: [{ column: 3, parent: 1, onDelete: 'restrict', onUpdate: 'no action', deferred: true }] });
  const other = keyed(10, 'other', []);
  const current: GenSchema = { tables: [tree, other], enums: [] };
  const c = roundTrip('sqlite', current, { 1: [{ 2: 1, 3: 2 }, { 2: 2, 3: 1 }], 10: [] }, (target) => {
    target.tables = target.tables.filter((t) => t.uid !== 1);
  });
  await runRoundTrip(c, await database('sqlite'));
});

test('SQLite: a UNIQUE constraint on exactly the primary key columns is never read back (SQLite builds no index for it), so check never came clean', async () => {
  const k1: GenColumn = { uid: 2, name: 'k1', kind: 'integer', nullable: false, distinct: true };
  const k2: GenColumn = { uid: 3, name: 'k2', kind: 'text', nullable: false, distinct: true };
  const pairs: GenTable = { uid: 1, name: 'pairs', columns: [k1, k2], primaryKey: [2, 3], foreignKeys: [], indexes: [], uniques: [[3]], checks: [] };
  const c = roundTrip('sqlite', { tables: [pairs], enums: [] }, { 1: [{ 2: 1, 3: 'a' }, { 2: 2, 3: 'b' }] }, (target) => {
    (target.tables[0] as GenTable).primaryKey = [3];
  });
  await runRoundTrip(c, await database('sqlite'));
});
