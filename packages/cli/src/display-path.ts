import { relative } from 'node:path';

/** Path relative to the working directory, for messages (absolute when outside it). */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}
