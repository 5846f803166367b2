import type { DataSource } from 'typeorm';
import type { TypeormRuntime } from './typeorm-runtime';

/** A `DataSource` found among a module's exports. */
export interface DataSourceExport {
  /** The export that holds it (`default` for a default export, `module.exports` when the module is the instance). */
  readonly exportName: string;
  readonly dataSource: DataSource;
}

/**
 * The first `DataSource` instance among a module's top-level exports (`export const AppDataSource = new
 * DataSource(...)`, `export default new DataSource(...)`), or `undefined` when there is none.
 *
 * An instance of the resolved typeorm's `DataSource` class counts, and so does one made by another copy of
 * typeorm (a project with two installs): TypeORM marks its instances with `Symbol.for('DataSource')` in
 * `@instanceof` (see `InstanceChecker` in typeorm/util), and older copies are recognised by shape — `options`
 * with a `type`, an `entityMetadatas` array and a `driver`.
 */
export function findDataSource(moduleExports: unknown, runtime: TypeormRuntime): DataSourceExport | undefined {
  const entries: Array<[string, unknown]> = isDataSource(moduleExports, runtime)
    ? [['module.exports', moduleExports]]
    : moduleExports !== null && typeof moduleExports === 'object'
      ? Object.entries(moduleExports)
      : [];
  for (const [exportName, value] of entries) {
    if (isDataSource(value, runtime)) return { exportName, dataSource: value };
  }
  return undefined;
}

function isDataSource(value: unknown, runtime: TypeormRuntime): value is DataSource {
  if (value instanceof runtime.typeorm.DataSource) return true;
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as { '@instanceof'?: unknown; options?: { type?: unknown }; entityMetadatas?: unknown; driver?: unknown };
  if (candidate['@instanceof'] === Symbol.for('DataSource')) return true;
  return (
    typeof candidate.options === 'object' &&
    candidate.options !== null &&
    typeof candidate.options.type === 'string' &&
    Array.isArray(candidate.entityMetadatas) &&
    typeof candidate.driver === 'object'
  );
}
