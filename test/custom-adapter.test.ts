/**
 * A custom adapter object in the programmatic config (for models autogen has no adapter for): its schema is the
 * target, and a model table without columns is refused when the models load. Real SQLite files.
 */
import { check, revision, upgrade, type AutogenConfig } from '@autogen/cli';
import type { OrmAdapter, Schema } from '@autogen/schema';
import { makeProject, writeFiles } from './support/cli';

describe('programmatic API with a custom adapter object', () => {
  const dir = makeProject('api-custom-adapter');
  const adapter = (tables: Schema['tables']): OrmAdapter => ({
    name: 'in-memory',
    load: async ({ files }) => ({ schema: { tables }, files, sources: tables.map((t) => ({ table: t.name, file: files[0] as string })) }),
  });
  const column = { name: 'id', type: { name: 'integer', args: [], raw: 'integer' }, nullable: false };
  const notes = { name: 'notes', columns: [column], primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], uniques: [], checks: [] };

  test('its schema is the target: revision and upgrade create the table, check is clean', async () => {
    writeFiles(dir, { 'models.txt': 'read by the adapter only' });
    const config: AutogenConfig = { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: adapter([notes]), models: './models.txt' };
    const written = await revision({ cwd: dir, config, message: 'create notes', revisionId: 'c1c1c1c1c1c1' });
    expect(written.upgrade.map((op) => op.kind)).toEqual(['createTable']);
    await upgrade({ cwd: dir, config });
    expect((await check({ cwd: dir, config })).clean).toBe(true);
  });

  test('a model table without columns is refused when the models load, naming the table and its file', async () => {
    const config: AutogenConfig = { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: adapter([notes, { ...notes, name: 'hollow', columns: [], primaryKey: undefined as never }]), models: './models.txt' };
    await expect(revision({ cwd: dir, config, message: 'hollow' })).rejects.toThrow(/table "hollow" in the models has no columns \(.*models\.txt\)/);
  });
});
