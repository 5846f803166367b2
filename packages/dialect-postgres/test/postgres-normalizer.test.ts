import type { Column, ColumnType, DefaultValue, Schema, Table } from '@autogen/schema';
import { canonicalPostgresSql } from '../src/postgres-canonical-sql';
import { normalizeIndexPart, normalizePostgresDefault, normalizePostgresSchema, normalizePostgresType } from '../src/postgres-normalizer';
import { withoutRaw } from './support/without-raw';
import { createTestDatabase } from './support/test-database';
import type { TestDatabase } from './support/test-database';

const type = (raw: string, name = ''): ColumnType => ({ name, args: [], raw });

describe('normalizePostgresType', () => {
  // [spelling, canonical name, args]: what introspection (format_type, udt names) or a model may write.
  it.each<[string, string, number[]]>([
    ['integer', 'integer', []],
    ['int4', 'integer', []],
    ['INT', 'integer', []],
    ['int8', 'bigint', []],
    ['BIGINT', 'bigint', []],
    ['int2', 'smallint', []],
    ['smallint', 'smallint', []],
    ['float8', 'double precision', []],
    ['double precision', 'double precision', []],
    ['DOUBLE   PRECISION', 'double precision', []],
    ['float', 'double precision', []],
    ['float(24)', 'real', []],
    ['float(25)', 'double precision', []],
    ['float4', 'real', []],
    ['real', 'real', []],
    ['bool', 'boolean', []],
    ['boolean', 'boolean', []],
    ['character varying(255)', 'varchar', [255]],
    ['VARCHAR(255)', 'varchar', [255]],
    ['varchar ( 255 )', 'varchar', [255]],
    ['character varying', 'varchar', []],
    ['varchar', 'varchar', []],
    ['character(3)', 'char', [3]],
    ['char(3)', 'char', [3]],
    ['bpchar(3)', 'char', [3]],
    ['char', 'char', [1]],
    ['character', 'char', [1]],
    ['bpchar', 'bpchar', []],
    ['"char"', '"char"', []],
    ['timestamp', 'timestamp', []],
    ['timestamp without time zone', 'timestamp', []],
    ['timestamp(3) without time zone', 'timestamp', [3]],
    ['TIMESTAMP(3)', 'timestamp', [3]],
    ['timestamptz', 'timestamptz', []],
    ['timestamp with time zone', 'timestamptz', []],
    ['timestamp(6) with time zone', 'timestamptz', [6]],
    ['timestamptz(6)', 'timestamptz', [6]],
    ['time', 'time', []],
    ['time without time zone', 'time', []],
    ['time(2) without time zone', 'time', [2]],
    ['timetz', 'timetz', []],
    ['time with time zone', 'timetz', []],
    ['decimal(10,2)', 'numeric', [10, 2]],
    ['NUMERIC( 10 , 2 )', 'numeric', [10, 2]],
    ['numeric(10)', 'numeric', [10, 0]],
    ['numeric', 'numeric', []],
    ['_int4', 'integer[]', []],
    ['integer[]', 'integer[]', []],
    ['int4[]', 'integer[]', []],
    ['int[3][3]', 'integer[]', []],
    ['integer ARRAY', 'integer[]', []],
    ['integer array[4]', 'integer[]', []],
    ['varchar(20)[]', 'varchar[]', [20]],
    ['character varying(20)[]', 'varchar[]', [20]],
    ['_varchar', 'varchar[]', []],
    ['_text', 'text[]', []],
    ['text []', 'text[]', []],
    ['serial', 'serial', []],
    ['serial4', 'serial', []],
    ['SERIAL8', 'bigserial', []],
    ['bigserial', 'bigserial', []],
    ['serial2', 'smallserial', []],
    ['smallserial', 'smallserial', []],
    ['bit varying(5)', 'varbit', [5]],
    ['varbit(5)', 'varbit', [5]],
    ['bit', 'bit', [1]],
    ['bit(8)', 'bit', [8]],
    ['jsonb', 'jsonb', []],
    ['JSON', 'json', []],
    ['uuid', 'uuid', []],
    ['bytea', 'bytea', []],
    ['inet', 'inet', []],
    ['cidr', 'cidr', []],
    ['macaddr', 'macaddr', []],
    ['interval', 'interval', []],
    ['text', 'text', []],
    ['date', 'date', []],
    ['Mood', 'mood', []],
    ['"Mood"', 'Mood', []],
    ['"Mood"[]', 'Mood[]', []],
    ['"audit"."Status"', 'audit.Status', []],
    ['audit.status', 'audit.status', []],
    ['"My Schema"."my type"[]', 'My Schema.my type[]', []],
  ])('%s → %s %j', (raw, name, args) => {
    const normalized = normalizePostgresType(type(raw));
    expect(normalized).toEqual({ name, args, raw });
    expect(normalizePostgresType(normalized)).toEqual(normalized);
  });

  it('keeps the key of an enum of the schema, however the model spells it', () => {
    const enums = new Set(['Mood', 'audit.status']);
    expect(normalizePostgresType(type('Mood'), enums)).toEqual({ name: 'Mood', args: [], raw: 'Mood' });
    expect(normalizePostgresType(type('"Mood"'), enums)).toEqual({ name: 'Mood', args: [], raw: '"Mood"' });
    expect(normalizePostgresType(type('Mood[]'), enums)).toEqual({ name: 'Mood[]', args: [], raw: 'Mood[]' });
    expect(normalizePostgresType(type('"audit"."status"'), enums).name).toBe('audit.status');
    expect(normalizePostgresType({ name: 'Mood', args: [], raw: '' }, enums)).toEqual({ name: 'Mood', args: [], raw: '' });
  });

  it('reads the name when there is no raw spelling', () => {
    expect(normalizePostgresType({ name: 'int4', args: [], raw: '' })).toEqual({ name: 'integer', args: [], raw: '' });
    expect(normalizePostgresType({ name: 'character varying', args: [20], raw: '' })).toEqual({ name: 'varchar', args: [20], raw: '' });
    expect(normalizePostgresType({ name: 'varchar[]', args: [20], raw: '' })).toEqual({ name: 'varchar[]', args: [20], raw: '' });
  });
});

