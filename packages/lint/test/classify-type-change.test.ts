import { postgresDialect } from '@autogen/dialect-postgres';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import { classifyTypeChange } from '@autogen/lint';
import type { TypeChangeKind } from '@autogen/lint';
import { parseColumnType } from '@autogen/schema';
import type { ColumnType } from '@autogen/schema';
import { col, table } from './fixtures';

/** The column type as the dialect's normalizer spells it (what ops built by compare carry). */
function normalized(dialect: typeof postgresDialect, raw: string): ColumnType {
  const schema = dialect.normalize({ tables: [table('t', [col('id', 'integer', { nullable: false }), col('c', raw)])] });
  return schema.tables[0]!.columns.find((c) => c.name === 'c')!.type;
}

const cases: ReadonlyArray<[string, string, TypeChangeKind]> = [
  ['varchar(20)', 'varchar(20)', 'same'],
  ['varchar(50)', 'varchar(100)', 'widening'],
  ['varchar(100)', 'varchar(50)', 'narrowing'],
  ['varchar(50)', 'text', 'widening'],
  ['text', 'varchar(20)', 'narrowing'],
  ['char(5)', 'varchar(5)', 'widening'],
  ['varchar(5)', 'char(5)', 'change'],
  ['char(10)', 'char(5)', 'narrowing'],
  ['smallint', 'integer', 'widening'],
  ['integer', 'bigint', 'widening'],
  ['bigint', 'integer', 'narrowing'],
  ['integer', 'smallint', 'narrowing'],
  ['integer', 'numeric(12,2)', 'widening'],
  ['integer', 'numeric(6,2)', 'narrowing'],
  ['integer', 'numeric', 'widening'],
  ['integer', 'double precision', 'widening'],
  ['bigint', 'double precision', 'narrowing'],
  ['integer', 'real', 'narrowing'],
  ['numeric(10,2)', 'numeric(12,4)', 'widening'],
  ['numeric(10,2)', 'numeric(10,4)', 'narrowing'],
  ['numeric(10,2)', 'numeric(9,2)', 'narrowing'],
  ['numeric', 'numeric(10,2)', 'narrowing'],
  ['numeric(10,2)', 'numeric', 'widening'],
  ['numeric(9,0)', 'integer', 'widening'],
  ['numeric(10,2)', 'integer', 'narrowing'],
  ['numeric(10,2)', 'double precision', 'narrowing'],
  ['double precision', 'real', 'narrowing'],
  ['real', 'double precision', 'widening'],
  ['double precision', 'integer', 'narrowing'],
  ['timestamp(6)', 'timestamp(3)', 'narrowing'],
  ['timestamp(3)', 'timestamp', 'widening'],
  ['timestamp', 'date', 'narrowing'],
  ['date', 'timestamp', 'widening'],
  ['timestamp', 'timestamptz', 'change'],
  ['time(6)', 'time(0)', 'narrowing'],
  ['text', 'integer', 'change'],
  ['integer', 'text', 'change'],
  ['boolean', 'integer', 'change'],
  ['varchar(20)[]', 'varchar(10)[]', 'narrowing'],
  ['integer[]', 'bigint[]', 'widening'],
  ['integer[]', 'integer', 'change'],
  ['uuid', 'text', 'change'],
];

describe('classifyTypeChange', () => {
  it.each(cases)('PostgreSQL %s -> %s is %s', (from, to, kind) => {
    expect(classifyTypeChange(normalized(postgresDialect, from), normalized(postgresDialect, to))).toBe(kind);
  });

  it('classifies PostgreSQL synonyms by their canonical type', () => {
    const n = (raw: string): ColumnType => normalized(postgresDialect, raw);
    expect(classifyTypeChange(n('int8'), n('int4'))).toBe('narrowing');
    expect(classifyTypeChange(n('character varying(10)'), n('varchar(10)'))).toBe('same');
    expect(classifyTypeChange(n('float8'), n('float4'))).toBe('narrowing');
    expect(classifyTypeChange(n('decimal(8,2)'), n('numeric(10,2)'))).toBe('widening');
    expect(classifyTypeChange(n('timestamp with time zone'), n('timestamptz(3)'))).toBe('narrowing');
  });

  it('classifies SQLite spellings', () => {
    const n = (raw: string): ColumnType => normalized(sqliteDialect, raw);
    expect(classifyTypeChange(n('VARCHAR(255)'), n('VARCHAR(20)'))).toBe('narrowing');
    expect(classifyTypeChange(n('INT'), n('BIGINT'))).toBe('widening');
    expect(classifyTypeChange(n('BIGINT'), n('INTEGER'))).toBe('narrowing');
    expect(classifyTypeChange(n('TEXT'), n('INTEGER'))).toBe('change');
    expect(classifyTypeChange(n('DOUBLE'), n('REAL'))).toBe('narrowing');
    expect(classifyTypeChange(n('NVARCHAR(10)'), n('TEXT'))).toBe('widening');
    expect(classifyTypeChange(n('DATETIME'), n('DATE'))).toBe('narrowing');
  });

  it('treats unknown types (enums, domains) as a change', () => {
    expect(classifyTypeChange(parseColumnType('mood'), parseColumnType('text'))).toBe('change');
    expect(classifyTypeChange(parseColumnType('mood'), parseColumnType('mood'))).toBe('same');
  });
});
