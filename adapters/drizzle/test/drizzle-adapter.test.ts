import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ModelLoadError, type AdapterLoadOptions, type Schema } from '@autogen/schema';
import { drizzleAdapter } from '../src/drizzle-adapter';
import { ownDrizzleRuntime, resolveDrizzleRuntime } from '../src/drizzle-runtime';

const fixture = (name: string): string => resolve(__dirname, 'fixtures', `${name}.ts`);
const projectDir = resolve(__dirname, '..');
const load = (names: ReadonlyArray<string>, options: Partial<AdapterLoadOptions> = {}) =>
  drizzleAdapter.load({ files: names.map(fixture), dialect: 'sqlite', projectDir, ...options });

/** Resolves with the ModelLoadError `promise` rejects with, failing the test when it resolves or rejects otherwise. */
async function loadError(promise: Promise<unknown>): Promise<ModelLoadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelLoadError);
  return error as ModelLoadError;
}

const text = { name: 'text', args: [], raw: 'text' };
const integer = { name: 'integer', args: [], raw: 'integer' };

describe('drizzleAdapter.load', () => {
  it('maps the story schema (users and items) exactly', async () => {
    const result = await load(['story-schema']);
    const want: Schema = {
      tables: [
        {
          name: 'items',
          columns: [
            { name: 'id', type: integer, nullable: false },
            { name: 'title', type: text, nullable: false },
            { name: 'user_id', type: integer, nullable: true },
          ],
          primaryKey: { columns: ['id'] },
          foreignKeys: [
            { columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' },
          ],
          indexes: [{ name: 'ix_items_title', parts: [{ kind: 'column', name: 'title' }], unique: false }],
          uniques: [],
          checks: [],
        },
        {
          name: 'users',
          columns: [
            { name: 'id', type: integer, nullable: false },
            { name: 'email', type: text, nullable: false },
            { name: 'name', type: text, nullable: true },
            { name: 'created_at', type: text, nullable: true, default: { kind: 'sql', expr: 'CURRENT_TIMESTAMP' } },
          ],
          primaryKey: { columns: ['id'] },
          foreignKeys: [],
          indexes: [],
          uniques: [{ columns: ['email'] }],
          checks: [],
        },
      ],
    };
    expect(result.schema).toEqual(want);
    expect(result.files).toEqual([fixture('story-schema')]);
    expect(result.sources).toEqual([
      { table: 'items', file: fixture('story-schema'), exportName: 'items' },
      { table: 'users', file: fixture('story-schema'), exportName: 'users' },
    ]);
  });

  it('counts a table exported under several names once and ignores relations and other exports', async () => {
    const result = await load(['exported-twice']);
    expect(result.schema.tables.map((t) => t.name)).toEqual(['posts']);
    expect(result.sources).toEqual([{ table: 'posts', file: fixture('exported-twice'), exportName: 'posts' }]);
  });

  it('counts a table re-exported by another file once, credited to the first file that exports it', async () => {
    const direct = await load(['story-schema', 're-exports-story']);
    expect(direct.schema.tables.map((t) => t.name)).toEqual(['audit', 'items', 'users']);
    expect(direct.sources.find((s) => s.table === 'users')?.file).toBe(fixture('story-schema'));
    expect(direct.sources.find((s) => s.table === 'audit')?.file).toBe(fixture('re-exports-story'));

    const viaIndex = await load(['re-exports-story', 'story-schema']);
    expect(viaIndex.schema).toEqual(direct.schema);
    expect(viaIndex.sources.find((s) => s.table === 'users')?.file).toBe(fixture('re-exports-story'));
  });

  it('accepts a module without tables and returns an empty schema for it', async () => {
    const result = await load(['no-tables']);
    expect(result.schema).toEqual({ tables: [] });
    expect(result.files).toEqual([fixture('no-tables')]);
    expect(result.sources).toEqual([]);
  });

  it('rejects a pg table under the sqlite dialect, explaining the mismatch', async () => {
    const error = await loadError(load(['pg-table']));
    expect(error.file).toBe(fixture('pg-table'));
    expect(error.message).toContain('table "accounts" is a PostgreSQL table');
    expect(error.message).toContain('the dialect is sqlite');
    expect(error.message).toContain('sqliteTable from drizzle-orm/sqlite-core');
  });

  it('rejects a sqlite table under the postgresql dialect', async () => {
    const error = await loadError(load(['story-schema'], { dialect: 'postgresql' }));
    expect(error.message).toMatch(/table "(items|users)" is a SQLite table .* but the dialect is postgresql/);
  });

  it('names the file and the original message when a model file throws on import', async () => {
    const error = await loadError(load(['story-schema', 'throws-on-import']));
    expect(error.file).toBe(fixture('throws-on-import'));
    expect(error.message).toBe(`cannot import model file ${fixture('throws-on-import')}: database URL is not set`);
    expect((error.cause as Error).message).toBe('database URL is not set');
  });

  it('names the file when a model file imports a module that does not exist', async () => {
    const error = await loadError(load(['missing-import']));
    expect(error.file).toBe(fixture('missing-import'));
    expect(error.message).toContain("Cannot find module './no-such-module'");
    expect(error.message).not.toContain('Require stack');
  });

  it('rejects two different tables with the same name, naming both files', async () => {
    const error = await loadError(load(['story-schema', 'duplicate-users']));
    expect(error.file).toBe(fixture('duplicate-users'));
    expect(error.message).toContain('table "users" is also defined by');
    expect(error.message).toContain(`${fixture('story-schema')} (export users)`);
    expect(error.message).toContain('(export otherUsers)');
  });

  it('rejects what the schema model cannot express, naming the file, table and column', async () => {
    const generated = await loadError(load(['generated-column']));
    expect(generated.file).toBe(fixture('generated-column'));
    expect(generated.message).toContain('table "people": column "full" is a generated column');

    const twoKeys = await loadError(load(['two-primary-keys']));
    expect(twoKeys.message).toContain('table "clash": more than one primary key (a.primaryKey(), primaryKey(a, b))');
  });
});

describe('drizzleAdapter.load (postgresql)', () => {
  const loadPg = (names: ReadonlyArray<string>) => load(names, { dialect: 'postgresql' });
  const serial = { name: 'serial', args: [], raw: 'serial' };

  it('maps the story schema (users and items) on PostgreSQL exactly', async () => {
    const result = await loadPg(['story-schema-pg']);
    const want: Schema = {
      tables: [
        {
          name: 'items',
          columns: [
            { name: 'id', type: serial, nullable: false },
            { name: 'title', type: text, nullable: false },
            { name: 'user_id', type: integer, nullable: true },
          ],
          primaryKey: { columns: ['id'] },
          foreignKeys: [
            { columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' },
          ],
          indexes: [{ name: 'items_title_idx', parts: [{ kind: 'column', name: 'title' }], unique: false }],
          uniques: [],
          checks: [],
        },
        {
          name: 'users',
          columns: [
            { name: 'id', type: serial, nullable: false },
            { name: 'email', type: text, nullable: false },
            { name: 'name', type: text, nullable: true },
            { name: 'created_at', type: { name: 'timestamp', args: [], raw: 'timestamp' }, nullable: true, default: { kind: 'sql', expr: 'now()' } },
          ],
          primaryKey: { columns: ['id'] },
          foreignKeys: [],
          indexes: [],
          uniques: [{ columns: ['email'] }],
          checks: [],
        },
      ],
    };
    expect(result.schema).toEqual(want);
    expect(result.sources).toEqual([
      { table: 'items', file: fixture('story-schema-pg'), exportName: 'items' },
      { table: 'users', file: fixture('story-schema-pg'), exportName: 'users' },
    ]);
  });

  it('keys the sources of pgSchema tables as schema.name and collects exported enums', async () => {
    const result = await loadPg(['pg-schemas']);
    expect(result.sources.map((s) => [s.table, s.exportName])).toEqual([
      ['billing.accounts', 'accounts'],
      ['billing.invoices', 'invoices'],
      ['customers', 'customers'],
    ]);
    expect(result.schema.enums?.map((e) => [e.schema, e.name])).toEqual([
      ['billing', 'invoice_status'],
      [undefined, 'region'],
    ]);
  });

  it('collects an exported enum no table uses, from a file with no tables', async () => {
    const result = await loadPg(['story-schema-pg', 'pg-enum-conflict']);
    expect(result.schema.enums).toEqual([{ name: 'mood', values: ['sad', 'happy'] }]);
  });

  it('rejects two enums with one key and different values, naming the file of the second', async () => {
    const error = await loadError(loadPg(['pg-enums', 'pg-enum-conflict']));
    expect(error.file).toBe(fixture('pg-enum-conflict'));
    expect(error.message).toBe(
      `${fixture('pg-enum-conflict')}: enum "mood" is declared twice with different values: ["sad","ok","happy"] by ${fixture('pg-enums')} (export mood) and ["sad","happy"] by ${fixture('pg-enum-conflict')} (export otherMood)`,
    );
  });

  it('names file, export, table and column when a pg table cannot be mapped', async () => {
    const error = await loadError(loadPg(['pg-unsupported']));
    expect(error.file).toBe(fixture('pg-unsupported'));
    expect(error.message).toBe(
      `${fixture('pg-unsupported')} (export words): table "search.words": index "words_trgm": column "word" has operator class gin_trgm_ops (.op()), which autogen does not support yet`,
    );
  });
});

describe('resolveDrizzleRuntime', () => {
  it("resolves drizzle-orm from the user's project rather than the adapter's own copy", () => {
    const dir = mkdtempSync(join(tmpdir(), 'autogen-drizzle-'));
    try {
      // A stand-in drizzle-orm package inside the project that forwards to the real one.
      const pkg = join(dir, 'node_modules', 'drizzle-orm');
      mkdirSync(join(pkg, 'sqlite-core'), { recursive: true });
      const real = (subpath: string): string => JSON.stringify(require.resolve(`drizzle-orm${subpath}`));
      writeFileSync(
        join(pkg, 'package.json'),
        JSON.stringify({ name: 'drizzle-orm', exports: { '.': './index.js', './sqlite-core': './sqlite-core/index.js', './casing': './casing.js' } }),
      );
      writeFileSync(join(pkg, 'index.js'), `module.exports = require(${real('')});\n`);
      writeFileSync(join(pkg, 'sqlite-core', 'index.js'), `module.exports = require(${real('/sqlite-core')});\n`);
      writeFileSync(join(pkg, 'casing.js'), `module.exports = require(${real('/casing')});\n`);

      const runtime = resolveDrizzleRuntime([dir]);
      expect(runtime.location).toBe(join(realpathSync(dir), 'node_modules', 'drizzle-orm', 'index.js'));
      expect(runtime).not.toBe(ownDrizzleRuntime());
      expect(typeof runtime.sqlite.getTableConfig).toBe('function');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads drizzle-orm/pg-core only when a pg table is read, so SQLite projects never load it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'autogen-drizzle-'));
    try {
      // A project copy of drizzle-orm whose pg-core cannot be loaded at all.
      const pkg = join(dir, 'node_modules', 'drizzle-orm');
      mkdirSync(join(pkg, 'sqlite-core'), { recursive: true });
      mkdirSync(join(pkg, 'pg-core'), { recursive: true });
      const real = (subpath: string): string => JSON.stringify(require.resolve(`drizzle-orm${subpath}`));
      writeFileSync(
        join(pkg, 'package.json'),
        JSON.stringify({
          name: 'drizzle-orm',
          exports: { '.': './index.js', './sqlite-core': './sqlite-core/index.js', './pg-core': './pg-core/index.js', './casing': './casing.js' },
        }),
      );
      writeFileSync(join(pkg, 'index.js'), `module.exports = require(${real('')});\n`);
      writeFileSync(join(pkg, 'sqlite-core', 'index.js'), `module.exports = require(${real('/sqlite-core')});\n`);
      writeFileSync(join(pkg, 'pg-core', 'index.js'), `throw new Error('pg-core was loaded');\n`);
      writeFileSync(join(pkg, 'casing.js'), `module.exports = require(${real('/casing')});\n`);

      const result = await load(['story-schema'], { projectDir: dir });
      expect(result.schema.tables.map((t) => t.name)).toEqual(['items', 'users']);
      const runtime = resolveDrizzleRuntime([dir]);
      expect(() => runtime.pg).toThrow(`cannot load drizzle-orm/pg-core next to ${runtime.location}: pg-core was loaded`);
      const pgError = await loadError(load(['pg-table'], { projectDir: dir, dialect: 'postgresql' }));
      expect(pgError.message).toContain('pg-core was loaded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loads pg-core from the same drizzle-orm copy as the rest", () => {
    expect(ownDrizzleRuntime().pg.getTableConfig).toBe(require('drizzle-orm/pg-core').getTableConfig);
  });

  it('resolves from a model file when the project directory cannot see drizzle-orm', () => {
    const runtime = resolveDrizzleRuntime([tmpdir(), fixture('story-schema')]);
    expect(runtime.location).toBe(require.resolve('drizzle-orm', { paths: [resolve(__dirname, 'fixtures')] }));
  });

  it("falls back to the adapter's own copy when nothing in the project resolves it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'autogen-drizzle-'));
    try {
      writeFileSync(join(dir, 'models.js'), 'module.exports = {};\n');
      expect(resolveDrizzleRuntime([dir, join(dir, 'models.js')])).toBe(ownDrizzleRuntime());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
