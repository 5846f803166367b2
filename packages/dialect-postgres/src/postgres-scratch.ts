import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Connection, ScratchOptions } from '@autogen/dialect';
import { PostgresQueryError } from './postgres-connection';
import { quoteIdentifier } from './postgres-quote';

type PgliteModule = typeof import('@electric-sql/pglite');
type PgliteInstance = InstanceType<PgliteModule['PGlite']>;

/**
 * Type OIDs whose text PGlite would parse where `pg` keeps the text: `int8` and `numeric` come back as strings from
 * `pg` (https://node-postgres.com/features/types), and the introspector and probes are written for that.
 */
const KEEP_AS_TEXT = [20, 1700] as const;

/**
 * A {@link Connection} to an in-process PGlite instance (PostgreSQL compiled to WebAssembly,
 * https://pglite.dev/docs/api): the scratch database of `autogen check --offline`. Closing it discards the
 * database. Calls run one at a time in call order, like {@link PostgresConnection}.
 */
export class PgliteConnection implements Connection {
  readonly description = 'embedded PostgreSQL (PGlite, in memory)';
  readonly #db: PgliteInstance;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: PgliteInstance) {
    this.#db = db;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: ReadonlyArray<unknown>): Promise<T[]> {
    const results = await this.#run(sql, params);
    return ((results[results.length - 1]?.rows ?? []) as T[]);
  }

  async execute(sql: string, params?: ReadonlyArray<unknown>): Promise<number> {
    const results = await this.#run(sql, params);
    return results[results.length - 1]?.affectedRows ?? 0;
  }

  async close(): Promise<void> {
    if (!this.#db.closed) await this.#db.close();
  }

  #run(sql: string, params: ReadonlyArray<unknown> | undefined): Promise<ReadonlyArray<{ rows: unknown[]; affectedRows?: number }>> {
    const run = this.#queue.then(async () => {
      try {
        // As with `pg`: without values several statements may be sent at once (simple query protocol).
        return params === undefined ? await this.#db.exec(sql) : [await this.#db.query(sql, [...params])];
      } catch (error) {
        const e = (error ?? {}) as { message?: unknown; code?: unknown; detail?: unknown; hint?: unknown };
        const detail = typeof e.detail === 'string' && e.detail ? e.detail : undefined;
        throw new PostgresQueryError(
          `${String(e.message ?? error)}${detail ? ` (${detail})` : ''}`,
          typeof e.code === 'string' ? e.code : undefined,
          detail,
          typeof e.hint === 'string' && e.hint ? e.hint : undefined,
          { cause: error },
        );
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** The installed PGlite's version (its package.json is not in its "exports", so it is read from disk). */
function pgliteVersion(): string {
  const packageJson = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  return String((JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version);
}

/**
 * Starts an empty in-memory PostgreSQL (PGlite) in this process. initdb takes about 2 s in WebAssembly, so a
 * fresh cluster's data directory is kept in the OS temp folder, keyed by PGlite's version, and loaded from there
 * on later runs (about 0.5 s; https://pglite.dev/docs/api#dumpdatadir). The schemas of `searchPath` are created
 * and set as the search path, as `connect` does on a server.
 *
 * PGlite is required here, not at module load: only `check --offline` needs it.
 */
export async function openPostgresScratch(options: ScratchOptions = {}): Promise<PgliteConnection> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load, see above
  const { PGlite } = require('@electric-sql/pglite') as PgliteModule;
  const parsers = Object.fromEntries(KEEP_AS_TEXT.map((oid) => [oid, (text: string) => text]));
  const cache = join(tmpdir(), `autogen-pglite-${pgliteVersion()}-initdb.tar.gz`);
  let db: PgliteInstance | undefined;
  try {
    db = await PGlite.create({ loadDataDir: new Blob([readFileSync(cache)]), parsers });
  } catch {
    // No cache yet, or an unreadable one: initdb, then write the cache atomically (another process may be
    // writing it at the same moment).
  }
  if (!db) {
    db = await PGlite.create({ parsers });
    try {
      const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
      const partial = `${cache}.${process.pid}`;
      writeFileSync(partial, dump);
      renameSync(partial, cache);
    } catch {
      // Only a cache: the next run pays for initdb again.
    }
  }
  const connection = new PgliteConnection(db);
  const schemas = options.searchPath ?? [];
  if (schemas.length) {
    const names = schemas.map(quoteIdentifier);
    await connection.execute(`${names.map((n) => `CREATE SCHEMA IF NOT EXISTS ${n};`).join(' ')} SET search_path TO ${names.join(', ')}`);
  }
  return connection;
}
