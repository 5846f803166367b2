import type { Check, ForeignKey, Index, PrimaryKey, Table, Unique } from './schema';

/**
 * Alembic-style naming convention: templates per object kind with `%(token)s` placeholders.
 *
 * Tokens: `table_name`, `column_0_name`, `column_0_N_name` (all columns joined by `_`), `column_0_label`
 * (`<table>_<column>`), `referred_table_name`, `referred_column_0_name`, `constraint_name` (checks: the name the
 * model gave). See https://alembic.sqlalchemy.org/en/latest/naming.html
 *
 * @example { ix: 'ix_%(column_0_label)s', uq: 'uq_%(table_name)s_%(column_0_name)s', fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s' }
 */
export interface NamingConvention {
  readonly ix?: string;
  readonly uq?: string;
  readonly ck?: string;
  readonly fk?: string;
  readonly pk?: string;
}

interface Tokens {
  readonly table: string;
  readonly columns: ReadonlyArray<string>;
  readonly referredTable?: string;
  readonly referredColumns?: ReadonlyArray<string>;
  readonly constraintName?: string;
}

/** Fills a template; throws an Error naming the token when the template uses one this object cannot supply. */
export function applyNamingTemplate(template: string, tokens: Tokens): string {
  return template.replace(/%\((\w+)\)s/g, (_m, token: string) => {
    const value = tokenValue(token, tokens);
    if (value === undefined) {
      throw new Error(`naming convention token %(${token})s cannot be filled for table "${tokens.table}"`);
    }
    return value;
  });
}

function tokenValue(token: string, t: Tokens): string | undefined {
  const cols = t.columns;
  const refCols = t.referredColumns ?? [];
  switch (token) {
    case 'table_name':
      return t.table;
    case 'column_0_name':
      return cols[0];
    case 'column_0_N_name':
      return cols.length ? cols.join('_') : undefined;
    case 'column_0N_name':
      return cols.length ? cols.join('') : undefined;
    case 'column_0_label':
      return cols[0] === undefined ? undefined : `${t.table}_${cols[0]}`;
    case 'column_0_N_label':
      return cols.length ? cols.map((c) => `${t.table}_${c}`).join('_') : undefined;
    case 'referred_table_name':
      return t.referredTable;
    case 'referred_column_0_name':
      return refCols[0];
    case 'referred_column_0_N_name':
      return refCols.length ? refCols.join('_') : undefined;
    case 'constraint_name':
      return t.constraintName;
    default:
      return undefined;
  }
}

/**
 * Names every unnamed (or, for indexes, every) constraint of a table the convention covers, leaving the rest
 * as they are. Used on the target schema, so what a revision creates carries the convention's names.
 */
export function applyNamingConvention(table: Table, convention: NamingConvention | undefined): Table {
  if (!convention) return table;
  const fk = (f: ForeignKey): ForeignKey =>
    convention.fk && !f.name
      ? {
          ...f,
          name: applyNamingTemplate(convention.fk, {
            table: table.name,
            columns: f.columns,
            referredTable: f.referencedTable,
            referredColumns: f.referencedColumns,
          }),
        }
      : f;
  const uq = (u: Unique): Unique =>
    convention.uq && !u.name ? { ...u, name: applyNamingTemplate(convention.uq, { table: table.name, columns: u.columns }) } : u;
  const ck = (c: Check): Check =>
    convention.ck && (!c.name || convention.ck.includes('%(constraint_name)s'))
      ? c.name || !convention.ck.includes('%(constraint_name)s')
        ? { ...c, name: applyNamingTemplate(convention.ck, { table: table.name, columns: [], ...(c.name ? { constraintName: c.name } : {}) }) }
        : c
      : c;
  const pk = (p: PrimaryKey): PrimaryKey =>
    convention.pk && !p.name ? { ...p, name: applyNamingTemplate(convention.pk, { table: table.name, columns: p.columns }) } : p;
  return {
    ...table,
    foreignKeys: table.foreignKeys.map(fk),
    uniques: table.uniques.map(uq),
    checks: table.checks.map(ck),
    ...(table.primaryKey ? { primaryKey: pk(table.primaryKey) } : {}),
    indexes: table.indexes,
  };
}

/** Name for an index under the convention (`ix`, or `uq` for unique indexes when given), else `fallback`. */
export function conventionIndexName(table: string, index: Index, convention: NamingConvention | undefined, fallback: string): string {
  const template = index.unique ? (convention?.uq ?? convention?.ix) : convention?.ix;
  if (!template) return fallback;
  const columns = index.parts.map((p) => (p.kind === 'column' ? p.name : 'expr'));
  return applyNamingTemplate(template, { table, columns });
}
