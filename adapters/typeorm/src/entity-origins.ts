import { sep } from 'node:path';
import type { EntityMetadata } from 'typeorm';

/** Where an entity was exported: the file, and the export's name when known. */
export interface EntityOrigin {
  readonly file: string;
  readonly exportName?: string;
}

/**
 * Remembers which file exported each entity (a class or `EntitySchema`), to name files in messages and in
 * `sources`. Entities the adapter did not import itself (a DataSource module's entities, or its entity globs that
 * TypeORM imported) are looked up in the module cache, by the module that exports them.
 */
export class EntityOrigins {
  readonly #known = new Map<unknown, EntityOrigin>();

  /** Records where `entity` came from; the first record wins (a re-export does not move it). */
  add(entity: unknown, origin: EntityOrigin): void {
    if (!this.#known.has(entity)) this.#known.set(entity, origin);
  }

  /** Where `entity` came from, or `undefined`. */
  of(entity: unknown): EntityOrigin | undefined {
    const known = this.#known.get(entity);
    if (known) return known;
    const found = exportingModule(entity);
    if (found) this.#known.set(entity, found);
    return found;
  }

  /**
   * Where the entity behind a table's metadata came from: the entity itself, or for a junction table the entity
   * that owns the many-to-many relation, for a closure table the tree entity.
   */
  ofMetadata(metadata: EntityMetadata, all: ReadonlyArray<EntityMetadata>): EntityOrigin | undefined {
    const owner = ownerOf(metadata, all);
    return this.of(owner.target) ?? (owner.targetName ? this.#byName(owner.targetName) : undefined);
  }

  /** The origin of the first entity whose name `message` mentions (TypeORM names entities in its errors). */
  mentionedIn(message: string): EntityOrigin | undefined {
    let best: { at: number; origin: EntityOrigin } | undefined;
    for (const [entity, origin] of this.#known) {
      const name = entityName(entity);
      if (!name) continue;
      const at = new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`).exec(message)?.index;
      if (at !== undefined && (!best || at < best.at)) best = { at, origin };
    }
    return best?.origin;
  }

  #byName(name: string): EntityOrigin | undefined {
    for (const [entity, origin] of this.#known) if (entityName(entity) === name) return origin;
    return undefined;
  }
}

function ownerOf(metadata: EntityMetadata, all: ReadonlyArray<EntityMetadata>): EntityMetadata {
  if (metadata.tableType === 'closure-junction' && metadata.parentClosureEntityMetadata) return metadata.parentClosureEntityMetadata;
  if (metadata.tableType === 'junction') {
    for (const other of all) {
      const relation = other.relations.find((r) => r.junctionEntityMetadata === metadata);
      if (relation) return relation.entityMetadata;
    }
  }
  return metadata;
}

function entityName(entity: unknown): string | undefined {
  if (typeof entity === 'function') return entity.name || undefined;
  const options = (entity as { options?: { name?: unknown } } | null)?.options;
  return typeof options?.name === 'string' ? options.name : undefined;
}

/** The cached module that exports `entity` (CommonJS cache; entities TypeORM imported from globs land there too). */
function exportingModule(entity: unknown): EntityOrigin | undefined {
  if (entity === undefined || entity === null || entity === '') return undefined;
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
