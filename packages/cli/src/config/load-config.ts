import { existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { DialectName, NamingConvention, OrmAdapter } from '@autogen/schema';
import { ConfigError } from '../errors';
import type { AdapterName, AutogenConfig } from './autogen-config';

/** Config file names looked for in the working directory, in this order. */
export const CONFIG_FILE_NAMES = [
  'autogen.config.ts',
  'autogen.config.mts',
  'autogen.config.js',
  'autogen.config.mjs',
  'autogen.config.cjs',
  'autogen.config.json',
] as const;

const DIALECTS: ReadonlyArray<DialectName> = ['sqlite', 'postgresql'];
const ADAPTERS: ReadonlyArray<AdapterName> = ['drizzle', 'typeorm', 'mikro-orm'];
const KNOWN_KEYS = ['dialect', 'url', 'adapter', 'models', 'migrations', 'namingConvention', 'renames', 'exclude', 'schemas', 'concurrentIndexes', 'dataSource', 'ormConfig'];
const CONVENTION_KEYS = ['ix', 'uq', 'ck', 'fk', 'pk'];

/** A validated config with paths made absolute and the database URL chosen. */
export interface ResolvedConfig {
  /** Absolute path of the config file, or `undefined` when the config was given as an object. */
  readonly file: string | undefined;
  /** Directory paths are relative to. */
  readonly dir: string;
  readonly dialect: DialectName;
  /** A shipped adapter's name, or a custom adapter object. */
  readonly adapter: AdapterName | OrmAdapter;
  /** The database URL (`--url` > `DATABASE_URL` > config), or undefined when none is set. */
  readonly url: string | undefined;
  /** Where the URL came from, for messages. */
  readonly urlSource: '--url' | 'DATABASE_URL' | 'config' | undefined;
  /** Model patterns as written. */
  readonly models: ReadonlyArray<string>;
  /** Absolute path of the TypeORM DataSource module, when configured. */
  readonly dataSource: string | undefined;
  /** Absolute path of the MikroORM config module, when configured. */
  readonly ormConfig: string | undefined;
  /** Absolute migrations folder. */
  readonly migrationsDir: string;
  readonly namingConvention: NamingConvention | undefined;
  readonly renames: ReadonlyArray<string>;
  /** Table names or `*` patterns autogen leaves alone, on both sides (defaults not included). */
  readonly exclude: ReadonlyArray<string>;
  /** PostgreSQL schemas to manage; the first is the default one. `['public']` unless configured. */
  readonly schemas: ReadonlyArray<string>;
  /** Create/drop indexes on existing tables CONCURRENTLY (PostgreSQL). */
  readonly concurrentIndexes: boolean;
}

/** Overrides from the command line. */
export interface ConfigOverrides {
  readonly url?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Finds the config file: `explicit` (from `--config`) or the first of {@link CONFIG_FILE_NAMES} in `cwd`. */
export function findConfigFile(cwd: string, explicit?: string): string {
  if (explicit) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${file}`, 'check the --config path');
    return file;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new ConfigError(
    `no autogen config file in ${cwd} (looked for ${CONFIG_FILE_NAMES.join(', ')})`,
    'run `autogen init` to write one, or pass --config <file>',
  );
}

/** Reads and validates a config file. */
export async function loadConfigFile(file: string, overrides: ConfigOverrides = {}): Promise<ResolvedConfig> {
  let raw: unknown;
  if (extname(file) === '.json') {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    const { loadModule, ModuleLoadError } = require('@autogen/loader') as typeof import('@autogen/loader');
    try {
      const exports = await loadModule(file);
      raw = exports.default ?? exports.config ?? exports;
      if (raw && typeof raw === 'object' && 'default' in raw && Object.keys(raw).length === 1) raw = (raw as { default: unknown }).default;
    } catch (error) {
      const cause = error instanceof ModuleLoadError && error.cause instanceof Error ? error.cause.message : (error as Error).message;
      throw new ConfigError(`cannot load config file ${file}: ${cause}`, 'fix the error in the config file (run with --verbose for the stack trace)');
    }
  }
  return resolveConfig(raw, dirname(file), file, overrides);
}

/**
 * Validates a config object (from a file or given programmatically) and resolves it against `dir`. Each problem
 * gets a message naming the key and the file, and how to fix it.
 */
export function resolveConfig(raw: unknown, dir: string, file: string | undefined, overrides: ConfigOverrides = {}): ResolvedConfig {
  const where = file ? basename(file) : 'config';
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${where} must export a config object (export default defineConfig({ ... }))`);
  }
  const config = raw as Partial<Record<keyof AutogenConfig, unknown>> & Record<string, unknown>;
  const unknownKeys = Object.keys(config).filter((k) => !KNOWN_KEYS.includes(k));
  if (unknownKeys.length) {
    throw new ConfigError(`${where}: unknown key ${unknownKeys.map((k) => `"${k}"`).join(', ')}`, `known keys: ${KNOWN_KEYS.join(', ')}`);
  }
  const dialect = requireOneOf(config.dialect, DIALECTS, 'dialect', where);
  const adapter = isOrmAdapter(config.adapter) ? config.adapter : requireOneOf(config.adapter, ADAPTERS, 'adapter', where);
  if (config.dataSource !== undefined && (typeof config.dataSource !== 'string' || config.dataSource.length === 0)) {
    throw new ConfigError(`${where}: "dataSource" must be the path of the module exporting your DataSource`, 'e.g. dataSource: "./src/data-source.ts"');
  }
  if (config.dataSource !== undefined && adapter !== 'typeorm') {
    throw new ConfigError(`${where}: "dataSource" applies to adapter "typeorm" only`, 'use "models" for this adapter');
  }
  if (config.ormConfig !== undefined && (typeof config.ormConfig !== 'string' || config.ormConfig.length === 0)) {
    throw new ConfigError(`${where}: "ormConfig" must be the path of your MikroORM config module`, 'e.g. ormConfig: "./src/mikro-orm.config.ts"');
  }
  if (config.ormConfig !== undefined && adapter !== 'mikro-orm') {
    throw new ConfigError(`${where}: "ormConfig" applies to adapter "mikro-orm" only`, 'use "models" for this adapter');
  }
  const configModule = config.dataSource ?? config.ormConfig;
  const models = config.models === undefined && configModule !== undefined ? [] : typeof config.models === 'string' ? [config.models] : config.models;
  if (!Array.isArray(models) || (models.length === 0 && configModule === undefined) || !models.every((m) => typeof m === 'string' && m.length > 0)) {
    throw new ConfigError(
      `${where}: "models" is ${config.models === undefined ? 'missing' : 'invalid'}`,
      adapter === 'typeorm'
        ? 'set models to your entity files (e.g. models: ["./src/entities/*.ts"]) or dataSource to your DataSource module'
        : adapter === 'mikro-orm'
          ? 'set models to your entity files (e.g. models: ["./src/entities/*.ts"]) or ormConfig to your mikro-orm.config.ts'
        : 'set models to a path or glob of your model files, e.g. models: ["./src/schema.ts"]',
    );
  }
  if (config.migrations !== undefined && typeof config.migrations !== 'string') {
    throw new ConfigError(`${where}: "migrations" must be a folder path`, 'e.g. migrations: "./migrations"');
  }
  if (config.url !== undefined && typeof config.url !== 'string') throw new ConfigError(`${where}: "url" must be a string`);
  const namingConvention = validateConvention(config.namingConvention, where);
  const renames = config.renames ?? [];
  if (!Array.isArray(renames) || !renames.every((r) => typeof r === 'string')) {
    throw new ConfigError(`${where}: "renames" must be a list of strings like "users.fullname=full_name"`);
  }
  const exclude = config.exclude ?? [];
  if (!Array.isArray(exclude) || !exclude.every((r) => typeof r === 'string' && r.length > 0)) {
    throw new ConfigError(`${where}: "exclude" must be a list of table names or patterns like "legacy_*"`);
  }
  const schemas = config.schemas ?? ['public'];
  if (!Array.isArray(schemas) || schemas.length === 0 || !schemas.every((r) => typeof r === 'string' && r.length > 0)) {
    throw new ConfigError(`${where}: "schemas" must be a non-empty list of schema names, e.g. ["public", "audit"]`);
  }
  if (config.schemas !== undefined && dialect !== 'postgresql') {
    throw new ConfigError(`${where}: "schemas" applies to dialect "postgresql" only`, 'remove "schemas" from the config');
  }
  if (config.concurrentIndexes !== undefined && typeof config.concurrentIndexes !== 'boolean') {
    throw new ConfigError(`${where}: "concurrentIndexes" must be true or false`);
  }
  const env = overrides.env ?? process.env;
  const [url, urlSource] = overrides.url
    ? [overrides.url, '--url' as const]
    : env.DATABASE_URL
      ? [env.DATABASE_URL, 'DATABASE_URL' as const]
      : typeof config.url === 'string'
        ? [config.url, 'config' as const]
        : [undefined, undefined];
  const migrations = (config.migrations as string | undefined) ?? './migrations';
  return {
    file,
    dir,
    dialect,
    adapter,
    url,
    urlSource,
    models: models as string[],
    dataSource: typeof config.dataSource === 'string' ? (isAbsolute(config.dataSource) ? config.dataSource : resolve(dir, config.dataSource)) : undefined,
    ormConfig: typeof config.ormConfig === 'string' ? (isAbsolute(config.ormConfig) ? config.ormConfig : resolve(dir, config.ormConfig)) : undefined,
    migrationsDir: isAbsolute(migrations) ? migrations : resolve(dir, migrations),
    namingConvention,
    renames: renames as string[],
    exclude: exclude as string[],
    schemas: schemas as string[],
    concurrentIndexes: config.concurrentIndexes === true,
  };
}

/** A custom adapter object: a `name` and a `load` function (see {@link OrmAdapter}). */
function isOrmAdapter(value: unknown): value is OrmAdapter {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<OrmAdapter>;
  return typeof candidate.name === 'string' && typeof candidate.load === 'function';
}

function requireOneOf<T extends string>(value: unknown, allowed: ReadonlyArray<T>, key: string, where: string): T {
  if (value === undefined) throw new ConfigError(`${where}: "${key}" is missing`, `set ${key} to one of: ${allowed.join(', ')}`);
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new ConfigError(`${where}: unknown ${key} "${String(value)}"`, `supported: ${allowed.join(', ')}`);
  }
  return value as T;
}

function validateConvention(value: unknown, where: string): NamingConvention | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object') throw new ConfigError(`${where}: "namingConvention" must be an object like { ix: 'ix_%(column_0_label)s' }`);
  for (const [k, v] of Object.entries(value)) {
    if (!CONVENTION_KEYS.includes(k)) throw new ConfigError(`${where}: namingConvention has unknown key "${k}"`, `known keys: ${CONVENTION_KEYS.join(', ')}`);
    if (typeof v !== 'string') throw new ConfigError(`${where}: namingConvention.${k} must be a template string`);
  }
  return value as NamingConvention;
}
