import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join, sep } from 'node:path';
import { enableCodeCache } from './code-cache';
import { TranspileCache } from './transpile-cache';

/** Extensions compiled by the hook. `.mts` is compiled to CommonJS too, so it can be required synchronously. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.cts', '.mts', '.tsx'] as const;

/**
 * Compiler settings for user code. `emitDecoratorMetadata` matters: TypeORM and MikroORM read a column's SQL
 * type from the `design:type` metadata TypeScript emits for decorated properties; loaders built on esbuild do not
 * emit it. See https://www.typescriptlang.org/tsconfig#emitDecoratorMetadata
 */
const COMPILER_OPTIONS = {
  module: 1 /* CommonJS */,
  target: 9 /* ES2022 */,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: false,
  jsx: 2 /* React */,
} as const;

type TypeScriptModule = typeof import('typescript');
type Compile = (module: Module & { _compile(code: string, file: string): void }, file: string) => void;

let installed = false;
let typescript: TypeScriptModule | undefined;

/**
 * autogen's cache folder: `node_modules/.cache/autogen` in the working directory (the convention of babel,
 * eslint and others), or `AUTOGEN_CACHE_DIR`; `undefined` when `AUTOGEN_NO_CACHE` is set.
 */
export function autogenCacheDir(): string | undefined {
  if (process.env.AUTOGEN_NO_CACHE) return undefined;
  return process.env.AUTOGEN_CACHE_DIR ?? join(process.cwd(), 'node_modules', '.cache', 'autogen');
}

/**
 * The TypeScript compiler (9 MB of JavaScript), through the V8 code cache: a model edit makes the next run
 * transpile, and loading the compiler is a large part of that run.
 */
function loadTypeScript(): TypeScriptModule {
  const base = autogenCacheDir();
  enableCodeCache(base === undefined ? undefined : join(base, 'v8'), [`${sep}typescript${sep}lib${sep}typescript.js`]);
  return require('typescript') as TypeScriptModule;
}

/** Transpiles one TypeScript source (CommonJS output, decorator metadata), through the cache. */
export function transpileTypeScript(source: string, fileName: string, cache = new TranspileCache(autogenCacheDir())): string {
  const fingerprint = `v1:${JSON.stringify(COMPILER_OPTIONS)}:${fileName.endsWith('x') ? 'tsx' : 'ts'}`;
  const key = cache.key(source, fingerprint);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const ts = (typescript ??= loadTypeScript());
  const result = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: COMPILER_OPTIONS as unknown as import('typescript').CompilerOptions,
  });
  // transpileModule reports syntax errors only (no type checking): say where they are in the user's source,
  // instead of letting Node fail later on the transpiled text.
  const first = result.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (first) {
    const where = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
    const text = ts.flattenDiagnosticMessageText(first.messageText, '\n');
    throw new SyntaxError(`${fileName}${where ? `:${where.line + 1}:${where.character + 1}` : ''}: ${text}`);
  }
  cache.set(key, result.outputText);
  return result.outputText;
}

/**
 * Teaches `require` to load TypeScript files (once per process). Only files with a TypeScript extension are
 * affected; JavaScript keeps Node's own loader.
 */
export function installTypeScriptHook(): void {
  if (installed) return;
  installed = true;
  const extensions = (Module as unknown as { _extensions: Record<string, Compile> })._extensions;
  const cache = new TranspileCache(autogenCacheDir());
  for (const ext of TYPESCRIPT_EXTENSIONS) {
    extensions[ext] = (module, file) => {
      const source = readFileSync(file, 'utf8');
      module._compile(transpileTypeScript(source, file, cache), file);
    };
  }
}
