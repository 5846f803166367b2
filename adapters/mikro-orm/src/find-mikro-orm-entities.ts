import type { MikroOrmRuntime } from './mikro-orm-runtime';

/** An entity found among a module's exports: a decorated class, an `EntitySchema` or a `defineEntity` result. */
export interface MikroOrmEntityExport {
  /** The export that holds it (`default` for a default export, `module.exports` for a CommonJS class export). */
  readonly exportName: string;
  readonly entity: object;
}

/**
 * Every entity among a module's top-level exports, in export order: classes MikroORM's decorators registered
 * (`@Entity()`, `@Embeddable()`, as recorded in `MetadataStorage` with the class itself), and `EntitySchema`
 * instances — which is also what `defineEntity()` returns (https://mikro-orm.io/docs/define-entity). Abstract
 * base classes without `@Entity()` are found by discovery through their subclasses and are not listed; other
 * exports are skipped. An entity exported under two names appears once, under the first.
 */
export function findMikroOrmEntities(moduleExports: unknown, runtime: MikroOrmRuntime): ReadonlyArray<MikroOrmEntityExport> {
  const { MetadataStorage, EntitySchema } = runtime.core;
  const decorated = new Set<unknown>(Object.values(MetadataStorage.getMetadata()).map((meta) => meta.class));
  const entries: Array<[string, unknown]> =
    typeof moduleExports === 'function'
      ? [['module.exports', moduleExports]]
      : moduleExports !== null && typeof moduleExports === 'object'
        ? Object.entries(moduleExports)
        : [];
  const found: MikroOrmEntityExport[] = [];
  const seen = new Set<unknown>();
  for (const [exportName, value] of entries) {
    if (seen.has(value)) continue;
    if ((typeof value === 'function' && decorated.has(value)) || value instanceof EntitySchema) {
      seen.add(value);
      found.push({ exportName, entity: value as object });
    }
  }
  return found;
}
