import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root. */
export const ROOT = resolve(__dirname, '..', '..');
/** The real `autogen` binary, as `npx autogen` runs it. */
export const BIN = join(ROOT, 'packages', 'cli', 'bin', 'autogen.js');

/** Result of one CLI run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real binary in `cwd` (no TTY, no colors) and returns its exit code and output. */
export function autogen(cwd: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A fresh project directory inside the repository (so `drizzle-orm` and `@autogen/cli` resolve from the root
 * node_modules, as they would from a user's project), ignored by git.
 */
export function makeProject(name: string): string {
  const base = join(ROOT, 'test', '.work');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${name}-`));
}

/** Writes files (path → content) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, content);
  }
}

/** A config file for a Drizzle + SQLite project. */
export function drizzleSqliteConfig(extra = ''): string {
  return `import { defineConfig } from '@autogen/cli';
export default defineConfig({
  dialect: 'sqlite',
  url: 'sqlite:./app.db',
  adapter: 'drizzle',
  models: ['./src/schema.ts'],
  ${extra}
});
`;
}
