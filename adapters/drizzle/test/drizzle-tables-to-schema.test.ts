import { resolve } from 'node:path';
import { sql, type Table as DrizzleTable } from 'drizzle-orm';
import { pgSchema, pgTable, serial } from 'drizzle-orm/pg-core';
import { check, integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { loadModule } from '@autogen/loader';
import { drizzleTablesToSchema } from '../src/drizzle-tables-to-schema';
import { resolveDrizzleRuntime } from '../src/drizzle-runtime';

const fixture = (name: string): string => resolve(__dirname, 'fixtures', `${name}.ts`);

async function exportsOf(name: string): Promise<Record<string, unknown>> {
  return loadModule(fixture(name));
}

describe('drizzleTablesToSchema', () => {
  it('maps tables to a sorted schema whatever their order, counting the same table once', async () => {
    const { users, items } = (await exportsOf('story-schema')) as { users: DrizzleTable; items: DrizzleTable };
    const schema = drizzleTablesToSchema([users, items, users], 'sqlite');
    expect(schema.tables.map((t) => t.name)).toEqual(['items', 'users']);
    expect(drizzleTablesToSchema([items, users], 'sqlite')).toEqual(schema);
  });

  it("reads tables with the project's drizzle-orm when given its runtime", async () => {
    const { users } = (await exportsOf('story-schema')) as { users: DrizzleTable };
    const runtime = resolveDrizzleRuntime([resolve(__dirname, 'fixtures')]);
    expect(drizzleTablesToSchema([users], 'sqlite', runtime)).toEqual(drizzleTablesToSchema([users], 'sqlite'));
  });

  it('tells pg tables apart by schema: one name in two schemas is two tables, twice in one schema is an error', () => {
    const inPublic = pgTable('users', { id: serial('id').primaryKey() });
    const inAuth = pgSchema('auth').table('users', { id: serial('id').primaryKey() });
    expect(drizzleTablesToSchema([inPublic, inAuth], 'postgresql').tables.map((t) => [t.schema, t.name])).toEqual([
      ['auth', 'users'],
      [undefined, 'users'],
    ]);
    const again = pgSchema('auth').table('users', { id: serial('id').primaryKey() });
    expect(() => drizzleTablesToSchema([inAuth, again], 'postgresql')).toThrow('two different drizzle tables are named "auth.users"');
  });

  it('rejects two different tables with one name', async () => {
    const { users } = (await exportsOf('story-schema')) as { users: DrizzleTable };
    const { otherUsers } = (await exportsOf('duplicate-users')) as { otherUsers: DrizzleTable };
    expect(() => drizzleTablesToSchema([users, otherUsers], 'sqlite')).toThrow('two different drizzle tables are named "users"');
  });

  it('rejects a table of another dialect and says which dialect it belongs to', async () => {
    const { accounts } = (await exportsOf('pg-table')) as { accounts: DrizzleTable };
    const { users } = (await exportsOf('story-schema')) as { users: DrizzleTable };
    expect(() => drizzleTablesToSchema([accounts], 'sqlite')).toThrow(
      `table "accounts" is a PostgreSQL table (pgTable from drizzle-orm/pg-core) but the dialect is sqlite; declare it with sqliteTable from drizzle-orm/sqlite-core or set dialect: 'postgresql'`,
    );
    expect(drizzleTablesToSchema([accounts], 'postgresql').tables.map((t) => t.name)).toEqual(['accounts']);
    expect(() => drizzleTablesToSchema([users], 'postgresql')).toThrow(
      `table "users" is a SQLite table (sqliteTable from drizzle-orm/sqlite-core) but the dialect is postgresql; declare it with pgTable from drizzle-orm/pg-core or set dialect: 'sqlite'`,
    );
  });

  it('rejects sql.placeholder() in a schema expression, which has no value in DDL', () => {
    const limits = sqliteTable('limits', { n: integer('n') }, (t) => [check('n_max', sql`${t.n} < ${sql.placeholder('max')}`)]);
    expect(() => drizzleTablesToSchema([limits], 'sqlite')).toThrow('table "limits": check "n_max": sql.placeholder() cannot be used in a schema definition');
  });

  it('renders sql.identifier() and sql.raw() chunks as drizzle does', () => {
    const scores = sqliteTable('scores', { points: integer('points') }, () => [
      check('points_range', sql`${sql.identifier('points')} between ${0} and ${sql.raw('100')}`),
    ]);
    expect(drizzleTablesToSchema([scores], 'sqlite').tables[0]?.checks).toEqual([
      { name: 'points_range', expression: '"points" between 0 and 100' },
    ]);
  });
});
