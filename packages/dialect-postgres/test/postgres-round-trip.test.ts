/**
 * THE zero-noise round trip: a schema using every type and constraint (test/support/rich-schema.ts) is compiled,
 * applied, introspected and normalized, and must equal the normalized input exactly. Then the reversed ops remove
 * everything again.
 */
import type { Op } from '@autogen/ops';
import { reverseAll } from '@autogen/ops';
import type { Schema, Table } from '@autogen/schema';
import { sortSchema } from '@autogen/schema';
import type { Connection } from '@autogen/dialect';
import { defaultCheckName, defaultForeignKeyName, defaultPrimaryKeyName, defaultUniqueName } from '../src/postgres-default-names';
import { postgresDialect } from '../src/postgres-dialect';
import { connect } from './support/connect';
import { richSchema } from './support/rich-schema';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * The input with the names PostgreSQL gives unnamed constraints: the introspector reports every name, and the
 * normalizer keeps names (the comparator matches constraints by content), so deep equality needs them filled in.
 */
function withDatabaseNames(schema: Schema): Schema {
  const named = (t: Table): Table => ({
    ...t,
    ...(t.primaryKey ? { primaryKey: { ...t.primaryKey, name: t.primaryKey.name ?? defaultPrimaryKeyName(t.name) } } : {}),
    foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, name: fk.name ?? defaultForeignKeyName(t.name, fk) })),
    uniques: t.uniques.map((u) => ({ ...u, name: u.name ?? defaultUniqueName(t.name, u) })),
    checks: t.checks.map((c) => ({ ...c, name: c.name ?? defaultCheckName(t.name, c) })),
  });
  return { ...schema, tables: schema.tables.map(named) };
}

/**
 * `type.raw` is the spelling each side used (`varchar(320)` in the model, `character varying(320)` from the
 * catalog) and is never normalized; comparison uses the canonical `name` and `args`, so the test does too.
 */
function withoutRaw(schema: Schema): Schema {
  return {
    ...schema,
    tables: schema.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, type: { ...c.type, raw: '' } })) })),
  };
}

describe('round trip: compile, apply, introspect, normalize', () => {
  let db: TestDatabase;
  let connection: Connection;
  const schemas = ['public', 'audit'];
  const introspectRaw = async (): Promise<Schema> => sortSchema(postgresDialect.normalize(await postgresDialect.introspect(connection, { exclude: [], schemas })));
  const introspect = async (): Promise<Schema> => withoutRaw(await introspectRaw());
  let firstIntrospection: Schema | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.exec('CREATE SCHEMA audit');
    connection = await connect(db.url);
  });
  afterAll(async () => {
    await connection.close();
    await db.drop();
  });

  const upgrade: ReadonlyArray<Op> = [
    ...(richSchema.enums ?? []).map((e): Op => ({ kind: 'createEnum', enum: e })),
    ...richSchema.tables.map((t): Op => ({ kind: 'createTable', table: t })),
  ];

  test('the live schema equals the model, with no noise', async () => {
    await postgresDialect.applyRevision(connection, { label: 'base -> rich', ops: upgrade, versionStatements: [] });
    firstIntrospection = await introspectRaw();
    const current = withoutRaw(firstIntrospection);
    const target = withoutRaw(sortSchema(postgresDialect.normalize(withDatabaseNames(richSchema))));
    expect(current.enums).toEqual(target.enums);
    for (const table of target.tables) {
      expect(current.tables.find((t) => t.name === table.name && t.schema === table.schema)).toEqual(table);
    }
    expect(current).toEqual(target);
  });

  test('the reversed ops (the downgrade) leave nothing behind', async () => {
    await postgresDialect.applyRevision(connection, { label: 'rich -> base', ops: reverseAll(upgrade), versionStatements: [] });
    expect(await introspect()).toEqual(sortSchema({ tables: [] }));
    const sequences = await db.exec(`SELECT relname FROM pg_class WHERE relkind = 'S' AND relnamespace IN ('public'::regnamespace, 'audit'::regnamespace)`);
    expect(sequences).toEqual([]);
  });

  test('the introspected schema, raw spellings and all, compiles back into the same schema', async () => {
    // What a downgrade does with a dropped table's `existing` definition, which comes from introspection.
    const live = firstIntrospection as Schema;
    const ops: Op[] = [
      ...(live.enums ?? []).map((e): Op => ({ kind: 'createEnum', enum: e })),
      // tables first and foreign keys after, since the catalog order is not the dependency order
      ...live.tables.map((t): Op => ({ kind: 'createTable', table: { ...t, foreignKeys: [] } })),
      ...live.tables.flatMap((t) => t.foreignKeys.map((fk): Op => ({ kind: 'createForeignKey', table: t.schema ? `${t.schema}.${t.name}` : t.name, foreignKey: fk }))),
    ];
    await postgresDialect.applyRevision(connection, { label: 'base -> introspected', ops, versionStatements: [] });
    expect(await introspectRaw()).toEqual(live);
  });
});
