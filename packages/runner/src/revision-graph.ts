import { RevisionGraphError } from './errors';
import type { Revision } from './revision';

/**
 * The revision history: each revision names its parent. This first version supports one line of history
 * (a single base and a single head); several heads are reported as an error naming them.
 */
export class RevisionGraph {
  readonly #byId = new Map<string, Revision>();
  /** Revisions from the first (base) to the head. */
  readonly chain: ReadonlyArray<Revision>;

  constructor(revisions: ReadonlyArray<Revision>) {
    for (const r of revisions) {
      const other = this.#byId.get(r.id);
      if (other) throw new RevisionGraphError(`revision id ${r.id} is used by two files: ${other.file} and ${r.file}`);
      this.#byId.set(r.id, r);
    }
    const children = new Map<string | null, Revision[]>();
    for (const r of revisions) {
      if (r.parent !== null && !this.#byId.has(r.parent)) {
        throw new RevisionGraphError(`revision ${r.id} (${r.file}) names parent ${r.parent}, which no revision file defines`);
      }
      children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    }
    const heads = revisions.filter((r) => !children.has(r.id));
    if (heads.length > 1) {
      throw new RevisionGraphError(
        `the history has ${heads.length} heads (${heads.map((h) => h.id).join(', ')}); point one revision's parent at the other so there is a single line of history`,
      );
    }
    const bases = children.get(null) ?? [];
    if (revisions.length > 0 && bases.length !== 1) {
      throw new RevisionGraphError(
        bases.length === 0 ? 'no revision has `parent = null`: the history has a cycle' : `several revisions have no parent: ${bases.map((b) => b.id).join(', ')}`,
      );
    }
    const chain: Revision[] = [];
    let next: Revision | undefined = bases[0];
    while (next) {
      chain.push(next);
      next = children.get(next.id)?.[0];
    }
    if (chain.length !== revisions.length) throw new RevisionGraphError('the revision history has a cycle or a branch');
    this.chain = chain;
  }

  /** The newest revision, or undefined when there are none. */
  get head(): Revision | undefined {
    return this.chain[this.chain.length - 1];
  }

  /** Position of a revision in the chain (0 = base); -1 for `null` (nothing applied). */
  position(id: string | null): number {
    if (id === null) return -1;
    const index = this.chain.findIndex((r) => r.id === id);
    if (index < 0) throw new RevisionGraphError(`the database is at revision ${id}, which no revision file defines (was a file deleted or renamed?)`);
    return index;
  }

  /** Finds a revision by full id or unique prefix. */
  get(idOrPrefix: string): Revision {
    const exact = this.#byId.get(idOrPrefix);
    if (exact) return exact;
    const matches = this.chain.filter((r) => r.id.startsWith(idOrPrefix));
    if (matches.length === 1) return matches[0] as Revision;
    if (matches.length === 0) throw new RevisionGraphError(`no revision matches "${idOrPrefix}" (see \`autogen history\`)`);
    throw new RevisionGraphError(`"${idOrPrefix}" is ambiguous: ${matches.map((m) => m.id).join(', ')}`);
  }

  /**
   * Resolves a target as the position it names: `head`, `base`, a revision id or prefix, `+N` / `-N` relative to
   * `current`. Returns -1 for base.
   */
  resolve(target: string, current: string | null): number {
    const here = this.position(current);
    if (target === 'head' || target === 'heads') return this.chain.length - 1;
    if (target === 'base') return -1;
    const relative = /^([+-])(\d+)$/.exec(target);
    if (relative) {
      const n = Number(relative[2]) * (relative[1] === '-' ? -1 : 1);
      const to = here + n;
      if (to < -1 || to > this.chain.length - 1) {
        throw new RevisionGraphError(`cannot move ${target} from ${current ?? 'base'}: the history has ${this.chain.length} revision(s)`);
      }
      return to;
    }
    return this.position(this.get(target).id);
  }
}
