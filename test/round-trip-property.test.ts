/**
 * The generated round-trip property on real SQLite files and a real PostgreSQL server: for every generated
 * (current schema, rows, target schema) case, autogen creates the current schema, writes and applies the revision to
 * the target (`check` clean, every surviving value kept), and its downgrade restores the schema exactly (see
 * test/property/round-trip-runner.ts).
 *
 * Budget: `AUTOGEN_PROPERTY_RUNS` cases per dialect (default 300), from the seed `AUTOGEN_PROPERTY_SEED` (default a
 * fixed one, so `npm test` is repeatable; `random` for a new one each run). A failure prints the seed and the shrunk
 * case (schema pair, renames, rows); replay it with `AUTOGEN_PROPERTY_SEED=<seed> AUTOGEN_PROPERTY_PATH=<path>`.
 * `node scripts/soak.js` runs long soaks.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectName } from '@autogen/schema';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import { postgresDialect } from '@autogen/dialect-postgres';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { makeProject } from './support/cli';
import { roundTripCaseArbitrary, type RoundTripCase } from './property/round-trip-case-arbitrary';
import { runRoundTrip, type CaseDatabase } from './property/round-trip-runner';
import { toSchema } from './property/generated-schema';

const RUNS = Number(process.env.AUTOGEN_PROPERTY_RUNS ?? 300);
const SEED_SETTING = process.env.AUTOGEN_PROPERTY_SEED ?? '20261127';
const SEED = SEED_SETTING === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_SETTING);
const PATH = process.env.AUTOGEN_PROPERTY_PATH;
const DIALECTS = (process.env.AUTOGEN_PROPERTY_DIALECTS ?? 'sqlite,postgresql').split(',');

jest.setTimeout(60 * 60 * 1000);

/** The case in a form a reader can rebuild by hand: the two schemas as autogen sees them, renames and rows. */
function describeCase(c: RoundTripCase): string {
  return JSON.stringify(
    { changes: c.changes, renames: c.renames, namingConvention: c.namingConvention, current: toSchema(c.current, c.dialect), target: toSchema(c.target, c.dialect), rows: c.rows },
    (_, value: unknown) => (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' ? `<bytes ${JSON.stringify((value as { data: unknown }).data)}>` : value),
    1,
  );
}

async function property(dialectName: DialectName, database: (dir: string) => Promise<CaseDatabase>): Promise<number> {
  let ran = 0;
  const details = await fc.check(
    fc.asyncProperty(roundTripCaseArbitrary(dialectName), async (c) => {
      const dir = mkdtempSync(join(base, `${dialectName}-`));
      try {
        await runRoundTrip(c, await database(dir));
        ran++;
      } catch (error) {
        throw new Error(`${(error as Error).message}\n\ncase:\n${describeCase(c)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}), endOnFailure: process.env.AUTOGEN_PROPERTY_SHRINK === '0' },
  );
  if (details.failed) {
    // fast-check's own report prints the whole counterexample as one line; this one prints the shrunk case readably.
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `round trip failed on ${dialectName} after ${details.numRuns} case(s), shrunk ${details.numShrinks} time(s)\n` +
        `replay: AUTOGEN_PROPERTY_SEED=${details.seed} AUTOGEN_PROPERTY_PATH=${details.counterexamplePath ?? ''} AUTOGEN_PROPERTY_DIALECTS=${dialectName} npx jest test/round-trip-property.test.ts\n\n${error}`,
    );
  }
  return ran;
}

const base = makeProject('round-trip');

afterAll(() => rmSync(base, { recursive: true, force: true }));

if (DIALECTS.includes('sqlite')) describe('generated round trips on SQLite', () => {
  test(`${RUNS} generated cases (seed ${SEED})`, async () => {
    const ran = await property('sqlite', async (dir) => ({
      dir,
      url: `sqlite:${join(dir, 'app.db')}`,
      dialect: sqliteDialect,
      connect: () => sqliteDialect.connect(`sqlite:${join(dir, 'app.db')}`, { baseDir: dir, mustExist: true }),
    }));
    expect(ran).toBeGreaterThanOrEqual(RUNS);
  });
});

if (DIALECTS.includes('postgresql')) describe('generated round trips on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('round_trip');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test(`${RUNS} generated cases (seed ${SEED})`, async () => {
    const ran = await property('postgresql', async (dir) => {
      // Each case starts from an empty database: the public schema (and the enum types in it) recreated.
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      return {
        dir,
        url: db.url,
        dialect: postgresDialect,
        connect: () => postgresDialect.connect(db.url, { baseDir: dir, mustExist: true, searchPath: ['public'] }),
      };
    });
    expect(ran).toBeGreaterThanOrEqual(RUNS);
  });
});
