import * as path from 'node:path';
import type { Dialect } from '@autogen/dialect';
import { createTable } from '@autogen/schema';
import { sqliteDialect } from '../src/sqlite-dialect';
import { cleanup, col, lit, tempDir } from './helpers';
import * as fs from 'node:fs';

afterAll(cleanup);

describe('sqliteDialect', () => {
  it('drives a whole revision through the Dialect interface', async () => {
    const dialect: Dialect = sqliteDialect;
    expect(dialect.name).toBe('sqlite');
    const dir = tempDir();
    const connection = await dialect.connect('sqlite:./app.db', { baseDir: dir, mustExist: false });
    try {
      expect(connection.description).toBe(path.join(dir, 'app.db'));
      // The lock (an exclusive transaction on a side file) may be released twice.
      const release = await dialect.lock(connection);
      await release();
      await release();
      await connection.execute("CREATE TABLE autogen_version (version_num text NOT NULL); INSERT INTO autogen_version VALUES ('base')");
      const table = createTable({
        name: 'it\'s "quoted"',
        columns: [col('id', 'integer', { nullable: false }), col('v', 'text', { default: lit("it's") })],
        primaryKey: { columns: ['id'] },
      });
      await dialect.applyRevision(connection, {
        label: 'base -> r1',
        ops: [{ kind: 'createTable', table }],
        versionStatements: [{ sql: "UPDATE autogen_version SET version_num = 'r1'", expectChanges: 1 }],
      });
      const current = dialect.normalize(await dialect.introspect(connection, { exclude: ['autogen_version'] }));
      expect(current).toStrictEqual(dialect.normalize({ tables: [table] }));
      await connection.execute(`INSERT INTO ${dialect.quoteIdentifier(table.name)} (id) VALUES (1)`);
      expect(await connection.query(`SELECT v, ${dialect.quoteLiteral("a'b")} AS q FROM ${dialect.quoteIdentifier(table.name)}`)).toEqual([{ v: "it's", q: "a'b" }]);
      expect(dialect.renderScript([{ label: 'x', ops: [{ kind: 'dropTable', table: table.name, existing: table }], versionStatements: [] }])).toContain(
        'DROP TABLE "it\'s ""quoted""";',
      );
    } finally {
      await connection.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