describe('normalizePostgresDefault', () => {
  const sql = (expr: string): DefaultValue => ({ kind: 'sql', expr });
  const literal = (value: string | number | boolean | null): DefaultValue => ({ kind: 'literal', value });
  const on = (raw: string): ColumnType => normalizePostgresType(type(raw));

  // [column type, default as introspected or modelled, canonical default (undefined = none)]
  it.each<[string, DefaultValue, DefaultValue | undefined]>([
    ['text', sql("'x'::text"), literal('x')],
    ['varchar(20)', sql("'x'::character varying"), literal('x')],
    ['char(3)', sql("'ab'::bpchar"), literal('ab')],
    ['text', sql("'it''s'::text"), literal("it's")],
    ['text', sql("E'a\\nb'"), literal('a\nb')],
    ['text', sql("''::text"), literal('')],
    ['text', sql("'x'"), literal('x')],
    ['text', sql("('a'::text)::character varying"), literal('a')],
    ['text', literal(42), literal('42')],
    ['text', literal(true), literal('true')],
    ['integer', sql('42'), literal(42)],
    ['integer', sql("'42'::integer"), literal(42)],
    ['integer', sql('42::integer'), literal(42)],
    ['integer', sql('(-1)'), literal(-1)],
    ['integer', sql("'-1'::integer"), literal(-1)],
    ['integer', sql('- 1'), literal(-1)],
    ['integer', sql('-0'), literal(0)],
    ['integer', literal('42'), literal(42)],
    ['integer', literal(42), literal(42)],
    ['bigint', sql("'10000000000'::bigint"), literal(10000000000)],
    ['bigint', sql("'9223372036854775807'::bigint"), literal('9223372036854775807')],
    ['numeric(10,2)', sql('1.50'), literal(1.5)],
    ['numeric(10,2)', literal('1.5'), literal(1.5)],
    ['double precision', sql("'-2.5'::numeric"), literal(-2.5)],
    ['real', sql("'NaN'::real"), literal('NaN')],
    ['boolean', sql('true'), literal(true)],
    ['boolean', sql('FALSE'), literal(false)],
    ['boolean', sql("'t'::boolean"), literal(true)],
    ['boolean', literal('yes'), literal(true)],
    ['boolean', literal('off'), literal(false)],
    ['boolean', literal(false), literal(false)],
    ['timestamptz', sql('now()'), sql('CURRENT_TIMESTAMP')],
    ['timestamptz', sql('NOW()'), sql('CURRENT_TIMESTAMP')],
    ['timestamptz', sql('CURRENT_TIMESTAMP'), sql('CURRENT_TIMESTAMP')],
    ['timestamp', sql('current_timestamp'), sql('CURRENT_TIMESTAMP')],
    ['timestamp', sql('transaction_timestamp()'), sql('CURRENT_TIMESTAMP')],
    ['timestamp(3)', sql('CURRENT_TIMESTAMP(3)'), sql('CURRENT_TIMESTAMP(3)')],
    ['timestamp', sql('localtimestamp'), sql('LOCALTIMESTAMP')],
    ['timestamp', sql('clock_timestamp()'), sql('clock_timestamp()')],
    ['date', sql('current_date'), sql('CURRENT_DATE')],
    ['date', sql("'2024-01-01'::date"), literal('2024-01-01')],
    // The text cast of 'now' runs at each insert (TypeORM writes CURRENT_DATE etc. this way); it is no literal.
    ['date', sql("('now'::text)::date"), sql('CURRENT_DATE')],
    ['timestamptz(3)', sql("('now'::text)::timestamp(3) with time zone"), sql('CURRENT_TIMESTAMP(3)')],
    ['timestamptz', sql("('now'::text)::timestamp with time zone"), sql('CURRENT_TIMESTAMP')],
    ['timetz', sql("('now'::TEXT)::time with time zone"), sql('CURRENT_TIME')],
    ['timestamp(6)', sql("'now'::text::timestamp(6) without time zone"), sql('LOCALTIMESTAMP(6)')],
    ['time', sql("('now'::text)::time without time zone"), sql('LOCALTIME')],
    ['timestamp', sql("('now'::text)::timestamp"), sql('LOCALTIMESTAMP')],
    ['date', sql("'today'::date"), literal('today')],
    ['interval', sql("'1 day'::interval"), literal('1 day')],
    ['text', sql('NULL'), undefined],
    ['text', sql('NULL::text'), undefined],
    ['varchar', sql('null::character varying'), undefined],
    ['text', literal(null), undefined],
    ['text', sql('  '), undefined],
    ['mood', sql("'ok'::mood"), literal('ok')],
    ['"Mood"', sql(`'ok'::"Mood"`), literal('ok')],
    ['audit.status', sql("'open'::audit.status"), literal('open')],
    ['jsonb', literal('{"b":1,"a":[1,2]}'), literal('{"a": [1, 2], "b": 1}')],
    ['jsonb', sql(`'{"a": [1, 2], "b": 1}'::jsonb`), literal('{"a": [1, 2], "b": 1}')],
    ['jsonb', sql(`'{}'::jsonb`), literal('{}')],
    ['jsonb', literal('{"bb":1,"a":2,"ab":3}'), literal('{"a": 2, "ab": 3, "bb": 1}')],
    ['json', literal('{"b":1,"a":2}'), literal('{"b":1,"a":2}')],
    ['text[]', sql("'{}'::text[]"), literal('{}')],
    ['integer[]', sql("'{1,2}'::integer[]"), literal('{1,2}')],
    ['integer[]', sql('ARRAY[]::integer[]'), sql('array[]::integer[]')],
    ['text', sql("('a'::text || 'b'::text)"), sql("'a' || 'b'")],
    ['integer', sql('(1 + 2)'), sql('1 + 2')],
    ['integer', sql('1+2'), sql('1 + 2')],
    ['uuid', sql('gen_random_uuid()'), sql('gen_random_uuid()')],
    ['integer', sql("nextval('seq'::regclass)"), sql("nextval('seq'::regclass)")],
  ])('%s: %j → %j', (columnType, value, expected) => {
    const t = on(columnType);
    const normalized = normalizePostgresDefault(value, t);
    expect(withoutRaw(normalized)).toEqual(expected);
    // The spelling as written is kept beside a canonical expression that differs from it (for DDL).
    if (normalized?.kind === 'sql' && value.kind === 'sql') expect(normalized.raw ?? normalized.expr).toBe(value.expr.trim());
    if (normalized) expect(normalizePostgresDefault(normalized, t)).toEqual(normalized);
  });
});

