import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compare } from '@autogen/compare';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import type { Schema } from '@autogen/schema';
import { mikroOrmAdapter } from '../src/mikro-orm-adapter';
import { configCase, connectMikroOrm, entityFilesCase, pendingMikroOrmSql, type ParityCase } from './support/parity-cases';

/**
 * Parity with MikroORM itself on SQLite, in both directions, on real database files:
 * - MikroORM's `createSchema()` creates the database; autogen introspects it and compares it with what the
 *   adapter maps from the same entities: no ops.
 * - autogen creates the database from the mapped model (the revision ops, compiled and applied by the dialect);
 *   MikroORM's `getUpdateSchemaSQL()` then has nothing to do.
 */
const projectDir = resolve(__dirname, '..');
const CASES: ReadonlyArray<ParityCase> = [entityFilesCase(['shop'], 'sqlite'), entityFilesCase(['entity-schemas'], 'sqlite'), configCase('config-sqlite')];

/**
 * MikroORM 6 does not read check constraints back from SQLite (`BaseSqliteSchemaHelper.getChecks` returns none,
 * "Not supported at the moment"), so its `getUpdateSchemaSQL()` asks to add every named check again — on any
 * database, including one it created itself. Those statements are MikroORM's own noise and are left out; every
 * other statement counts.
 */
async function pendingSql(orm: Parameters<typeof pendingMikroOrmSql>[0]): Promise<string> {
  const sql = await pendingMikroOrmSql(orm);
  return sql
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^alter table `[^`]+` add constraint \S+ check\(/.test(line))
    .join('\n');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'autogen-mikro-orm-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function target(parity: ParityCase): Promise<Schema> {
  const { schema } = await mikroOrmAdapter.load({ ...parity.load, dialect: 'sqlite', projectDir });
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
  it("a database made by MikroORM's createSchema() has no drift from the mapped model", async () => {
    const file = join(dir, 'mikro-orm.sqlite');
    const orm = await connectMikroOrm(parity, { dbName: file });
    try {
      await orm.getSchemaGenerator().createSchema();
      // The fixture is stable for MikroORM itself: once created, its own generator has nothing more to do.
      expect(await pendingSql(orm)).toBe('');
    } finally {
      await orm.close(true);
    }
    const current = sqliteDialect.normalize(await introspect(file));
    const model = sqliteDialect.normalize(await target(parity));
    expect(current.tables.length).toBeGreaterThan(0);
    const { ops, log } = compare(current, model, { capabilities: sqliteDialect.capabilities });
    expect(log).toEqual([]);
    expect(ops).toEqual([]);
  });

  it("a database made from the mapped model leaves MikroORM's getUpdateSchemaSQL() empty", async () => {
    const file = join(dir, 'autogen.sqlite');
    const model = sqliteDialect.normalize(await target(parity));
    const { ops } = compare(sqliteDialect.normalize({ tables: [] }), model, { capabilities: sqliteDialect.capabilities });
    const connection = await sqliteDialect.connect(file, { baseDir: dir, mustExist: false });
    try {
      await sqliteDialect.applyRevision(connection, { label: 'create', ops, versionStatements: [] });
    } finally {
      await connection.close();
    }
    const orm = await connectMikroOrm(parity, { dbName: file });
    try {
      expect(await pendingSql(orm)).toBe('');
    } finally {
      await orm.close(true);
    }
  });
});
