import { recordOperations } from '@autogen/ops';
import type { Op, Operations } from '@autogen/ops';
import { parseColumnType } from '@autogen/schema';
import * as ts from 'typescript';

/** The exports of an evaluated revision file. */
export interface RevisionModule {
  readonly revision: string;
  readonly parent: string | ReadonlyArray<string> | null;
  readonly message: string;
  readonly createdAt: string;
  /** Exported (as false) only by revisions with a CONCURRENTLY op. */
  readonly transactional?: boolean;
  readonly upgrade: (op: Operations) => void;
  readonly downgrade: (op: Operations) => void;
}

/**
 * Transpiles a rendered revision file with TypeScript (CommonJS, as the runner's loader does) and evaluates it.
 * The file must need nothing at run time: its only import is `import type`, which transpiling removes, so any
 * `require` call fails the test.
 */
export function loadRevisionSource(source: string): RevisionModule {
  const output = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
    reportDiagnostics: true,
    fileName: 'revision.ts',
  });
  const syntaxErrors = (output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (syntaxErrors.length > 0) throw new Error(`rendered revision does not parse:\n${syntaxErrors.join('\n')}`);
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): never => {
    throw new Error(`rendered revision requires '${id}' at run time`);
  };
  new Function('exports', 'require', 'module', output.outputText)(module.exports, require, module);
  return module.exports as unknown as RevisionModule;
}

/** The ops `upgrade` and `downgrade` of a rendered file record. */
export function recordRevision(source: string): { readonly upgrade: Op[]; readonly downgrade: Op[] } {
  const revision = loadRevisionSource(source);
  return { upgrade: recordOperations(revision.upgrade), downgrade: recordOperations(revision.downgrade) };
}

/**
 * `value` with every column type replaced by `parseColumnType(type.raw)`: a revision file carries only the raw
 * spelling, so that is what a round trip can promise.
 */
export function reparseTypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reparseTypes) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.raw === 'string' && typeof record.name === 'string' && Array.isArray(record.args) && record.raw.trim() !== '') {
    return parseColumnType(record.raw) as T;
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, reparseTypes(v)])) as T;
}
