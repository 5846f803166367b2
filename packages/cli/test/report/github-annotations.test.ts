import { join } from 'node:path';
import { drizzleAdapter } from '@autogen/adapter-drizzle';
import { compare } from '@autogen/compare';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import type { CheckReport } from '../../src/report/check-report';
import { driftDifferences } from '../../src/report/drift-differences';
import { escapeData, escapeProperty, githubAnnotations } from '../../src/report/github-annotations';
import { locateDifferences } from '../../src/report/source-location';
import { buildReport, lineOf, linkPackages, removeTempDirs, sqliteSchema, tempDir, writeFiles } from './report-support';

afterAll(removeTempDirs);

/** Reads a workflow command back the way the Actions runner does (its unescaping rules, in reverse order). */
function parseCommand(line: string): { level: string; properties: Record<string, string>; message: string } {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProperty = (s: string): string => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { level: match[1] as string, properties, message: unescapeData(match[3] as string) };
}

const MODELS = `import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  email: text('email').notNull(),
  nickname: text('nickname'),
});
`;

describe('githubAnnotations', () => {
  it('annotates each difference at its model line, and verification, lint, pending and tampered revisions', async () => {
    const dir = tempDir();
    linkPackages(dir, ['drizzle-orm']);
    const [models] = writeFiles(dir, { 'db/schema.ts': MODELS }) as [string];
    const loaded = await drizzleAdapter.load({ files: [models], dialect: 'sqlite', projectDir: dir });
    const database = await sqliteSchema('CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, legacy text); CREATE TABLE old_stuff (id integer PRIMARY KEY);');
    const ops = compare(database, sqliteDialect.normalize(loaded.schema), { capabilities: sqliteDialect.capabilities }).ops;
    const revisionFile = join(dir, 'migrations', '20250101_120000_a1b2c3_add_users.ts');
    const report = buildReport({
      revisions: { applied: ['a1b2c3'], heads: ['d4e5f6'] },
      pending: [{ id: 'd4e5f6', message: 'add nickname', file: join(dir, 'migrations', '20250102_120000_d4e5f6_add_nickname.ts') }],
      differences: locateDifferences(driftDifferences(ops), loaded.sources),
      verification: [
        { revision: 'a1b2c3', file: revisionFile, step: 'upgrade', ok: true },
        { revision: 'a1b2c3', file: revisionFile, step: 'downgrade', ok: false, operation: 'drop table users', error: 'no such table: users' },
      ],
      lint: [
        { rule: 'no-drop-column', severity: 'error', message: 'drops users.legacy', revision: 'a1b2c3', file: revisionFile, table: 'users', column: 'legacy' },
        { rule: 'not-null-default', severity: 'warning', message: 'adds a NOT NULL column without a default', file: revisionFile },
        { rule: 'big-table', severity: 'info', message: 'users may be large' },
      ],
      tampered: [{ revision: 'a1b2c3', message: 'revision a1b2c3 changed since it was applied' }],
    });
    expect(report.status).toBe('failed');
    const rev = 'migrations/20250101_120000_a1b2c3_add_users.ts';
    expect(githubAnnotations(report, dir)).toEqual([
      // The summary first: GitHub shows only the first 10 error annotations of a step.
      '::error title=autogen check::failed: 3 differences between the database and the models, 1 revision not applied, 1 verification step failed, 1 lint error' +
        ' (write a revision with `autogen --message "..."`; apply revisions with `autogen upgrade head`)',
      `::error file=db/schema.ts,line=${lineOf(models, "text('nickname')")},title=autogen%3A addColumn::add column users.nickname text`,
      // The dropped column is not in the models: the annotation goes on its table.
      `::error file=db/schema.ts,line=${lineOf(models, "sqliteTable('users'")},title=autogen%3A dropColumn::drop column users.legacy`,
      // A dropped table is in no model file.
      '::error title=autogen%3A dropTable::drop table old_stuff',
      `::error file=${rev},title=autogen%3A downgrade failed::revision a1b2c3: downgrade failed at "drop table users": no such table: users`,
      `::error file=${rev},title=autogen%3A no-drop-column::revision a1b2c3: drops users.legacy`,
      `::warning file=${rev},title=autogen%3A not-null-default::adds a NOT NULL column without a default`,
      '::notice title=autogen%3A big-table::users may be large',
      '::warning file=migrations/20250102_120000_d4e5f6_add_nickname.ts,title=autogen%3A pending revision::revision d4e5f6 (add nickname) is not applied to the database',
      '::warning title=autogen%3A tampered revision::revision a1b2c3 changed since it was applied',
    ]);
  });

  it('escapes messages and property values so the runner reads them back exactly', () => {
    const file = '/work/odd dir/a,b:c%d.ts';
    const description = 'drop column t.c: 100% gone\r\nsecond line, with: colons';
    const report = buildReport({
      differences: [{ kind: 'dropColumn', table: 't', column: 'c', before: 'text', after: null, description, source: { file, line: 7 } }],
    });
    const [, line] = githubAnnotations(report, '/work');
    expect(line).toBe('::error file=odd dir/a%2Cb%3Ac%25d.ts,line=7,title=autogen%3A dropColumn::drop column t.c: 100%25 gone%0D%0Asecond line, with: colons');
    expect(line?.split('\n')).toHaveLength(1);
    expect(parseCommand(line as string)).toEqual({ level: 'error', properties: { file: 'odd dir/a,b:c%d.ts', line: '7', title: 'autogen: dropColumn' }, message: description });
  });

  it('escapes % first, so escaped text is never escaped twice', () => {
    expect(escapeData('%0A\n%')).toBe('%250A%0A%25');
    expect(escapeProperty('a:b,c%3A\r')).toBe('a%3Ab%2Cc%253A%0D');
  });

  it('prints nothing for a clean report', () => {
    expect(githubAnnotations(buildReport({ revisions: { applied: ['a1'], heads: ['a1'] } }), '/work')).toEqual([]);
  });

  it('sums up an error with its hint, and an offline drift against the revisions', () => {
    const error = buildReport({ dialect: null, error: { message: 'cannot read autogen.config.ts: Unexpected token', hint: 'fix the syntax error' } });
    expect(error.exitCode).toBe(2);
    expect(githubAnnotations(error, '/work')).toEqual([
      '::error title=autogen check::autogen check could not run: cannot read autogen.config.ts: Unexpected token (fix the syntax error)',
    ]);
    const offline = buildReport({ mode: 'offline', differences: [{ kind: 'createTable', table: 'x', before: null, after: '(id integer)', description: 'create table x' }] });
    expect(githubAnnotations(offline, '/work')[0]).toBe(
      '::error title=autogen check::drift: 1 difference between the schema the revisions build and the models (write a revision with `autogen --message "..."`)',
    );
  });

  it('gives paths relative to the working directory, with / separators, also for relative paths and paths outside it', () => {
    const report: CheckReport = buildReport({
      pending: [
        { id: 'r1', message: 'one', file: '/repo/app/migrations/r1.ts' },
        { id: 'r2', message: 'two', file: 'migrations/r2.ts' },
        { id: 'r3', message: 'three', file: '/elsewhere/r3.ts' },
      ],
    });
    const files = githubAnnotations(report, '/repo/app')
      .slice(1, 4)
      .map((l) => parseCommand(l).properties.file);
    expect(files).toEqual(['migrations/r1.ts', 'migrations/r2.ts', '../../elsewhere/r3.ts']);
  });
});
