import { RevisionGraphError } from './errors';
import type { Revision } from './revision';

/** The parent ids of a revision: none for the base, one for an ordinary revision, several for a merge. */
export function parentsOf(revision: Pick<Revision, 'parent'>): ReadonlyArray<string> {
  const { parent } = revision;
  if (parent === null) return [];
  return typeof parent === 'string' ? [parent] : parent;
}

/**
 * The revision history as a graph (Alembic's model): each revision names its parent(s); one base (no parent),
 * branches (a revision with several children) and merges (a revision with several parents). Built once from the
 * loaded files; duplicate ids, missing parents, several bases and cycles are errors naming the files.
 */
export class RevisionGraph {
  readonly #byId = new Map<string, Revision>();
  readonly #children = new Map<string, Revision[]>();
  /** Every revision in topological order (parents before children; ties in file order). For one line: base → head. */
  readonly chain: ReadonlyArray<Revision>;
  /** Revisions without children, in topological order. */
  readonly heads: ReadonlyArray<Revision>;

  constructor(revisions: ReadonlyArray<Revision>) {
    for (const r of revisions) {
      const other = this.#byId.get(r.id);
      if (other) throw new RevisionGraphError(`revision id ${r.id} is used by two files: ${other.file} and ${r.file}`);
      this.#byId.set(r.id, r);
    }
    for (const r of revisions) {
      const parents = parentsOf(r);
      if (new Set(parents).size !== parents.length) throw new RevisionGraphError(`revision ${r.id} (${r.file}) names the same parent twice`);
      for (const p of parents) {
        if (!this.#byId.has(p)) throw new RevisionGraphError(`revision ${r.id} (${r.file}) names parent ${p}, which no revision file defines`);
        this.#children.set(p, [...(this.#children.get(p) ?? []), r]);
      }
    }
    const bases = revisions.filter((r) => parentsOf(r).length === 0);
    if (bases.length > 1) {
      throw new RevisionGraphError(
        `several revisions have no parent: ${bases.map((b) => `${b.id} (${b.file})`).join(', ')}; a history has one base: set the parent of all but the first`,
      );
    }
    // Kahn's algorithm; whatever is left over is on (or behind) a cycle.
    const waiting = new Map(revisions.map((r) => [r.id, parentsOf(r).length]));
    const order: Revision[] = [];
    const ready = revisions.filter((r) => parentsOf(r).length === 0);
    while (ready.length) {
      const next = ready.shift() as Revision;
      order.push(next);
      for (const child of this.#children.get(next.id) ?? []) {
        const left = (waiting.get(child.id) ?? 0) - 1;
        waiting.set(child.id, left);
        if (left === 0) ready.push(child);
      }
    }
    if (order.length !== revisions.length) {
      const stuck = revisions.filter((r) => !order.includes(r));
      throw new RevisionGraphError(
        `the revision history has a cycle: ${stuck.map((r) => `${r.id} (${r.file})`).join(', ')} ${stuck.length === 1 ? 'is its own ancestor' : 'lead back to each other through their parents'}`,
      );
    }
    this.chain = order;
    this.heads = order.filter((r) => !this.#children.has(r.id));
  }

  /** The only head, or undefined when there are none or several (see {@link heads}). */
  get head(): Revision | undefined {
    return this.heads.length === 1 ? this.heads[0] : undefined;
  }

  /** True when `id` names a revision exactly. */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The revisions naming `id` as a parent. */
  childrenOf(id: string): ReadonlyArray<Revision> {
    return this.#children.get(id) ?? [];
  }

  /** Branch points: revisions with several children. */
  get branchPoints(): ReadonlyArray<Revision> {
    return this.chain.filter((r) => this.childrenOf(r.id).length > 1);
  }

  /** `ids` and all their ancestors. */
  ancestors(ids: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...parentsOf(this.#require(id)));
    }
    return seen;
  }

  /** `id` and all its descendants. */
  descendants(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...this.childrenOf(next).map((c) => c.id));
    }
    return seen;
  }

  /** The heads of a set of revisions closed under ancestry: members none of whose children is a member, in topological order. */
  headsOf(applied: ReadonlySet<string>): string[] {
    return this.chain.filter((r) => applied.has(r.id) && !this.childrenOf(r.id).some((c) => applied.has(c.id))).map((r) => r.id);
  }

  /** Position of a revision in {@link chain} (0 = base); -1 for `null` (nothing applied). */
  position(id: string | null): number {
    if (id === null) return -1;
    this.#require(id);
    return this.chain.findIndex((r) => r.id === id);
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
   * For a single line of history: the position a target names (`head`, `base`, an id or prefix, `+N`/`-N`
   * relative to `current`); -1 for base.
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

  /** The single head, or an error naming the heads and the merge command (`upgrade head` with several heads). */
  singleHead(what = 'head'): Revision | undefined {
    if (this.heads.length <= 1) return this.heads[0];
    const ids = this.heads.map((h) => h.id);
    throw new RevisionGraphError(
      `"${what}" is ambiguous: the history has ${ids.length} heads (${ids.join(', ')}). Merge them with \`autogen merge -m "merge" ${ids.join(' ')}\`, or apply every branch with \`autogen upgrade heads\``,
    );
  }

  #require(id: string): Revision {
    const r = this.#byId.get(id);
    if (!r) throw new RevisionGraphError(`the database is at revision ${id}, which no revision file defines (was a file deleted or renamed?)`);
    return r;
  }
}
