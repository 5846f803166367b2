import type { SQL } from 'drizzle-orm';
import type { Index, IndexPart } from '@autogen/schema';
import type { DrizzleRuntime } from './drizzle-runtime';

type DrizzlePgIndex = ReturnType<DrizzleRuntime['pg']['getTableConfig']>['indexes'][number];

/** What drizzle keeps of a column in an index (`IndexedColumn`). */
interface IndexedColumnLike {
  readonly name?: string | undefined;
  readonly indexConfig?: { readonly order?: 'asc' | 'desc'; readonly nulls?: 'first' | 'last'; readonly opClass?: string } | undefined;
}

/** PostgreSQL's default index access method (https://www.postgresql.org/docs/current/sql-createindex.html). */
const DEFAULT_METHOD = 'btree';

/**
 * Maps one drizzle pg `index()` / `uniqueIndex()` to the schema model:
 *
 * - `.using('gin', ...)` → `method: 'gin'`; btree (drizzle's default, and `.on()`) leaves `method` absent;
 * - `.on(col.desc())` → a descending column part; `.asc()` is the default;
 * - `sql` parts → expression parts, `.where(sql)` → `where`, both rendered with bare quoted column names;
 * - an index without a name gets the one drizzle-kit gives it, `<table>_<cols>_index`, so databases created by
 *   drizzle-kit match (drizzle-kit refuses unnamed expression indexes, and so does autogen).
 *
 * Ignored, since they say how the index is built rather than what it is: `.concurrently()` (autogen's CLI has a
 * flag for it), `.with({...})` storage parameters, and `.onOnly()` (ONLY, for partitioned tables).
 *
 * Throws for what the model cannot express and that would change the index if dropped: operator classes
 * (`.op('gin_trgm_ops')`) and `NULLS FIRST` on an ascending column. drizzle records `nulls: 'last'` for every
 * column unless told otherwise, so a descending column's nulls order cannot be told apart from PostgreSQL's
 * default (`DESC NULLS FIRST`) and is left to the database default — drizzle-kit would write `DESC NULLS LAST`.
 */
export function pgIndexToSchema(
  index: DrizzlePgIndex,
  table: string,
  render: (sql: SQL) => string,
  runtime: DrizzleRuntime,
): Index {
  const { config } = index;
  const parts = config.columns.map((part): IndexPart => {
    if (runtime.core.is(part, runtime.core.SQL)) return { kind: 'expression', sql: render(part) };
    const column: IndexedColumnLike = part as IndexedColumnLike;
    const name = column.name;
    if (name === undefined) throw new Error('an index column has no name');
    const { order, nulls, opClass } = column.indexConfig ?? {};
    if (opClass) {
      throw new Error(`column "${name}" has operator class ${opClass} (.op()), which autogen does not support yet`);
    }
    const descending = order === 'desc';
    if (!descending && nulls === 'first') {
      throw new Error(`column "${name}" is ascending with NULLS FIRST (.nullsFirst()), which autogen does not support yet`);
    }
    return { kind: 'column', name, ...(descending ? { descending: true } : {}) };
  });
  const name = config.name ?? generatedIndexName(table, parts);
  return {
    name,
    parts,
    unique: config.unique,
    ...(config.method && config.method.toLowerCase() !== DEFAULT_METHOD ? { method: config.method.toLowerCase() } : {}),
    ...(config.where ? { where: render(config.where) } : {}),
  };
}

/** drizzle-kit's name for an unnamed index: `<table>_<col>_<col>_index`. */
function generatedIndexName(table: string, parts: ReadonlyArray<IndexPart>): string {
  const columns = parts.map((part) => {
    if (part.kind === 'expression') throw new Error(`an index on the expression ${part.sql} needs a name: index('name').on(...)`);
    return part.name;
  });
  return `${table}_${columns.join('_')}_index`;
}
