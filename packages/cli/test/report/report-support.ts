/** Helpers for the report tests: real SQLite/PostgreSQL schemas and temporary model folders. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { postgresDialect } from '@autogen/dialect-postgres';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import type { Schema } from '@autogen/schema';
import { CHECK_REPORT_VERSION, checkExitCode, checkStatus, type CheckReport } from '../../src/report/check-report';

/** The repository root (for node_modules and the docs). */
export const repoRoot = resolve(__dirname, '../../../..');

const dirs: string[] = [];

/** A fresh temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'autogen-report-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Removes every directory {@link tempDir} made. */
export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (relative path → text) under `dir`; returns the absolute paths in the same order. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): string[] {
  return Object.entries(files).map(([name, text]) => {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  });
}

/** Makes `packages` importable from model files in `dir` (a temp folder outside the repository). */
export function linkPackages(dir: string, packages: ReadonlyArray<string>): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const name of packages) symlinkSync(join(repoRoot, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
}

/** The 1-based line of the first line of `file` that contains `text` (fails the test when none does). */
export function lineOf(file: string, text: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (index === -1) throw new Error(`${file} has no line with ${JSON.stringify(text)}`);
  return index + 1;
}

/** The normalized schema of a real SQLite database file built by `sql`. */
export async function sqliteSchema(sql: string): Promise<Schema> {
  const dir = tempDir('autogen-report-db-');
  const connection = await sqliteDialect.connect(`sqlite:${join(dir, 'app.db')}`, { baseDir: dir, mustExist: false });
  try {
    await connection.execute(sql);
    return sqliteDialect.normalize(await sqliteDialect.introspect(connection, { exclude: [] }));
  } finally {
    await connection.close();
  }
}

/** The normalized schema of PostgreSQL namespace `namespace` of the database at `url`, read as the default schema. */
export async function postgresSchema(url: string, namespace: string): Promise<Schema> {
  const connection = await postgresDialect.connect(url, { baseDir: tmpdir(), mustExist: true, searchPath: [namespace] });
  try {
    return postgresDialect.normalize(await postgresDialect.introspect(connection, { exclude: [], schemas: [namespace] }));
  } finally {
    await connection.close();
  }
}

/** A report with `findings` and nothing else, its status and exit code derived as the command derives them. */
export function buildReport(findings: Partial<Omit<CheckReport, 'schemaVersion' | 'tool' | 'command' | 'status' | 'exitCode'>> = {}): CheckReport {
  const base = {
    mode: 'live' as const,
    dialect: 'sqlite' as const,
    revisions: { applied: [], heads: [] },
    pending: [],
    differences: [],
    verification: [],
    lint: [],
    tampered: [],
    ...findings,
  };
  const status = checkStatus(base, 'error'); // as with --fail-on error
  return { schemaVersion: CHECK_REPORT_VERSION, tool: 'autogen', command: 'check', status, exitCode: checkExitCode(status), ...base };
}
