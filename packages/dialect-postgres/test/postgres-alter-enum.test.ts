/**
 * `alterEnum` on a real server: added labels land in place, renamed labels carry their rows, removed labels
 * recreate the type (and fail, rolling back, while a row still holds one).
 */
import type { AlterEnumOp } from '@autogen/ops';
import type { PostgresConnection } from '../src/postgres-connection';
import { applyPostgresRevision } from '../src/postgres-apply';
import { connect } from './support/connect';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('alterEnum', () => {
  let db: TestDatabase;
  let connection: PostgresConnection;
  const apply = (op: AlterEnumOp): Promise<void> => applyPostgresRevision(connection, { label: 'enum', ops: [op], versionStatements: [] });
  const labels = async (type: string): Promise<ReadonlyArray<unknown>> =>
    (await db.exec(`SELECT enumlabel FROM pg_enum WHERE enumtypid = $1::regtype ORDER BY enumsortorder`, [type])).map((r) => r.enumlabel);

  beforeAll(async () => {
    db = await createTestDatabase();
    connection = await connect(db.url);
    await db.exec('CREATE SCHEMA "Audit"');
  });
  afterAll(async () => {
    await connection.close();
    await db.drop();
  });

  beforeEach(async () => {
    await db.exec(`DROP TABLE IF EXISTS "Audit".log, items; DROP TYPE IF EXISTS "Audit"."Mood"`);
    await db.exec(`CREATE TYPE "Audit"."Mood" AS ENUM ('sad', 'ok', 'happy')`);
    await db.exec(`CREATE TABLE items (id int PRIMARY KEY, m "Audit"."Mood" NOT NULL DEFAULT 'ok')`);
    await db.exec(`CREATE TABLE "Audit".log (id int PRIMARY KEY, "Feeling" "Audit"."Mood")`);
    await db.exec(`INSERT INTO items VALUES (1, 'sad'), (2, 'ok'), (3, 'happy'); INSERT INTO "Audit".log VALUES (1, 'happy'), (2, NULL)`);
  });

  const usages = [
    { table: 'items', column: 'm', default: { kind: 'literal' as const, value: 'ok' } },
    { table: 'Audit.log', column: 'Feeling' },
  ];

  test('added labels go before, between and after the existing ones', async () => {
    await apply({ kind: 'alterEnum', name: 'Audit.Mood', from: ['sad', 'ok', 'happy'], to: ['awful', 'sad', 'meh', 'ok', 'happy', "it's great"], usages });
    expect(await labels('"Audit"."Mood"')).toEqual(['awful', 'sad', 'meh', 'ok', 'happy', "it's great"]);
    await db.exec(`INSERT INTO items VALUES (4, 'meh')`);
    expect((await db.exec('SELECT m::text FROM items ORDER BY items.m')).map((r) => r.m)).toEqual(['sad', 'meh', 'ok', 'happy']);
  });

  // Found by the generated round trips: autogen wrote `ADD VALUE` and then a column default using the new label in
  // the same revision, which PostgreSQL refuses ("unsafe use of new value") — every such revision failed.
  test('regression: a label added and used as a default in the same revision recreates the type instead of ADD VALUE', async () => {
    const alter: AlterEnumOp = { kind: 'alterEnum', name: 'Audit.Mood', from: ['sad', 'ok', 'happy'], to: ['sad', 'ok', 'happy', 'great'], usages };
    // Typed as a revision file spells it: the raw type, quoted.
    const column = { name: 'g', type: { name: '"audit"."mood"', args: [], raw: '"Audit"."Mood"' }, nullable: false, default: { kind: 'literal' as const, value: 'great' } };
    await applyPostgresRevision(connection, { label: 'enum', ops: [alter, { kind: 'addColumn', table: 'items', column }], versionStatements: [] });
    expect(await labels('"Audit"."Mood"')).toEqual(['sad', 'ok', 'happy', 'great']);
    expect((await db.exec('SELECT m::text, g::text FROM items ORDER BY id')).map((r) => [r.m, r.g])).toEqual([
      ['sad', 'great'],
      ['ok', 'great'],
      ['happy', 'great'],
    ]);
    expect((await db.exec('SELECT "Feeling"::text AS f FROM "Audit".log ORDER BY id')).map((r) => r.f)).toEqual(['happy', null]);
  });

  test('a renamed label keeps its rows', async () => {
    await apply({ kind: 'alterEnum', name: 'Audit.Mood', from: ['sad', 'ok', 'happy'], to: ['sad', 'fine', 'happy'], renames: { ok: 'fine' }, usages });
    expect(await labels('"Audit"."Mood"')).toEqual(['sad', 'fine', 'happy']);
    expect((await db.exec('SELECT m::text FROM items ORDER BY id')).map((r) => r.m)).toEqual(['sad', 'fine', 'happy']);
  });

  test('removing a label no row uses recreates the type, converting every usage and restoring defaults', async () => {
    await db.exec(`UPDATE items SET m = 'ok' WHERE m = 'sad'`);
    await apply({ kind: 'alterEnum', name: 'Audit.Mood', from: ['sad', 'ok', 'happy'], to: ['ok', 'happy', 'new'], usages });
    expect(await labels('"Audit"."Mood"')).toEqual(['ok', 'happy', 'new']);
    expect((await db.exec('SELECT m::text FROM items ORDER BY id')).map((r) => r.m)).toEqual(['ok', 'ok', 'happy']);
    expect((await db.exec('SELECT "Feeling"::text AS f FROM "Audit".log ORDER BY id')).map((r) => r.f)).toEqual(['happy', null]);
    await db.exec(`INSERT INTO items (id) VALUES (9)`);
    expect((await db.exec('SELECT m::text FROM items WHERE id = 9'))[0]).toEqual({ m: 'ok' });
    expect(await db.exec(`SELECT typname FROM pg_type WHERE typname LIKE '%autogen_old%'`)).toEqual([]);
  });

  test('rename and remove together, and a reorder, recreate the type', async () => {
    await db.exec(`UPDATE items SET m = 'ok' WHERE m = 'happy'; UPDATE "Audit".log SET "Feeling" = 'ok'`);
    await apply({ kind: 'alterEnum', name: 'Audit.Mood', from: ['sad', 'ok', 'happy'], to: ['fine', 'sad'], renames: { ok: 'fine' }, usages });
    expect(await labels('"Audit"."Mood"')).toEqual(['fine', 'sad']);
    expect((await db.exec('SELECT m::text FROM items ORDER BY id')).map((r) => r.m)).toEqual(['sad', 'fine', 'fine']);
  });

  test('removing a label a row still holds fails and rolls back, leaving the type and rows intact', async () => {
    const error = await apply({ kind: 'alterEnum', name: 'Audit.Mood', from: ['sad', 'ok', 'happy'], to: ['ok', 'happy'], usages }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/rolled back/);
    expect(error?.message).toMatch(/invalid input value for enum "Audit"\."Mood": "sad"/);
    expect(error?.message).toMatch(/fails \(and the revision rolls back\) if a row still holds 'sad'/);
    expect(await labels('"Audit"."Mood"')).toEqual(['sad', 'ok', 'happy']);
    expect((await db.exec('SELECT m::text FROM items ORDER BY id')).map((r) => r.m)).toEqual(['sad', 'ok', 'happy']);
    expect(await db.exec(`SELECT typname FROM pg_type WHERE typname LIKE '%autogen_old%'`)).toEqual([]);
    expect((await db.exec(`SELECT column_default FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'm'`))[0]).toEqual({
      column_default: `'ok'::"Audit"."Mood"`,
    });
  });
});
