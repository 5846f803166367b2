import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { drizzleAdapter } from '@autogen/adapter-drizzle';
import { compare } from '@autogen/compare';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import { CHECK_REPORT_VERSION, DIFFERENCE_KINDS, checkExitCode, checkStatus, type CheckReport, type Difference } from '../../src/report/check-report';
import { driftDifferences } from '../../src/report/drift-differences';
import { locateDifferences } from '../../src/report/source-location';
import { buildReport, linkPackages, removeTempDirs, repoRoot, sqliteSchema, tempDir, writeFiles } from './report-support';

afterAll(removeTempDirs);

const schemaFile = join(repoRoot, 'docs', 'schemas', 'check-report.v1.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $defs: { difference: { properties: { kind: { enum: string[] } } } } };
// strict: unknown keywords, ignored keywords and type mistakes in the schema itself are errors, not warnings.
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

/** The schema's errors for `document`, as `path message` lines; empty when it is valid. */
function errors(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const MODELS = `import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  email: text('email').notNull().unique(),
  nickname: text('nickname'),
});

export const posts = sqliteTable('posts', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
});
`;

/** Differences between a real SQLite database and Drizzle models, located in the model file. */
async function realDifferences(): Promise<{ differences: Difference[]; dir: string }> {
  const dir = tempDir();
  linkPackages(dir, ['drizzle-orm']);
  const files = writeFiles(dir, { 'src/schema.ts': MODELS });
  const loaded = await drizzleAdapter.load({ files, dialect: 'sqlite', projectDir: dir });
  const database = await sqliteSchema(`
    CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, legacy text);
    CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id), title varchar(80));
    CREATE TABLE old_stuff (id integer PRIMARY KEY);
  `);
  const ops = compare(database, sqliteDialect.normalize(loaded.schema), { capabilities: sqliteDialect.capabilities }).ops;
  return { differences: locateDifferences(driftDifferences(ops), loaded.sources), dir };
}

describe('the check report JSON Schema (docs/schemas/check-report.v1.json)', () => {
  let drift: CheckReport;
  beforeAll(async () => {
    const { differences, dir } = await realDifferences();
    drift = buildReport({
      revisions: { applied: ['a1b2c3'], heads: ['d4e5f6'] },
      pending: [{ id: 'd4e5f6', message: 'add nickname', file: join(dir, 'migrations', 'd4e5f6.ts') }],
      differences,
      tampered: [{ revision: 'a1b2c3', message: 'revision a1b2c3 changed since it was applied' }],
    });
  });

  it('is version 1 and lists exactly the kinds driftDifferences can report', () => {
    expect(CHECK_REPORT_VERSION).toBe(1);
    expect(schema.$defs.difference.properties.kind.enum).toEqual([...DIFFERENCE_KINDS]);
  });

  it('accepts a drift report built from a real database and real models, JSON round trip included', () => {
    expect(drift.status).toBe('drift');
    expect(drift.exitCode).toBe(1);
    // The premise: the report holds the shapes under test (located differences, a rebuild's pair, a drop).
    expect(drift.differences.map((d) => [d.kind, d.table, d.column ?? null, d.source !== undefined])).toEqual([
      ['alterForeignKey', 'posts', 'user_id', true],
      ['alterColumn', 'posts', 'title', true],
      ['addColumn', 'users', 'nickname', true],
      ['dropColumn', 'users', 'legacy', true],
      ['createUnique', 'users', 'email', true],
      ['dropTable', 'old_stuff', null, false],
    ]);
    expect(errors(drift)).toEqual([]);
    expect(errors(JSON.parse(JSON.stringify(drift)))).toEqual([]);
  });

  it('accepts clean, failed (verification and lint), offline and error reports', () => {
    const clean = buildReport({ revisions: { applied: ['a1'], heads: ['a1'] } });
    const failed = buildReport({
      verification: [
        { revision: 'a1', file: 'migrations/a1.ts', step: 'upgrade', ok: true },
        { revision: 'a1', file: 'migrations/a1.ts', step: 'downgrade', ok: false, operation: 'drop table users', error: 'no such table: users' },
      ],
      lint: [{ rule: 'no-drop-column', severity: 'error', message: 'drops users.legacy', revision: 'a1', file: 'migrations/a1.ts', table: 'users', column: 'legacy' }],
    });
    const offline = buildReport({ mode: 'offline', dialect: 'postgresql', revisions: { applied: [], heads: ['a1'] }, lint: [{ rule: 'x', severity: 'info', message: 'fyi' }] });
    const error = buildReport({ dialect: null, error: { message: 'cannot read the config', hint: 'fix it' } });
    expect([clean.status, failed.status, offline.status, error.status]).toEqual(['clean', 'failed', 'clean', 'error']);
    for (const report of [clean, failed, offline, error]) expect(errors(report)).toEqual([]);
  });

  it('accepts every example document in docs/json-output.md', () => {
    const docs = readFileSync(join(repoRoot, 'docs', 'json-output.md'), 'utf8');
    const examples = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as CheckReport);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      expect(errors(example)).toEqual([]);
      // The examples' status and exit code are the ones the findings add up to.
      expect([example.status, example.exitCode]).toEqual([checkStatus(example, 'error'), checkExitCode(checkStatus(example, 'error'))]);
    }
  });

  it.each<[string, (report: Record<string, unknown>) => unknown, string]>([
    ['a missing list', ({ differences: _, ...rest }) => rest, " must have required property 'differences'"],
    ['an unknown top-level field', (r) => ({ ...r, extra: true }), ' must NOT have additional properties'],
    ['another schemaVersion', (r) => ({ ...r, schemaVersion: 2 }), '/schemaVersion must be equal to constant'],
    ['an exit code that does not match the status', (r) => ({ ...r, exitCode: 0 }), '/exitCode must be equal to constant'],
    ['a clean status with differences', (r) => ({ ...r, status: 'clean', exitCode: 0 }), '/differences must NOT have more than 0 items'],
    ['an error object without status error', (r) => ({ ...r, error: { message: 'x' } }), '/error boolean schema is false'],
    ['status error without an error object', (r) => ({ ...r, status: 'error', exitCode: 2 }), " must have required property 'error'"],
    ['a null dialect when the check ran', (r) => ({ ...r, dialect: null }), '/dialect must be equal to one of the allowed values'],
    ['an unknown difference kind', (r) => ({ ...r, differences: [{ ...first(r), kind: 'rebuildTable' }] }), '/differences/0/kind must be equal to one of the allowed values'],
    ['an unknown difference field', (r) => ({ ...r, differences: [{ ...first(r), severity: 'high' }] }), '/differences/0 must NOT have additional properties'],
    ['a source line 0', (r) => ({ ...r, differences: [{ ...first(r), source: { file: 'src/schema.ts', line: 0 } }] }), '/differences/0/source/line must be >= 1'],
    ['a create with a before side', (r) => ({ ...r, differences: [{ kind: 'addColumn', table: 't', column: 'c', before: 'text', after: 'text', description: 'x' }] }), '/differences/0/before must be equal to constant'],
    ['a column kind without its column', (r) => ({ ...r, differences: [{ kind: 'dropColumn', table: 't', before: 'text', after: null, description: 'x' }] }), "/differences/0 must have required property 'column'"],
    ['an enum kind with a table', (r) => ({ ...r, differences: [{ kind: 'createEnum', table: 'mood', enum: 'mood', before: null, after: "('a')", description: 'x' }] }), '/differences/0/table must be equal to constant'],
    ['an unknown verification step', (r) => ({ ...r, verification: [{ revision: 'a', file: 'a.ts', step: 'sideways', ok: false }] }), '/verification/0/step must be equal to one of the allowed values'],
    ['a lint finding without severity', (r) => ({ ...r, lint: [{ rule: 'x', message: 'y' }] }), "/lint/0 must have required property 'severity'"],
    ['applied revisions that are not ids', (r) => ({ ...r, revisions: { applied: [1], heads: [] } }), '/revisions/applied/0 must be string'],
  ])('rejects %s', (_, change, message) => {
    const changed = change(JSON.parse(JSON.stringify(drift)) as Record<string, unknown>);
    expect(errors(changed)).toContain(message);
  });
});

function first(report: Record<string, unknown>): Record<string, unknown> {
  return (report.differences as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
}
