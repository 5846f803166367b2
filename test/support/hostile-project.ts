/**
 * Helpers of the hostile-input e2e tests (test/hostile-input.e2e.test.ts, test/hostile-cli-input.e2e.test.ts):
 * project configs, written files, revision inspection, and running scripts through psql / sqlite3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import type { CliRun } from './cli';

/** A Drizzle + PostgreSQL project config (the URL comes from DATABASE_URL unless `extra` sets one). */
export function drizzlePostgresConfig(extra = ''): string {
  return `import { defineConfig } from '@autogen/cli';
export default defineConfig({
  dialect: 'postgresql',
  adapter: 'drizzle',
  models: ['./src/schema.ts'],
  ${extra}
});
`;
}

/** Every file under `dir` (relative paths), for "nothing else was written" checks. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith(`node_modules${sep}`)) // autogen's cache
    .sort();
}

/** The files of `dir`'s migrations folder, sorted. */
export function migrationFiles(dir: string): string[] {
  return existsSync(join(dir, 'migrations')) ? readdirSync(join(dir, 'migrations')).sort() : [];
}

/** The file a `revision`/`--message` run says it wrote. */
export function writtenFile(dir: string, run: CliRun): string {
  const match = /^Wrote (.+\.ts)$/m.exec(run.stdout);
  if (!match) throw new Error(`no "Wrote" line in: ${run.stdout}${run.stderr}`);
  return join(dir, match[1]!);
}

/**
 * Parses a revision file with TypeScript's own parser and checks that it is exactly what a revision should be:
 * no syntax error, and only the header exports plus `upgrade`/`downgrade` whose every statement is an
 * `op.<method>(…)` call. So text from names, defaults or comments cannot have leaked out of a string or a
 * comment into code. Returns the value of the exported `message`.
 */
export function inspectRevision(file: string): { readonly message: string; readonly calls: number } {
  const source = readFileSync(file, 'utf8');
  const diagnostics = ts.transpileModule(source, { reportDiagnostics: true, fileName: file }).diagnostics ?? [];
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names: string[] = [];
  let message: string | undefined;
  let calls = 0;
  for (const statement of parsed.statements) {
    if (ts.isImportDeclaration(statement)) {
      names.push('import');
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name.getText(parsed);
        names.push(name);
        if (name === 'message') {
          const init = declaration.initializer;
          expect(init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init))).toBe(true);
          message = (init as ts.StringLiteral).text;
        }
      }
    } else if (ts.isFunctionDeclaration(statement)) {
      names.push(statement.name?.text ?? '?');
      for (const inner of statement.body?.statements ?? []) {
        expect(ts.isExpressionStatement(inner) && ts.isCallExpression(inner.expression)).toBe(true);
        const callee = ((inner as ts.ExpressionStatement).expression as ts.CallExpression).expression;
        expect(ts.isPropertyAccessExpression(callee) && callee.expression.getText(parsed) === 'op').toBe(true);
        calls++;
      }
    } else {
      names.push(`unexpected ${ts.SyntaxKind[statement.kind]}: ${statement.getText(parsed).slice(0, 80)}`);
    }
  }
  expect(names).toEqual(['import', 'revision', 'parent', 'message', 'createdAt', 'upgrade', 'downgrade']);
  return { message: message as string, calls };
}

/** Runs `script` through `psql` (stop at the first error). */
export function psql(url: string, script: string): { code: number | null; output: string } {
  const result = spawnSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { input: script, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Runs `script` through the `sqlite3` shell (`-bail`). */
export function sqlite3(file: string, script: string): { code: number | null; output: string } {
  const result = spawnSync('sqlite3', ['-bail', file], { input: script, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The run succeeded and printed nothing on stderr. */
export function expectOk(run: CliRun): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
}
