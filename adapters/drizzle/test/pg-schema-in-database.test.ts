import { resolve } from 'node:path';
import { getTableColumns, is, SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgTable } from 'drizzle-orm/pg-core';
import { Client } from 'pg';
import { loadModule } from '@autogen/loader';
import { findTable, tableKey, type Schema } from '@autogen/schema';
import { createTestDatabase, type TestDatabase } from '../../../packages/dialect-postgres/test/support/test-database';
import { drizzleAdapter } from '../src/drizzle-adapter';
import { parsePgColumnType } from '../src/pg-column-type';
import { pgDdl } from './support/pg-ddl';

/**
 * Runs the mapped schema on a real PostgreSQL server and checks it against what the server reports back: the
 * canonical types equal the server's own (format_type), literal defaults are the text PostgreSQL prints back,
 * defaults decode through drizzle to the values the model declared, and keys, indexes and enums behave.
 */
const fixture = (name: string): string => resolve(__dirname, 'fixtures', `${name}.ts`);

let db: TestDatabase;
let client: Client;

beforeAll(async () => {
  db = await createTestDatabase('autogen_drizzle');
  client = new Client({ connectionString: db.url });
  await client.connect();
  // Defaults of timestamptz columns print in the session time zone.
  await client.query(`SET TIME ZONE 'UTC'`);
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

beforeEach(async () => {
  await client.query('DROP SCHEMA IF EXISTS billing CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
});

async function createFrom(name: string): Promise<Schema> {
  const { schema } = await drizzleAdapter.load({ files: [fixture(name)], dialect: 'postgresql', projectDir: resolve(__dirname, '..') });
  for (const statement of pgDdl(schema)) await client.query(statement);
  return schema;
}

interface CatalogColumn {
  readonly table: string;
  readonly column: string;
  readonly type: string;
  readonly not_null: boolean;
  readonly identity: string;
  readonly default_expr: string | null;
}

async function catalogColumns(): Promise<ReadonlyArray<CatalogColumn>> {
  const { rows } = await client.query<CatalogColumn>(`
    SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END AS table,
           a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
           a.attidentity AS identity, pg_get_expr(d.adbin, d.adrelid) AS default_expr
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname IN ('public', 'billing')
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attnum > 0 AND NOT a.attisdropped`);
  return rows;
}

/** What a serial column is once created: its integer type, NOT NULL, with a nextval() default. */
const SERIAL_STORAGE: Readonly<Record<string, string>> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' };

describe.each(['pg-column-types', 'pg-identity', 'pg-enums', 'pg-schemas', 'pg-defaults', 'story-schema-pg'])('%s on PostgreSQL', (name) => {
  it('creates, and every column has the canonical type, nullability and identity the server reports', async () => {
    const schema = await createFrom(name);
    const catalog = await catalogColumns();
    let compared = 0;
    for (const table of schema.tables) {
      for (const column of table.columns) {
        const found = catalog.find((c) => c.table === tableKey(table) && c.column === column.name);
        expect([tableKey(table), column.name, found !== undefined]).toEqual([tableKey(table), column.name, true]);
        if (!found) continue;
        const serial = SERIAL_STORAGE[column.type.name];
        const want = serial ? { name: serial, args: [] } : { name: column.type.name, args: column.type.args };
        const got = parsePgColumnType(found.type);
        expect([column.name, { name: got.name, args: got.args }]).toEqual([column.name, want]);
        expect([column.name, found.not_null]).toEqual([column.name, !column.nullable]);
        const identity = column.identity === 'always' ? 'a' : column.identity === 'by default' ? 'd' : '';
        expect([column.name, found.identity]).toEqual([column.name, identity]);
        if (serial) expect(found.default_expr).toMatch(/^nextval\('.*_seq'::regclass\)$/);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe('defaults on PostgreSQL', () => {
  it('are literals PostgreSQL prints back as the same text (jsonb aside, which it reformats)', async () => {
    const schema = await createFrom('pg-defaults');
    const catalog = await catalogColumns();
    const settings = findTable(schema, 'settings');
    const literals = (settings?.columns ?? []).filter((c) => c.default?.kind === 'literal' && c.type.name !== 'jsonb');
    expect(literals.length).toBeGreaterThan(15);
    for (const column of literals) {
      const printed = catalog.find((c) => c.table === 'settings' && c.column === column.name)?.default_expr ?? '';
      // 'text'::type, or a bare numeral / boolean.
      const text = /^'((?:[^']|'')*)'::.+$/.exec(printed)?.[1]?.replace(/''/g, "'") ?? printed;
      const value = column.default?.kind === 'literal' ? column.default.value : undefined;
      expect([column.name, text]).toEqual([column.name, String(value)]);
    }
  });

  it('decode through drizzle to the values the model declared', async () => {
    await createFrom('pg-defaults');
    const mod = await loadModule(fixture('pg-defaults'));
    const settings = mod.settings as PgTable;
    const fixedDate = mod.FIXED_DATE as Date;
    await client.query('INSERT INTO settings DEFAULT VALUES');
    const [row] = await drizzle(client).select().from(settings);
    let compared = 0;
    for (const [key, column] of Object.entries(getTableColumns(settings))) {
      const declared: unknown = column.default;
      if (declared === undefined || is(declared, SQL)) continue;
      // date({ mode: 'date' }) keeps the day only.
      const want = key === 'day' ? new Date(fixedDate.toISOString().slice(0, 10)) : declared;
      expect([key, row?.[key as keyof typeof row]]).toEqual([key, want]);
      compared += 1;
    }
    expect(compared).toBe(18);
    expect(row?.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(row?.createdAt).toBeInstanceOf(Date);
  });
});

describe('keys, foreign keys, checks and enums on PostgreSQL', () => {
  it('cross-schema foreign keys act as declared (set null into billing, cascade from public)', async () => {
    await createFrom('pg-schemas');
    await client.query(`INSERT INTO customers (id, name, region) VALUES (1, 'Ada', 'eu')`);
    await client.query(`INSERT INTO billing.accounts (id, customer_id, region) VALUES (10, 1, 'eu'), (11, 1, 'us')`);
    await client.query(`UPDATE customers SET default_account_id = 10`);
    await client.query(`INSERT INTO billing.invoices (account_id, history) VALUES (11, '{draft,sent}')`);
    const { rows: invoices } = await client.query(`SELECT status::text, history::text[] AS history FROM billing.invoices`);
    expect(invoices).toEqual([{ status: 'draft', history: ['draft', 'sent'] }]);
    await client.query('DELETE FROM billing.accounts WHERE id = 10');
    expect((await client.query('SELECT default_account_id FROM customers')).rows).toEqual([{ default_account_id: null }]);
    await expect(client.query(`INSERT INTO billing.invoices (account_id, status) VALUES (11, 'void')`)).rejects.toThrow(
      'invalid input value for enum billing.invoice_status: "void"',
    );
    await client.query('DELETE FROM billing.invoices');
    await client.query('DELETE FROM customers');
    expect((await client.query('SELECT count(*)::int AS n FROM billing.accounts')).rows).toEqual([{ n: 0 }]);
  });

  it('creates enums with their labels in declared order, in their schema', async () => {
    await createFrom('pg-schemas');
    const { rows } = await client.query(`SELECT enum_range(NULL::billing.invoice_status)::text[] AS billing, enum_range(NULL::region)::text[] AS region`);
    expect(rows).toEqual([{ billing: ['draft', 'sent', 'paid'], region: ['eu', 'us'] }]);
  });

  it('checks, uniques and composite keys hold', async () => {
    await createFrom('pg-constraints');
    await expect(client.query(`INSERT INTO authors (email, age) VALUES ('a@x', 18)`)).rejects.toThrow('authors_adult');
    await expect(client.query(`INSERT INTO authors (email, handle) VALUES ('a@x', 'admin')`)).rejects.toThrow('authors_handle_shape');
    await client.query(`INSERT INTO authors (id, email, handle) VALUES (1, 'a@x', 'ada')`);
    await expect(client.query(`INSERT INTO authors (id, email, handle) VALUES (2, 'a@x', 'bob')`)).rejects.toThrow('authors_email_key');
    await client.query(`INSERT INTO books (id, author_id, isbn, edition) VALUES (1, 1, 'i', 1)`);
    await client.query(`INSERT INTO book_tags (book_id, tag) VALUES (1, 't')`);
    await expect(client.query(`INSERT INTO book_tags (book_id, tag) VALUES (1, 't')`)).rejects.toThrow('duplicate key');
    // books → authors cascades, book_tags → books is NO ACTION: the tag blocks the cascade until it is gone.
    await expect(client.query('DELETE FROM authors')).rejects.toThrow('book_tags');
    await client.query('DELETE FROM book_tags');
    await client.query('DELETE FROM authors');
    expect((await client.query('SELECT count(*)::int AS n FROM books')).rows).toEqual([{ n: 0 }]);
  });
});

describe('indexes on PostgreSQL', () => {
  it('have the method, uniqueness, sort order and predicate of the model', async () => {
    const schema = await createFrom('pg-indexes');
    const { rows } = await client.query<{ name: string; method: string; unique: boolean; options: number[]; partial: boolean; expressions: boolean }>(`
      SELECT i.relname AS name, am.amname AS method, x.indisunique AS unique, x.indoption::int2[] AS options,
             x.indpred IS NOT NULL AS partial, x.indexprs IS NOT NULL AS expressions
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_am am ON am.oid = i.relam
       WHERE x.indrelid = 'documents'::regclass AND NOT x.indisprimary`);
    const indexes = findTable(schema, 'documents')?.indexes ?? [];
    expect(rows.map((r) => r.name).sort()).toEqual(indexes.map((i) => i.name));
    for (const index of indexes) {
      const row = rows.find((r) => r.name === index.name);
      expect([index.name, row?.method, row?.unique, row?.partial, row?.expressions]).toEqual([
        index.name,
        index.method ?? 'btree',
        index.unique,
        index.where !== undefined,
        index.parts.some((p) => p.kind === 'expression'),
      ]);
      // indoption bit 0 is DESC, bit 1 NULLS FIRST; DESC alone means DESC NULLS FIRST (3).
      const descending = index.parts.map((p) => (p.kind === 'column' && p.descending ? 3 : 0));
      expect([index.name, row?.options]).toEqual([index.name, descending]);
    }
  });
});
