import { resolve } from 'node:path';
import { Client } from 'pg';
import { compare } from '@autogen/compare';
import { postgresDialect } from '@autogen/dialect-postgres';
import type { Schema } from '@autogen/schema';
import { createTestDatabase, type TestDatabase } from '../../../packages/dialect-postgres/test/support/test-database';
import { mikroOrmAdapter } from '../src/mikro-orm-adapter';
import { configCase, connectMikroOrm, entityFilesCase, pendingMikroOrmSql, type ParityCase } from './support/parity-cases';

/**
 * Parity with MikroORM itself on a real PostgreSQL server, in both directions (see sqlite-parity.test.ts):
 * MikroORM's `createSchema()` then autogen's comparison must find no drift; autogen's revision ops then MikroORM's
 * `getUpdateSchemaSQL()` must come back empty.
 */
const projectDir = resolve(__dirname, '..');
const SCHEMAS = ['public'];
const CASES: ReadonlyArray<ParityCase> = [entityFilesCase(['shop'], 'postgresql'), entityFilesCase(['entity-schemas'], 'postgresql'), configCase('config-pg')];

let db: TestDatabase;
let admin: Client;

beforeAll(async () => {
  db = await createTestDatabase('autogen_mikro_orm');
  admin = new Client({ connectionString: db.url });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await db?.drop();
});

beforeEach(async () => {
  await admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
});

async function target(parity: ParityCase): Promise<Schema> {
  const { schema } = await mikroOrmAdapter.load({ ...parity.load, dialect: 'postgresql', projectDir });
  return schema;
}

async function introspect(): Promise<Schema> {
  const connection = await postgresDialect.connect(db.url, { baseDir: projectDir, mustExist: true, searchPath: SCHEMAS });
  try {
    return await postgresDialect.introspect(connection, { exclude: [], schemas: SCHEMAS });
  } finally {
    await connection.close();
  }
}

describe.each(CASES.map((c) => [c.label, c] as const))('%s on PostgreSQL', (_label, parity) => {
  it("a database made by MikroORM's createSchema() has no drift from the mapped model", async () => {
    const orm = await connectMikroOrm(parity, { clientUrl: db.url });
    try {
      await orm.getSchemaGenerator().createSchema();
      // The fixture is stable for MikroORM itself: once created, its own generator has nothing more to do.
      expect(await pendingMikroOrmSql(orm)).toBe('');
    } finally {
      await orm.close(true);
    }
    const current = postgresDialect.normalize(await introspect());
    const model = postgresDialect.normalize(await target(parity));
    expect(current.tables.length).toBeGreaterThan(0);
    const { ops, log } = compare(current, model, { capabilities: postgresDialect.capabilities });
    expect(log).toEqual([]);
    expect(ops).toEqual([]);
  });

  it("a database made from the mapped model leaves MikroORM's getUpdateSchemaSQL() empty", async () => {
    const model = postgresDialect.normalize(await target(parity));
    const { ops } = compare(postgresDialect.normalize({ tables: [] }), model, { capabilities: postgresDialect.capabilities });
    const connection = await postgresDialect.connect(db.url, { baseDir: projectDir, mustExist: true, searchPath: SCHEMAS });
    try {
      await postgresDialect.applyRevision(connection, { label: 'create', ops, versionStatements: [] });
    } finally {
      await connection.close();
    }
    const orm = await connectMikroOrm(parity, { clientUrl: db.url });
    try {
      expect(await pendingMikroOrmSql(orm)).toBe('');
    } finally {
      await orm.close(true);
    }
  });
});
