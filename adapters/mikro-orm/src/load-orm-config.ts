import { ModelLoadError } from '@autogen/schema';

/** The options a project's MikroORM config module gives (`defineConfig({...})`), as far as the adapter reads them. */
export type MikroOrmConfigOptions = Readonly<Record<string, unknown>> & {
  readonly entities?: ReadonlyArray<unknown>;
  readonly entitiesTs?: ReadonlyArray<unknown>;
  readonly driver?: unknown;
  readonly contextName?: string;
};

/**
 * The ORM options a config module exports, as MikroORM's CLI reads them (https://mikro-orm.io/docs/configuration):
 * the default export, else a `config` export, else the module object itself (`module.exports = {...}`); a
 * function is called and a promise awaited (also nested: `export default async () => defineConfig(...)`); an
 * array of configs (several contexts) gives the one whose `contextName` is `default`, else the first.
 *
 * Throws {@link ModelLoadError} naming `file` when the result is no options object. A config that lists no
 * entities is left to MikroORM, whose own error the adapter reports (see {@link configListsEntities}).
 */
export async function ormConfigFromModule(moduleExports: unknown, file: string): Promise<MikroOrmConfigOptions> {
  let value: unknown = pick(moduleExports);
  for (let depth = 0; depth < 5; depth++) {
    if (typeof value === 'function') value = (value as () => unknown)();
    else if (value instanceof Promise) value = await value;
    else break;
  }
  if (Array.isArray(value)) value = value.find((c: { contextName?: unknown }) => c?.contextName === 'default') ?? value[0];
  if (value === null || typeof value !== 'object') {
    throw new ModelLoadError(file, `${file} exports no MikroORM config: export default defineConfig({ entities: [...] }) (or a function returning it)`);
  }
  return value as MikroOrmConfigOptions;
}

function pick(moduleExports: unknown): unknown {
  if (moduleExports === null || typeof moduleExports !== 'object') return moduleExports;
  const exported = moduleExports as Record<string, unknown>;
  if (exported.default !== undefined) {
    const inner = exported.default as Record<string, unknown> | null;
    // An ES module default export seen through CommonJS interop twice (`{ default: { default: config } }`).
    return inner !== null && typeof inner === 'object' && inner.default !== undefined && !('entities' in inner) ? inner.default : inner;
  }
  if (exported.config !== undefined) return exported.config;
  return moduleExports;
}

/** True when the config lists any `entities` or `entitiesTs` (classes, schemas or globs). */
export function configListsEntities(options: MikroOrmConfigOptions): boolean {
  return (options.entities ?? []).length + (options.entitiesTs ?? []).length > 0;
}