describe('canonicalPostgresSql', () => {
  /** The text and varchar columns of the table `v` the expressions below are evaluated on. */
  const table = { textColumns: new Set(['a', 'n', 'email']) };
  const c = (sql: string): string => canonicalPostgresSql(sql, table);

  // [as PostgreSQL prints it (pg_get_constraintdef / pg_get_expr / pg_get_indexdef), as a model writes it]
  const SAME: ReadonlyArray<[string, string]> = [
    ['((price > (0)::numeric))', 'price > 0'],
    ['price > 0::numeric', 'price>0'],
    ["((a)::text = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[]))", "a IN ('x', 'y')"],
    ["a::text = ANY (ARRAY['x'::character varying, 'y'::character varying]::text[])", "a in ('x','y')"],
    ["a::text <> ALL (ARRAY['x'::text, 'y'::text])", "a NOT IN ('x', 'y')"],
    ['(((b > 0) AND (b < 10)) OR (b IS NULL))', 'b > 0 and b < 10 or b is null'],
    ['b > 0 AND b < 10 OR b IS NULL', '(b > 0 AND b < 10) OR b IS NULL'],
    ["((n ~~ 'a%'::text) AND (length(n) > 2))", "n LIKE 'a%' AND length(n) > 2"],
    ["n ~~* 'a%'::text", "n ILIKE 'a%'"],
    ["n !~~ 'a%'::text", "n NOT LIKE 'a%'"],
    ['lower((email)::text)', 'lower(email)'],
    ['lower(email::text)', 'LOWER("email")'],
    ['"order" > 0', '"order">0'],
    ["a <> ''::text", "a != ''"],
    ['(NOT deleted)', 'not "deleted"'],
    ["b = '-1'::integer", 'b = -1'],
    ['COALESCE(b, 0)', 'coalesce(b,0)'],
    ['(b + 1) * 2 > 0', '((b + 1) * 2) > 0'],
    ['a IS NOT NULL', 'A   is not   NULL'],
    ['b > 1', '-- the limit\nb /* really */ > 1'],
    ["(a)::text = 'x'::text", "a = 'x'"],
    ['"Price" > 0', '("Price" > 0)'],
    ['CURRENT_DATE', 'current_date'],
    ['CURRENT_USER', 'user'],
    ['b - 1 - 2', '(b - 1) - 2'],
    ['b > 0 AND b < 5 AND b <> 3', '((b > 0) AND (b < 5)) AND (b <> 3)'],
    ['b = 1 + 2', 'b = (1 + 2)'],
    ["a::text || n ~~ 'x%'::text", "(a || n) LIKE 'x%'"],
    ['NOT b = 1', 'NOT (b = 1)'],
    ['b = 1 IS TRUE', '(b = 1) IS TRUE'],
    ["CASE WHEN b > 0 THEN 'p'::text ELSE 'n'::text END = n", "(CASE WHEN (b > 0) THEN 'p' ELSE 'n' END) = n"],
    ["(a)::text = (SELECT 'x'::text)", "a = (select 'x')"],
  ];

  // Pairs whose meaning differs: canonicalization must keep them apart.
  const DIFFERENT: ReadonlyArray<[string, string]> = [
    ['(b > 0 OR b < 5) AND b <> 3', 'b > 0 OR b < 5 AND b <> 3'],
    ['NOT (deleted AND b > 0)', 'NOT deleted AND b > 0'],
    ['(b + 1) * 2 > 0', 'b + 1 * 2 > 0'],
    ['"Price" > 0', 'price > 0'],
    ["a = 'X'", "a = 'x'"],
    ['b > 0', 'b >= 0'],
    ['b - (1 - 2)', 'b - 1 - 2'],
    ['-(b + 1) > 0', '-b + 1 > 0'],
    ['b * (1 + 2)', 'b * 1 + 2'],
    ["a::varchar(1) = 'x'", "a = 'x'"],
    ["'abc'::varchar(2) = n", "'abc' = n"],
  ];

  it.each(SAME)('%s ≡ %s', (stored, written) => {
    expect(c(stored)).toBe(c(written));
  });

  it.each(DIFFERENT)('%s ≠ %s', (left, right) => {
    expect(c(left)).not.toBe(c(right));
  });

  it('is idempotent', () => {
    for (const sql of [...SAME, ...DIFFERENT].flat()) {
      const once = c(sql);
      expect(c(once)).toBe(once);
    }
  });

  it('drops only the casts that cannot change the meaning', () => {
    // ::text on a column only for text/varchar columns: `b like '1%'` would not even run on an integer b.
    expect(c("b::text ~~ '1%'::text")).toBe("b::text like '1%'");
    expect(c("(a)::text ~~ '1%'::text")).toBe("a like '1%'");
    expect(canonicalPostgresSql("(a)::text ~~ '1%'::text")).toBe("a::text like '1%'");
    // Numeric casts only on compared constants: `b / 2::numeric` is not integer division.
    expect(c('b / 2::numeric > 1')).toBe('b / 2::numeric > 1');
    expect(c('price > 2::numeric')).toBe('price > 2');
    expect(c('price BETWEEN 0::numeric AND 10::numeric')).toBe('price >= 0 and price <= 10');
    expect(c('1.5::integer + b')).toBe('1.5::integer + b');
    expect(c("'1'::bigint + b")).toBe("'1'::bigint + b");
    expect(c("b + '-1'::integer")).toBe('b + -1');
    // Enum constants lose their cast only when compared with something that is not a constant.
    expect(c("status = 'a'::mood")).toBe("status = 'a'");
    expect(c("'a'::mood < 'b'::mood")).toBe("'a'::mood < 'b'");
    // Bounded types truncate.
    expect(c("'abc'::character varying(2) = n")).toBe("'abc'::character varying(2) = n");
  });

  it('keeps quoting where it is needed', () => {
    expect(canonicalPostgresSql('"Price" + "user" + "quote""d" + "Order Items".x + "price"')).toBe(
      '"Price" + "user" + "quote""d" + "Order Items".x + price',
    );
    expect(canonicalPostgresSql("'2024-01-01'::date")).toBe("'2024-01-01'::date");
    expect(canonicalPostgresSql('x::int4 + y::INT8 + z::varchar(3)')).toBe('x::integer + y::bigint + z::character varying(3)');
  });

  describe('against PostgreSQL', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
      await db.exec(`
        CREATE TABLE v (a varchar(10), b integer, n text, price numeric, deleted boolean, email varchar(50), "order" integer, "Price" integer);
        INSERT INTO v VALUES
          ('x', 1, 'abc', 1.5, false, 'A@b', 1, -1),
          ('y', -1, 'ab', 0, true, 'c@d', 0, 2),
          ('z', 12, 'Abc', -3, NULL, NULL, NULL, NULL),
          (NULL, NULL, NULL, NULL, NULL, NULL, -5, 0),
          ('', 5, '', 100, false, '', 3, 4);`);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('keeps the meaning of every expression: both spellings and the canonical one give the same rows', async () => {
      const expressions = [...SAME.flat(), ...DIFFERENT.flat()].filter((e) => !/CURRENT_|^user$/.test(e));
      const columns = expressions.flatMap((e, i) => [`(${e}) AS o${i}`, `(${c(e)}) AS c${i}`]);
      const rows = await db.exec(`SELECT ${columns.join(', ')} FROM v ORDER BY b NULLS LAST, a NULLS LAST`);
      expect(rows).toHaveLength(5);
      for (const row of rows) {
        expressions.forEach((e, i) => {
          expect([e, row[`c${i}`]]).toEqual([e, row[`o${i}`]]);
        });
      }
    });

    it('writes a CHECK that PostgreSQL stores back in the same canonical form', async () => {
      const written = "a in ('x', 'y', '') and (b > 0 or b is null) and n not like 'q%' and lower(email) <> 'z'";
      await db.exec(`ALTER TABLE v ADD CONSTRAINT v_check CHECK (${c(written)}) NOT VALID`);
      const [row] = await db.exec(`SELECT pg_get_constraintdef(oid, true) AS def FROM pg_constraint WHERE conname = 'v_check'`);
      const stored = String(row?.def).replace(/^CHECK \(/, '').replace(/\) NOT VALID$/, '');
      expect(stored).not.toBe(written);
      expect(c(stored)).toBe(c(written));
    });

    it("reads ('now'::text)::<type> defaults as the functions they are, never as a frozen 'now'", async () => {
      const asSql = (expr: string): DefaultValue => ({ kind: 'sql', expr });
      const written: ReadonlyArray<[string, string]> = [
        ['date', "('now'::text)::date"],
        ['timestamp(3) with time zone', "('now'::text)::timestamp(3) with time zone"],
        ['timestamp', "('now'::text)::timestamp without time zone"],
      ];
      const defaults = async (table: string): Promise<string[]> =>
        (await db.exec(`SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = '${table}'::regclass ORDER BY adnum`)).map((r) => String(r.d));
      await db.exec(`CREATE TABLE now_typeorm (${written.map(([t, d], i) => `c${i} ${t} DEFAULT ${d}`).join(', ')})`);
      const stored = await defaults('now_typeorm');
      const normalized = stored.map((d, i) => normalizePostgresDefault(asSql(d), normalizePostgresType(type(written[i]?.[0] ?? ''))));
      expect(withoutRaw(normalized)).toEqual([asSql('CURRENT_DATE'), asSql('CURRENT_TIMESTAMP(3)'), asSql('LOCALTIMESTAMP')]);
      // Written back, the canonical form is still evaluated at each insert: PostgreSQL stores no constant.
      await db.exec(`CREATE TABLE now_canonical (${written.map(([t], i) => `c${i} ${t} DEFAULT ${(normalized[i] as { expr: string }).expr}`).join(', ')})`);
      for (const d of await defaults('now_canonical')) expect(d).not.toMatch(/^'/);
    });

    it('runs every kept cast form', async () => {
      const kept = ["b::text like '1%'", 'b / 2::numeric > 1', "'1'::bigint + b > 0", "'abc'::character varying(2) = n"];
      const rows = await db.exec(`SELECT ${kept.map((e, i) => `(${c(e)}) IS NOT DISTINCT FROM (${e}) AS k${i}`).join(', ')} FROM v`);
      for (const row of rows) expect(Object.values(row).every((v) => v === true)).toBe(true);
    });
  });
});

