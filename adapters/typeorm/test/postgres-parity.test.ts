import { resolve } from 'node:path';
import { Client } from 'pg';
import { compare } from '@autogen/compare';
import { postgresDialect } from '@autogen/dialect-postgres';
import type { Schema } from '@autogen/schema';
import { createTestDatabase, type TestDatabase } from '../../../packages/dialect-postgres/test/support/test-database';
import { typeormAdapter } from '../src/typeorm-adapter';
import { connectTypeorm, dataSourceCase, entityFilesCase, pendingTypeormQueries, type ParityCase } from './support/parity-cases';

/**
 * Parity with TypeORM itself on a real PostgreSQL server, in both directions (see sqlite-parity.test.ts):
 * TypeORM's `synchronize()` then autogen's comparison must find no drift; autogen's revision ops then TypeORM's
 * schema builder must find nothing to do — except the default spellings listed in {@link DEFAULT_SPELLINGS}.
 */
const projectDir = resolve(__dirname, '..');
const SCHEMAS = ['public', 'audit'];

/**
 * Defaults autogen writes in another spelling than TypeORM, which compares default text: TypeORM writes every
 * number quoted (`DEFAULT '1.5'`) and reads an unquoted integer back as quoted, but not an unquoted decimal, so its
 * schema builder asks to rewrite a non-integer number default that the revision wrote as `1.5`. The normalizer
 * turns TypeORM's `'1.5'` into the literal 1.5, which keeps no spelling of its own (only `sql` defaults carry `raw`).
 * Each entry is what TypeORM's `log()` then reports; an empty list is full parity.
 */
const DEFAULT_SPELLINGS: Readonly<Record<string, ReadonlyArray<string>>> = {
  'shop.ts (entity files)': [],
  'inferred-types.ts (entity files)': [],
  'data-source-pg.ts (DataSource module)': [],
};

const CASES: ReadonlyArray<ParityCase> = [entityFilesCase('shop', 'postgresql'), entityFilesCase('inferred-types', 'postgresql'), dataSourceCase('data-source-pg')];

let db: TestDatabase;
let admin: Client;

beforeAll(async () => {
  db = await createTestDatabase('autogen_typeorm');
  admin = new Client({ connectionString: db.url });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await db?.drop();
});

beforeEach(async () => {
  // TypeORM creates tables and enum types but not schemas; every case starts from empty ones.
  await admin.query('DROP SCHEMA IF EXISTS audit CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE SCHEMA audit');
});

async function target(parity: ParityCase): Promise<Schema> {
  const { schema } = await typeormAdapter.load({ ...parity.load, files: parity.load.files, dialect: 'postgresql', projectDir });
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

describe.each(CASES.map((c) => [c.label, c] as const))('%s on PostgreSQL', (label, parity) => {
  it("a database made by TypeORM's synchronize() has no drift from the mapped model", async () => {
    const typeorm = await connectTypeorm(parity, { url: db.url });
    try {
      await typeorm.synchronize();
      // The fixture is stable for TypeORM itself: once synchronized, its own builder has nothing more to do.
      expect(await pendingTypeormQueries(typeorm)).toEqual([]);
    } finally {
      await typeorm.destroy();
    }
    const current = postgresDialect.normalize(await introspect());
    const model = postgresDialect.normalize(await target(parity));
    expect(current.tables.length).toBeGreaterThan(0);
    const { ops, log } = compare(current, model, { capabilities: postgresDialect.capabilities });
    expect(log).toEqual([]);
    expect(ops).toEqual([]);
  });

  it("a database made from the mapped model leaves TypeORM's schema builder nothing to do but default spellings", async () => {
    const model = postgresDialect.normalize(await target(parity));
    const { ops } = compare(postgresDialect.normalize({ tables: [] }), model, { capabilities: postgresDialect.capabilities });
    const connection = await postgresDialect.connect(db.url, { baseDir: projectDir, mustExist: true, searchPath: SCHEMAS });
    try {
      await postgresDialect.applyRevision(connection, { label: 'create', ops, versionStatements: [] });
    } finally {
      await connection.close();
    }
    const typeorm = await connectTypeorm(parity, { url: db.url });
    try {
      expect(await pendingTypeormQueries(typeorm)).toEqual(DEFAULT_SPELLINGS[label]);
    } finally {
      await typeorm.destroy();
    }
  });
});
