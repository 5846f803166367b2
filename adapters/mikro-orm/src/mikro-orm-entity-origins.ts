import { sep } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { MikroOrmRuntime } from './mikro-orm-runtime';

/** Where an entity was exported: the file, and the export's name when known. */
export interface MikroOrmEntityOrigin {
  readonly file: string;
  readonly exportName?: string;
}

/** The fields of MikroORM's `EntityMetadata` used to find where a table came from. */
interface MetaLike {
  readonly className: string;
  readonly tableName?: string;
  readonly schema?: string;
  readonly class?: unknown;
  readonly path?: string;
  readonly pivotTable?: boolean;
  readonly embeddable?: boolean;
  readonly root?: { readonly className: string };
  readonly properties?: Readonly<Record<string, { readonly pivotEntity?: unknown; readonly owner?: boolean }>>;
}

/**
 * Remembers which file exported each entity, to name files in messages and in `sources`. Entities the adapter
 * did not import itself (those of a config module, or of its globs) are found by the module that exports them
 * (CommonJS cache), and decorated classes also by the source path MikroORM's decorators record.
 */
export class MikroOrmEntityOrigins {
  readonly #known = new Map<unknown, MikroOrmEntityOrigin>();
  readonly #runtime: MikroOrmRuntime;

  constructor(runtime: MikroOrmRuntime) {
    this.#runtime = runtime;
  }

  /** Records where `entity` came from; the first record wins (a re-export does not move it). */
  add(entity: unknown, origin: MikroOrmEntityOrigin): void {
    if (!this.#known.has(entity)) this.#known.set(entity, origin);
  }

  /** The origin of the entity the message names first (MikroORM names entities in its errors: `Book.author`). */
  mentionedIn(message: string): MikroOrmEntityOrigin | undefined {
    let best: { at: number; origin: MikroOrmEntityOrigin } | undefined;
    for (const [name, origin] of this.#byName()) {
      const at = new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`).exec(message)?.index;
      if (at !== undefined && (!best || at < best.at)) best = { at, origin };
    }
    return best?.origin;
  }

  /**
   * Where the entity behind a table came from: the entity itself (the root of a single-table hierarchy), or for a
   * many-to-many pivot table the entity owning the relation.
   */
  ofTable(orm: MikroORM, name: string, schema: string | undefined): MikroOrmEntityOrigin | undefined {
    const metas = Object.values(orm.getMetadata().getAll()) as unknown as ReadonlyArray<MetaLike>;
    const candidates = metas.filter((m) => !m.embeddable && m.tableName === name && (m.schema === undefined || schema === undefined || m.schema === schema));
    const meta = candidates.find((m) => !m.root || m.root.className === m.className) ?? candidates[0];
    if (!meta) return undefined;
    const owner = meta.pivotTable
      ? (metas.find((m) => Object.values(m.properties ?? {}).some((p) => p.owner && (p.pivotEntity === meta.className || p.pivotEntity === meta.class))) ?? meta)
      : meta;
    return this.#of(owner);
  }

  #of(meta: MetaLike): MikroOrmEntityOrigin | undefined {
    for (const [entity, origin] of this.#known) if (entity === meta.class || entityName(entity) === meta.className) return origin;
    const cached = exportingModule(meta.class);
    if (cached) return cached;
    return this.#byName().get(meta.className);
  }

  /** Entity names with their origins: recorded ones first, then decorated classes by their recorded source path. */
  #byName(): Map<string, MikroOrmEntityOrigin> {
    const byName = new Map<string, MikroOrmEntityOrigin>();
    for (const [entity, origin] of this.#known) {
      const name = entityName(entity);
      if (name && !byName.has(name)) byName.set(name, origin);
    }
    for (const meta of Object.values(this.#runtime.core.MetadataStorage.getMetadata()) as unknown as ReadonlyArray<MetaLike>) {
      if (!meta.className || byName.has(meta.className)) continue;
      const exported = exportingModule(meta.class);
      if (exported) byName.set(meta.className, exported);
      else if (meta.path && !meta.path.includes(`${sep}node_modules${sep}`)) byName.set(meta.className, { file: meta.path });
    }
    return byName;
  }
}

function entityName(entity: unknown): string | undefined {
  if (typeof entity === 'function') return entity.name || undefined;
  const meta = (entity as { meta?: { className?: unknown; name?: unknown } } | null)?.meta;
  const name = meta?.className ?? meta?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The cached module that exports `entity` (CommonJS cache; entities MikroORM imported from globs land there too). */
function exportingModule(entity: unknown): MikroOrmEntityOrigin | undefined {
  if (entity === undefined || entity === null) return undefined;
  for (const [file, cached] of Object.entries(require.cache)) {
    if (file.includes(`${sep}node_modules${sep}`)) continue;
    const exported: unknown = cached?.exports;
    if (exported === entity) return { file, exportName: 'module.exports' };
    if (exported === null || typeof exported !== 'object') continue;
    try {
      for (const [exportName, value] of Object.entries(exported)) if (value === entity) return { file, exportName };
    } catch {
      // An export getter that throws is no entity of ours.
    }
  }
  return undefined;
}