describe('normalizeIndexPart', () => {
  it.each([
    [{ kind: 'expression', sql: 'lower((email)::text)' }, { kind: 'expression', sql: 'lower(email)' }],
    [{ kind: 'expression', sql: 'LOWER("email") ASC' }, { kind: 'expression', sql: 'lower(email)' }],
    [{ kind: 'expression', sql: 'lower(email) DESC' }, { kind: 'expression', sql: 'lower(email) desc' }],
    [{ kind: 'expression', sql: '"Email"' }, { kind: 'column', name: 'Email' }],
    [{ kind: 'expression', sql: 'email DESC' }, { kind: 'column', name: 'email', descending: true }],
    [{ kind: 'column', name: 'email', descending: false }, { kind: 'column', name: 'email' }],
  ] as const)('%j → %j', (part, expected) => {
    expect(normalizeIndexPart(part, { textColumns: new Set(['email']) })).toEqual(expected);
  });
});

describe('normalizePostgresSchema', () => {
  const col = (name: string, raw: string, extra: Partial<Column> = {}): Column => ({ name, type: type(raw), nullable: true, ...extra });
  const tableOf = (t: Partial<Table> & Pick<Table, 'name' | 'columns'>): Table => ({ foreignKeys: [], indexes: [], uniques: [], checks: [], ...t });

  const model: Schema = {
    enums: [{ name: 'Mood', values: ['sad', 'ok'] }, { name: 'status', schema: 'audit', values: ['open'] }],
    tables: [
      tableOf({
        name: 'users',
        comment: '',
        columns: [
          col('id', 'SERIAL', { default: { kind: 'sql', expr: "nextval('users_id_seq'::regclass)" } }),
          col('code', 'int4', { identity: 'by default', default: { kind: 'literal', value: 1 } }),
          col('mood', 'Mood', { default: { kind: 'sql', expr: "'ok'::\"Mood\"" }, comment: '' }),
          col('email', 'character varying(100)', { collation: 'default' }),
          col('key', 'text'),
        ],
        primaryKey: { columns: ['id', 'key'] },
        indexes: [
          { name: 'users_email', parts: [{ kind: 'expression', sql: 'lower((email)::text)' }], unique: true, method: 'BTREE', include: [], where: '(email IS NOT NULL)' },
          { name: 'users_gin', parts: [{ kind: 'column', name: 'email' }], unique: false, method: 'GIN' },
        ],
        checks: [{ name: 'users_code', expression: '((code > 0))' }],
      }),
      tableOf({
        name: 'posts',
        columns: [col('user_id', 'integer'), col('key', 'text'), col('event', 'int')],
        foreignKeys: [
          { columns: ['user_id', 'key'], referencedTable: 'users', referencedColumns: [], onDelete: 'CASCADE' as never, onUpdate: 'SET NULL' as never, deferred: true },
          { columns: ['event'], referencedTable: 'events', referencedSchema: 'audit', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' },
        ],
      }),
      tableOf({
        name: 'events',
        schema: 'audit',
        columns: [col('id', 'int'), col('parent', 'int'), col('status', 'audit.status')],
        foreignKeys: [{ columns: ['parent'], referencedTable: 'audit.events', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action', deferrable: false }],
      }),
    ],
  };

  const normalized = normalizePostgresSchema(model);
  const users = normalized.tables.find((t) => t.name === 'users') as Table;
  const posts = normalized.tables.find((t) => t.name === 'posts') as Table;
  const events = normalized.tables.find((t) => t.name === 'events') as Table;

  it('drops the defaults of serial and identity columns and makes them and key columns NOT NULL', () => {
    expect(users.columns).toEqual([
      { name: 'id', type: { name: 'serial', args: [], raw: 'SERIAL' }, nullable: false },
      { name: 'code', type: { name: 'integer', args: [], raw: 'int4' }, nullable: false, identity: 'by default' },
      { name: 'mood', type: { name: 'Mood', args: [], raw: 'Mood' }, nullable: true, default: { kind: 'literal', value: 'ok' } },
      { name: 'email', type: { name: 'varchar', args: [100], raw: 'character varying(100)' }, nullable: true },
      { name: 'key', type: { name: 'text', args: [], raw: 'text' }, nullable: false },
    ]);
    expect(users).not.toHaveProperty('comment');
  });

  it('canonicalizes indexes and checks', () => {
    expect(users.indexes).toEqual([
      { name: 'users_email', parts: [{ kind: 'expression', sql: 'lower(email)' }], unique: true, where: 'email is not null' },
      { name: 'users_gin', parts: [{ kind: 'column', name: 'email' }], unique: false, method: 'gin' },
    ]);
    expect(withoutRaw(users.checks)).toEqual([{ name: 'users_code', expression: 'code > 0' }]);
  });

  it('canonicalizes foreign keys: actions, implied deferrable, schema keys, implicit referenced columns', () => {
    expect(posts.foreignKeys).toEqual([
      { columns: ['event'], referencedTable: 'events', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action', referencedSchema: 'audit' },
      {
        columns: ['user_id', 'key'],
        referencedTable: 'users',
        referencedColumns: ['id', 'key'],
        onDelete: 'cascade',
        onUpdate: 'set null',
        deferrable: true,
        deferred: true,
      },
    ]);
    expect(events.foreignKeys).toEqual([
      { columns: ['parent'], referencedTable: 'events', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action', referencedSchema: 'audit' },
    ]);
    expect(events.columns.find((c) => c.name === 'status')?.type.name).toBe('audit.status');
  });

  it('keeps enums, never changes raw, and is idempotent', () => {
    expect(normalized.enums).toEqual([{ name: 'Mood', values: ['sad', 'ok'] }, { name: 'status', schema: 'audit', values: ['open'] }]);
    const raws = (s: Schema) => s.tables.flatMap((t) => t.columns.map((c) => c.type.raw)).sort();
    expect(raws(normalized)).toEqual(raws(model));
    expect(normalizePostgresSchema(normalized)).toEqual(normalized);
  });
});
