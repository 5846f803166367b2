import type { EntitySchema } from 'typeorm';
import type { TypeormRuntime } from './typeorm-runtime';

/** An entity found among a module's exports: a decorated class or an `EntitySchema`. */
export interface TypeormEntityExport {
  /** The export that holds it (`default` for a default export, `module.exports` for a CommonJS class export). */
  readonly exportName: string;
  readonly entity: Function | EntitySchema;
}

/**
 * Every entity among a module's top-level exports, in export order: the classes TypeORM's decorator storage
 * (`getMetadataArgsStorage().tables`) knows — `@Entity()`, `@ChildEntity()` (single-table inheritance children),
 * `@ViewEntity()`, tree and junction entities — and `EntitySchema` instances. Plain classes, embeddables (they
 * carry columns but no table), subscribers and any other exports are skipped. An entity exported under two names
 * appears once, under the first.
 */
export function findTypeormEntities(moduleExports: unknown, runtime: TypeormRuntime): ReadonlyArray<TypeormEntityExport> {
  const { getMetadataArgsStorage, InstanceChecker } = runtime.typeorm;
  const tables = new Set<unknown>(getMetadataArgsStorage().tables.map((t) => t.target));
  const entries: Array<[string, unknown]> =
    typeof moduleExports === 'function'
      ? [['module.exports', moduleExports]]
      : moduleExports !== null && typeof moduleExports === 'object'
        ? Object.entries(moduleExports)
        : [];
  const found: TypeormEntityExport[] = [];
  const seen = new Set<unknown>();
  for (const [exportName, value] of entries) {
    if (seen.has(value)) continue;
    if (typeof value === 'function' && tables.has(value)) {
      seen.add(value);
      found.push({ exportName, entity: value as Function });
    } else if (InstanceChecker.isEntitySchema(value)) {
      seen.add(value);
      found.push({ exportName, entity: value });
    }
  }
  return found;
}
