import { join, sep } from 'node:path';
import type { RevisionFileInput } from '@autogen/render';

/** A rendered revision file: its source and its file name. */
export interface RenderedRevision {
  readonly source: string;
  readonly fileName: string;
}

/** The bundled TypeScript compiler inside ts-morph: the module whose compiled code is worth caching. */
const TS_MORPH_TYPESCRIPT = `${sep}@ts-morph${sep}common${sep}dist${sep}typescript.js`;

/**
 * ts-morph's bundled TypeScript compiler is the largest cost of writing a revision (~0.3 s to parse and compile
 * its 9 MB): V8's compiled code of it is kept on disk (`@autogen/loader`'s code cache), which halves that.
 */
export function enableRendererCodeCache(): void {
  const { autogenCacheDir, enableCodeCache } = require('@autogen/loader') as typeof import('@autogen/loader');
  const base = autogenCacheDir();
  enableCodeCache(base === undefined ? undefined : join(base, 'v8'), [TS_MORPH_TYPESCRIPT]);
}

/** Renders a revision file with ts-morph (loaded on first use, through the code cache). */
export function renderRevisionFile(input: RevisionFileInput): RenderedRevision {
  enableRendererCodeCache();
  const { renderRevision, revisionFileName } = require('@autogen/render') as typeof import('@autogen/render');
  return { source: renderRevision(input), fileName: revisionFileName(input) };
}
