import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compare } from '@autogen/compare';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import type { Schema } from '@autogen/schema';
import { typeormAdapter } from '../src/typeorm-adapter';
import { connectTypeorm, dataSourceCase, entityFilesCase, pendingTypeormQueries, type ParityCase } from './support/parity-cases';

/**
 * Parity with TypeORM itself on SQLite, in both directions, on real database files:
 * - TypeORM's `synchronize()` creates the schema; autogen introspects it and compares it with what the adapter
 *   maps from the same entities: no ops.
 * - autogen creates the schema from the mapped model (the revision ops, compiled and applied by the dialect);
 *   TypeORM's own schema builder then finds nothing to do.
 */
const projectDir = resolve(__dirname, '..');
const CASES: ReadonlyArray<ParityCase> = [entityFilesCase('shop', 'sqlite'), entityFilesCase('inferred-types', 'sqlite'), dataSourceCase('data-source-sqlite')];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'autogen-typeorm-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function target(parity: ParityCase): Promise<Schema> {
  const { schema } = await typeormAdapter.load({ ...parity.load, files: parity.load.files, dialect: 'sqlite', projectDir });
  return schema;
}

async function introspect(file: string): Promise<Schema> {
  const connection = await sqliteDialect.connect(file, { baseDir: dir, mustExist: true });
  try {
    return await sqliteDialect.introspect(connection, { exclude: [] });
  } finally {
    await connection.close();
  }
}

describe.each(CASES.map((c) => [c.label, c] as const))('%s on SQLite', (_label, parity) => {
  it("a database made by TypeORM's synchronize() has no drift from the mapped model", async () => {
    const file = join(dir, 'typeorm.sqlite');
    const typeorm = await connectTypeorm(parity, { database: file });
    try {
      await typeorm.synchronize();
      // The fixture is stable for TypeORM itself: once synchronized, its own builder has nothing more to do.
      expect(await pendingTypeormQueries(typeorm)).toEqual([]);
    } finally {
      await typeorm.destroy();
    }
    const current = sqliteDialect.normalize(await introspect(file));
    const model = sqliteDialect.normalize(await target(parity));
    expect(current.tables.length).toBeGreaterThan(0);
    const { ops, log } = compare(current, model, { capabilities: sqliteDialect.capabilities });
    expect(log).toEqual([]);
    expect(ops).toEqual([]);
  });

  it("a database made from the mapped model leaves TypeORM's schema builder nothing to do", async () => {
    const file = join(dir, 'autogen.sqlite');
    const model = sqliteDialect.normalize(await target(parity));
    const { ops } = compare(sqliteDialect.normalize({ tables: [] }), model, { capabilities: sqliteDialect.capabilities });
    const connection = await sqliteDialect.connect(file, { baseDir: dir, mustExist: false });
    try {
      await sqliteDialect.applyRevision(connection, { label: 'create', ops, versionStatements: [] });
    } finally {
      await connection.close();
    }
    const typeorm = await connectTypeorm(parity, { database: file });
    try {
      expect(await pendingTypeormQueries(typeorm)).toEqual([]);
    } finally {
      await typeorm.destroy();
    }
  });
});
