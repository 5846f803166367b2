import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { forgetModulesUnder, loadModule } from '@autogen/loader';
import { MalformedRevisionError } from './errors';
import type { Revision } from './revision';

const REVISION_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** The revision files in `dir`, sorted by name (the names start with a UTC timestamp). Declarations excluded. */
export function listRevisionFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => REVISION_FILE.test(name) && !name.endsWith('.d.ts') && !name.startsWith('.'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Loads every revision file in `dir` and checks its exports (`revision`, `parent`, `message`, `createdAt`,
 * `upgrade`, `downgrade`). A file that fails to import or lacks an export raises an error naming it.
 */
export async function loadRevisions(dir: string): Promise<Revision[]> {
  const revisions: Revision[] = [];
  forgetModulesUnder(dir);
  for (const file of listRevisionFiles(dir)) {
    const exports = await loadModule(file);
    revisions.push(toRevision(file, exports));
  }
  return revisions;
}

function toRevision(file: string, exports: Record<string, unknown>): Revision {
  const { revision, parent, message, createdAt, upgrade, downgrade, transactional } = exports;
  if (typeof revision !== 'string' || !/^[A-Za-z0-9_-]+$/.test(revision)) {
    throw new MalformedRevisionError(file, 'it must export `revision`, a string id of letters, digits, _ or -');
  }
  const parentOk =
    parent === null || typeof parent === 'string' || (Array.isArray(parent) && parent.length > 0 && parent.every((p) => typeof p === 'string'));
  if (!parentOk) {
    throw new MalformedRevisionError(file, 'it must export `parent`: the parent revision id, an array of ids for a merge, or null for the first revision');
  }
  if (typeof upgrade !== 'function') throw new MalformedRevisionError(file, 'it must export an `upgrade(op)` function');
  if (typeof downgrade !== 'function') throw new MalformedRevisionError(file, 'it must export a `downgrade(op)` function');
  if (transactional !== undefined && typeof transactional !== 'boolean') {
    throw new MalformedRevisionError(file, '`transactional`, when exported, must be true or false');
  }
  return {
    id: revision,
    parent: Array.isArray(parent) ? (parent.length === 1 ? (parent[0] as string) : [...(parent as string[])]) : ((parent as string | null) ?? null),
    message: typeof message === 'string' ? message : '',
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    file,
    upgrade: upgrade as Revision['upgrade'],
    downgrade: downgrade as Revision['downgrade'],
    transactional: transactional !== false,
    checksum: createHash('sha256').update(readFileSync(file)).digest('hex'),
  };
}
