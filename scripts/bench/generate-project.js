'use strict';
/**
 * Writes a benchmark project: the same N-table schema as Drizzle, TypeORM or MikroORM models, the peer tool's own
 * config (drizzle-kit / TypeORM DataSource / MikroORM config) and an `autogen.config.json` over the same models.
 *
 * The schema, identical for every adapter: tables `t0..t{N-1}`, each with
 *   id integer PK (no autoincrement / identity), name text NOT NULL, email text, score real (PostgreSQL: double
 *   precision) default 0, count integer NOT NULL default 0, note text, created text (PostgreSQL: timestamp)
 *   default CURRENT_TIMESTAMP, parent integer;
 * an FK `parent -> t{i-1}.id` (ON DELETE / ON UPDATE NO ACTION) on every odd table, an index `t{i}_name_idx` on
 * name and a unique `t{i}_email_uq` on email.
 * The `incremental` variant makes `t0.email` NOT NULL and gives the FK of `t1` ON DELETE CASCADE.
 *
 * Plain CommonJS with JavaScript entities (TypeORM, MikroORM) so that neither tool needs ts-node; the Drizzle
 * schema is TypeScript because drizzle-kit and autogen both load TypeScript themselves.
 */
const { createRequire } = require('node:module');
const { existsSync, lstatSync, mkdirSync, symlinkSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');

/** Packages the generated files (and the peers' CLIs loading them) import by bare name. */
const LINKED_PACKAGES = ['drizzle-orm', 'drizzle-kit', 'typeorm', 'reflect-metadata', '@mikro-orm', 'better-sqlite3', 'pg'];

/**
 * The model files each adapter's project has (the ones {@link writeVariant} rewrites).
 * @type {Readonly<Record<string, ReadonlyArray<string>>>}
 */
const MODEL_FILES = Object.freeze({
  drizzle: Object.freeze(['schema.ts']),
  typeorm: Object.freeze(['entities.js']),
  'mikro-orm': Object.freeze(['entities.js']),
});

/**
 * Writes the whole project into `dir` (created if missing): model files, the peer's config, `autogen.config.json`,
 * an empty `peer-migrations/` and, when `dir` lies outside this repository, a `node_modules/` of symlinks to the
 * repository's copies of the ORMs (so the models, autogen and the peers' CLIs all load one copy of each).
 *
 * @param {string} dir project directory; use one per (adapter, dialect, N)
 * @param {{ adapter: 'drizzle'|'typeorm'|'mikro-orm', dialect: 'sqlite'|'postgresql', tables: number,
 *   variant?: 'initial'|'incremental', url: string }} options `url` in autogen's syntax (`sqlite:./bench.db`,
 *   a path, `postgres://postgres@127.0.0.1:5432/bench_x`); relative SQLite paths are relative to `dir`
 * @returns {{ dir: string, files: string[] }} the files written, relative to `dir`
 */
function generateProject(dir, options) {
  const o = checkOptions(options);
  const root = resolve(dir);
  mkdirSync(join(root, 'peer-migrations'), { recursive: true });
  linkPackages(root);
  const files = {
    'package.json': JSON.stringify(packageJson(o.adapter), null, 2) + '\n',
    'autogen.config.json': JSON.stringify(autogenConfig(o), null, 2) + '\n',
    ...peerConfigFiles(root, o),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  const models = writeVariant(root, o);
  return { dir: root, files: [...Object.keys(files), ...models] };
}

/**
 * Rewrites only the model files of a project {@link generateProject} wrote, for `options.variant` (`initial` by
 * default). Returns the files written, relative to `dir`.
 *
 * @param {string} dir
 * @param {{ adapter: string, dialect: string, tables: number, variant?: string }} options
 * @returns {string[]}
 */
function writeVariant(dir, options) {
  const o = checkOptions(options, false);
  const incremental = o.variant === 'incremental';
  const source =
    o.adapter === 'drizzle'
      ? drizzleSchema(o.dialect, o.tables, incremental)
      : o.adapter === 'typeorm'
        ? typeormEntities(o.dialect, o.tables, incremental)
        : mikroOrmEntities(o.dialect, o.tables, incremental);
  const [file] = MODEL_FILES[o.adapter];
  writeFileSync(join(resolve(dir), file), source);
  return [file];
}

function checkOptions(options, needUrl = true) {
  const { adapter, dialect, tables } = options || {};
  const variant = options?.variant ?? 'initial';
  if (!MODEL_FILES[adapter]) throw new Error(`adapter must be drizzle, typeorm or mikro-orm, not ${adapter}`);
  if (dialect !== 'sqlite' && dialect !== 'postgresql') throw new Error(`dialect must be sqlite or postgresql, not ${dialect}`);
  if (!Number.isInteger(tables) || tables < 2) throw new Error(`tables must be an integer >= 2 (t1 holds the changed FK), not ${tables}`);
  if (variant !== 'initial' && variant !== 'incremental') throw new Error(`variant must be initial or incremental, not ${variant}`);
  if (needUrl && (typeof options.url !== 'string' || !options.url)) throw new Error('url is required');
  return { adapter, dialect, tables, variant, url: options.url };
}

/** Symlinks the ORMs into `<dir>/node_modules` when `dir` cannot resolve them (it lies outside the repository). */
function linkPackages(dir) {
  const requireFrom = createRequire(join(dir, 'noop.js'));
  try {
    requireFrom.resolve('drizzle-orm');
    requireFrom.resolve('typeorm');
    requireFrom.resolve('@mikro-orm/core');
    return;
  } catch {
    // not visible from dir: link them below
  }
  for (const name of LINKED_PACKAGES) {
    const target = join(ROOT, 'node_modules', name);
    const link = join(dir, 'node_modules', name);
    if (!existsSync(target) || lstatSync(link, { throwIfNoEntry: false })) continue;
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}

/**
 * The project's package.json, as a real project would have it. The peers read it: TypeORM's CLI to decide ESM or
 * CommonJS, MikroORM's CLI its `mikro-orm` settings and its dependencies (it refuses to run unless
 * `@mikro-orm/cli` is a local dependency).
 */
function packageJson(adapter) {
  const packages = {
    drizzle: ['drizzle-orm', 'drizzle-kit', 'better-sqlite3', 'pg'],
    typeorm: ['typeorm', 'reflect-metadata', 'better-sqlite3', 'pg'],
    'mikro-orm': ['@mikro-orm/core', '@mikro-orm/cli', '@mikro-orm/migrations', '@mikro-orm/better-sqlite', '@mikro-orm/postgresql'],
  }[adapter];
  const dependencies = {};
  for (const name of packages) dependencies[name] = installedVersion(name);
  const json = { name: 'autogen-bench-project', private: true, type: 'commonjs', dependencies };
  if (adapter === 'mikro-orm') json['mikro-orm'] = { useTsNode: false, configPaths: ['./mikro-orm.config.js'] };
  return json;
}

function installedVersion(name) {
  try {
    return require(join(ROOT, 'node_modules', name, 'package.json')).version;
  } catch {
    return '*';
  }
}

function autogenConfig({ adapter, dialect, url }) {
  const config = { dialect, url, adapter, models: [`./${MODEL_FILES[adapter][0]}`] };
  if (adapter === 'typeorm') config.dataSource = './data-source.js';
  if (adapter === 'mikro-orm') config.ormConfig = './mikro-orm.config.js';
  return config;
}

/**
 * The SQLite file a URL in autogen's syntax names, through autogen's own parser (so every tool opens the same file).
 * @param {string} url
 * @param {string} baseDir
 * @returns {string} absolute path
 */
function sqliteFile(url, baseDir) {
  const { parseSqliteUrl } = require('@autogen/dialect-sqlite');
  const location = parseSqliteUrl(url, baseDir);
  if (location.kind !== 'file') throw new Error(`the benchmark needs a SQLite file, not ${url}`);
  return location.path;
}

function peerConfigFiles(dir, { adapter, dialect, url }) {
  const db = dialect === 'sqlite' ? sqliteFile(url, dir) : undefined;
  switch (adapter) {
    case 'drizzle':
      return { 'drizzle.config.ts': drizzleConfig(dialect, db ?? url) };
    case 'typeorm':
      return { 'data-source.js': typeormDataSource(dialect, db ?? url) };
    case 'mikro-orm':
      return { 'mikro-orm.config.js': mikroOrmConfig(dialect, db ?? url) };
    default:
      throw new Error(`unknown adapter ${adapter}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Drizzle

/**
 * Two SQLite spellings keep drizzle-kit from seeing changes that are not there:
 * - the unique is a `uniqueIndex()`: drizzle-kit writes and reads a SQLite unique as `CREATE UNIQUE INDEX`, does not
 *   see an inline `CONSTRAINT ... UNIQUE` (which is what autogen writes for `unique()`), and `push` would add a
 *   second, duplicate unique index to every table;
 * - the default is spelled `sql\`(CURRENT_TIMESTAMP)\``, as drizzle's documentation does: drizzle-kit reads
 * an unparenthesized `DEFAULT CURRENT_TIMESTAMP` back as a different default and `push` would rebuild every table
 * on every run, even with no model change.
 */
function drizzleSchema(dialect, n, incremental) {
  const pg = dialect === 'postgresql';
  const table = pg ? 'pgTable' : 'sqliteTable';
  const lines = [
    '// Generated by scripts/bench/generate-project.js',
    "import { sql } from 'drizzle-orm';",
    pg
      ? "import { doublePrecision, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';"
      : "import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';",
    '',
  ];
  for (let i = 0; i < n; i++) {
    const onDelete = incremental && i === 1 ? "{ onDelete: 'cascade' }" : "{ onDelete: 'no action', onUpdate: 'no action' }";
    const fk = i % 2 === 1 ? `.references(() => t${i - 1}.id, ${onDelete})` : '';
    const emailNotNull = incremental && i === 0 ? '.notNull()' : '';
    lines.push(`export const t${i} = ${table}('t${i}', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email')${emailNotNull},
  score: ${pg ? "doublePrecision('score')" : "real('score')"}.default(0),
  count: integer('count').notNull().default(0),
  note: text('note'),
  created: ${pg ? "timestamp('created').default(sql\`CURRENT_TIMESTAMP\`)" : "text('created').default(sql\`(CURRENT_TIMESTAMP)\`)"},
  parent: integer('parent')${fk},
}, (t) => [index('t${i}_name_idx').on(t.name), ${pg ? 'unique' : 'uniqueIndex'}('t${i}_email_uq').on(t.email)]);
`);
  }
  return lines.join('\n');
}

function drizzleConfig(dialect, location) {
  const config = {
    dialect,
    schema: './schema.ts',
    dbCredentials: { url: location },
    // autogen's history tables are not models: without the filter `push` would drop them.
    tablesFilter: ['!autogen_*'],
  };
  return `// Generated by scripts/bench/generate-project.js: drizzle-kit's config for the benchmark project.
export default ${JSON.stringify(config, null, 2)};
`;
}

// ---------------------------------------------------------------------------------------------------------------
// TypeORM

function typeormEntities(dialect, n, incremental) {
  const pg = dialect === 'postgresql';
  const out = [
    "'use strict';",
    '// Generated by scripts/bench/generate-project.js: TypeORM EntitySchemas (plain JS: no ts-node needed).',
    "const { EntitySchema } = require('typeorm');",
    '',
    'const entities = [];',
  ];
  for (let i = 0; i < n; i++) {
    const columns = {
      id: { type: 'integer', primary: true },
      name: { type: 'text' },
      email: { type: 'text', nullable: !(incremental && i === 0) },
      score: { type: pg ? 'double precision' : 'real', nullable: true, default: 0 },
      count: { type: 'integer', default: 0 },
      note: { type: 'text', nullable: true },
      created: { type: pg ? 'timestamp' : 'text', nullable: true, default: '@@CURRENT_TIMESTAMP@@' },
      parent: { type: 'integer', nullable: true },
    };
    const spec = {
      name: `t${i}`,
      tableName: `t${i}`,
      columns,
      indices: [{ name: `t${i}_name_idx`, columns: ['name'] }],
      uniques: [{ name: `t${i}_email_uq`, columns: ['email'] }],
    };
    if (i % 2 === 1) {
      // The relation shares the `parent` column declared above (TypeORM's "relation with an explicit FK column").
      spec.relations = {
        parentRef: {
          type: 'many-to-one',
          target: `t${i - 1}`,
          joinColumn: { name: 'parent', referencedColumnName: 'id' },
          onDelete: incremental && i === 1 ? 'CASCADE' : 'NO ACTION',
          onUpdate: 'NO ACTION',
        },
      };
    }
    const text = JSON.stringify(spec).replace('"@@CURRENT_TIMESTAMP@@"', "() => 'CURRENT_TIMESTAMP'");
    out.push(`entities.push(new EntitySchema(${text}));`);
  }
  out.push('', 'module.exports = entities;', 'module.exports.entities = entities;', '');
  return out.join('\n');
}

function typeormDataSource(dialect, location) {
  const options =
    dialect === 'postgresql'
      ? `type: 'postgres',\n  url: ${JSON.stringify(location)},`
      : `type: 'better-sqlite3',\n  database: ${JSON.stringify(location)},`;
  return `'use strict';
// Generated by scripts/bench/generate-project.js: the TypeORM DataSource for \`typeorm migration:generate -d\`.
const { DataSource } = require('typeorm');
const entities = require('./entities.js');

const dataSource = new DataSource({
  ${options}
  entities,
  migrations: [],
  synchronize: false,
  logging: false,
});

module.exports = dataSource;
module.exports.dataSource = dataSource;
`;
}

// ---------------------------------------------------------------------------------------------------------------
// MikroORM

function mikroOrmEntities(dialect, n, incremental) {
  const pg = dialect === 'postgresql';
  const out = [
    "'use strict';",
    '// Generated by scripts/bench/generate-project.js: MikroORM EntitySchemas (plain JS: no ts-node needed).',
    "const { EntitySchema } = require('@mikro-orm/core');",
    '',
    'const entities = [];',
  ];
  for (let i = 0; i < n; i++) {
    const properties = {
      id: { type: 'integer', primary: true, autoincrement: false },
      name: { type: 'text' },
      email: { type: 'text', nullable: !(incremental && i === 0) },
      score: { type: 'double', columnType: pg ? 'double precision' : 'real', nullable: true, default: 0 },
      count: { type: 'integer', default: 0 },
      note: { type: 'text', nullable: true },
      created: { type: 'string', columnType: pg ? 'timestamp' : 'text', nullable: true, defaultRaw: 'CURRENT_TIMESTAMP' },
      parent:
        i % 2 === 1
          ? {
              kind: 'm:1',
              entity: `t${i - 1}`,
              fieldName: 'parent',
              nullable: true,
              // MikroORM indexes every FK column by default; the other ORMs do not, so neither does the benchmark.
              index: false,
              // MikroORM's defaults would be ON UPDATE CASCADE and, being nullable, ON DELETE SET NULL.
              deleteRule: incremental && i === 1 ? 'cascade' : 'no action',
              updateRule: 'no action',
            }
          : { type: 'integer', nullable: true },
    };
    const spec = {
      name: `t${i}`,
      tableName: `t${i}`,
      properties,
      indexes: [{ name: `t${i}_name_idx`, properties: ['name'] }],
      uniques: [{ name: `t${i}_email_uq`, properties: ['email'] }],
    };
    out.push(`entities.push(new EntitySchema(${JSON.stringify(spec)}));`);
  }
  out.push('', 'module.exports = entities;', 'module.exports.entities = entities;', '');
  return out.join('\n');
}

function mikroOrmConfig(dialect, location) {
  const pg = dialect === 'postgresql';
  return `'use strict';
// Generated by scripts/bench/generate-project.js: the MikroORM config for \`mikro-orm migration:create\`.
const { defineConfig } = require('@mikro-orm/core');
const { ${pg ? 'PostgreSqlDriver' : 'BetterSqliteDriver'} } = require('${pg ? '@mikro-orm/postgresql' : '@mikro-orm/better-sqlite'}');
const { Migrator } = require('@mikro-orm/migrations');
const entities = require('./entities.js');

module.exports = defineConfig({
  driver: ${pg ? 'PostgreSqlDriver' : 'BetterSqliteDriver'},
  ${pg ? `clientUrl: ${JSON.stringify(location)}` : `dbName: ${JSON.stringify(location)}`},
  baseDir: __dirname,
  entities,
  extensions: [Migrator],
  // JS entities carry their types: nothing to reflect, nothing to cache on disk between runs.
  metadataCache: { enabled: false },
  discovery: { warnWhenNoEntities: false },
  debug: false,
  // snapshot: false makes migration:create diff against the LIVE database, as autogen does.
  migrations: { path: './peer-migrations', snapshot: false, emit: 'js' },
  // autogen's history tables are not entities: without this MikroORM would propose dropping them.
  schemaGenerator: { skipTables: ['autogen_version', 'autogen_revision_log'] },
});
`;
}

module.exports = { generateProject, writeVariant, MODEL_FILES, sqliteFile };
