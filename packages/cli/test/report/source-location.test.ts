import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzleAdapter } from '@autogen/adapter-drizzle';
import { typeormAdapter } from '@autogen/adapter-typeorm';
import type { AdapterResult, ModelSource } from '@autogen/schema';
import { locateSource } from '../../src/report/source-location';
import { lineOf, linkPackages, removeTempDirs, tempDir, writeFiles } from './report-support';

afterAll(removeTempDirs);

const DRIZZLE_SQLITE = `import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** People who sign in; the 'email' column is unique. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  email: text().notNull().unique(),
  displayName: text('display_name'),
  createdAt: text('created_at').default(sql\`CURRENT_TIMESTAMP\`),
});

export const items = sqliteTable(
  "items",
  {
    id: integer('id').primaryKey(),
    // the owner's 'email' lives on users
    title: text('title').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [index('items_title_idx').on(t.title)],
);
`;

const DRIZZLE_PG = `import { integer, pgSchema, pgTable, text } from 'drizzle-orm/pg-core';

export const audit = pgSchema('audit');

export const accounts = pgTable('accounts', {
  id: integer('id').primaryKey(),
  kind: text('kind'),
});

export const events = audit.table('events', {
  id: integer('id').primaryKey(),
  kind: text('kind').notNull(),
});
`;

const TYPEORM = `import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'full_name' })
  fullName!: string;
}

@Entity({ name: 'orders' })
export class Order {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Placed by the \`customer\`; see 'full_name'. */
  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer!: Customer;

  @Column({ nullable: true })
  shippedAt!: Date;
}

@Entity()
export class Invoice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  readonly number!: string;

  @ManyToOne(() => Order)
  order!: Order;
}
`;

/** A temp project whose model files import the repository's ORM packages, as a user's project would. */
function project(files: Readonly<Record<string, string>>): { dir: string; files: string[] } {
  const dir = tempDir();
  linkPackages(dir, ['drizzle-orm', 'typeorm', 'reflect-metadata']);
  return { dir, files: writeFiles(dir, files) };
}

const columnsOf = (result: AdapterResult, table: string): string[] => result.schema.tables.find((t) => `${t.schema ? `${t.schema}.` : ''}${t.name}` === table)?.columns.map((c) => c.name) ?? [];

describe('locateSource in Drizzle models (sources from the Drizzle adapter)', () => {
  let file: string;
  let result: AdapterResult;
  beforeAll(async () => {
    const made = project({ 'db/schema.ts': DRIZZLE_SQLITE });
    file = made.files[0] as string;
    result = await drizzleAdapter.load({ files: made.files, dialect: 'sqlite', projectDir: made.dir });
  });

  it('finds the table call, on one line or split over several', () => {
    expect(result.sources).toEqual([
      { table: 'items', file, exportName: 'items' },
      { table: 'users', file, exportName: 'users' },
    ]);
    expect(locateSource(result.sources, 'users')).toEqual({ file, line: lineOf(file, "sqliteTable('users'") });
    expect(locateSource(result.sources, 'items')).toEqual({ file, line: lineOf(file, 'export const items = sqliteTable(') });
  });

  it('finds each column the adapter reports by its quoted name, or by its property when the name is implied', () => {
    expect(columnsOf(result, 'users')).toEqual(['id', 'email', 'display_name', 'created_at']);
    expect(locateSource(result.sources, 'users', 'id')).toEqual({ file, line: lineOf(file, "  id: integer('id')") });
    // `email` has no quoted name (drizzle takes the key), and the comment above the table quoting it is not it.
    expect(locateSource(result.sources, 'users', 'email')).toEqual({ file, line: lineOf(file, 'email: text().notNull()') });
    expect(locateSource(result.sources, 'users', 'display_name')).toEqual({ file, line: lineOf(file, "text('display_name')") });
    expect(locateSource(result.sources, 'users', 'created_at')).toEqual({ file, line: lineOf(file, "text('created_at')") });
    expect(locateSource(result.sources, 'items', 'title')).toEqual({ file, line: lineOf(file, "title: text('title')") });
    expect(locateSource(result.sources, 'items', 'user_id')).toEqual({ file, line: lineOf(file, "integer('user_id')") });
  });

  it("stays within the table: another table's column, or a comment, falls back to the table line", () => {
    // users has no `title`: the search stops at the items table instead of finding items.title.
    expect(locateSource(result.sources, 'users', 'title')).toEqual({ file, line: lineOf(file, "sqliteTable('users'") });
    // items has no `email`; the comment inside it that quotes 'email' is skipped.
    expect(locateSource(result.sources, 'items', 'email')).toEqual({ file, line: lineOf(file, 'export const items') });
  });

  it('finds a table of another PostgreSQL schema by its key', async () => {
    const made = project({ 'pg.ts': DRIZZLE_PG });
    const pg = made.files[0] as string;
    const loaded = await drizzleAdapter.load({ files: made.files, dialect: 'postgresql', projectDir: made.dir });
    expect(loaded.sources.map((s) => s.table)).toEqual(['accounts', 'audit.events']);
    expect(locateSource(loaded.sources, 'audit.events')).toEqual({ file: pg, line: lineOf(pg, "audit.table('events'") });
    // `kind` is in both tables: the one after the events table's line is events'.
    expect(locateSource(loaded.sources, 'audit.events', 'kind')).toEqual({ file: pg, line: lineOf(pg, "kind: text('kind').notNull()") });
    expect(locateSource(loaded.sources, 'accounts', 'kind')).toEqual({ file: pg, line: lineOf(pg, "kind: text('kind'),") });
  });
});

describe('locateSource in TypeORM entities (sources from the TypeORM adapter)', () => {
  let file: string;
  let result: AdapterResult;
  beforeAll(async () => {
    const made = project({ 'entities.ts': TYPEORM });
    file = made.files[0] as string;
    result = await typeormAdapter.load({ files: made.files, dialect: 'sqlite', projectDir: made.dir });
  });

  it("finds @Entity('name'), @Entity({ name }), and an unnamed @Entity() by its class", () => {
    expect(result.sources).toEqual([
      { table: 'customers', file, exportName: 'Customer' },
      { table: 'invoice', file, exportName: 'Invoice' },
      { table: 'orders', file, exportName: 'Order' },
    ]);
    expect(locateSource(result.sources, 'customers')).toEqual({ file, line: lineOf(file, "@Entity('customers')") });
    expect(locateSource(result.sources, 'orders')).toEqual({ file, line: lineOf(file, "@Entity({ name: 'orders' })") });
    expect(locateSource(result.sources, 'invoice')).toEqual({ file, line: lineOf(file, 'export class Invoice') });
  });

  it('finds columns by their quoted name, their property, or the relation property of a join column', () => {
    expect(columnsOf(result, 'customers')).toEqual(['id', 'full_name']);
    expect(columnsOf(result, 'orders')).toEqual(['id', 'shippedAt', 'customer_id']);
    expect(columnsOf(result, 'invoice')).toEqual(['id', 'number', 'orderId']);
    expect(locateSource(result.sources, 'customers', 'full_name')).toEqual({ file, line: lineOf(file, "@Column({ name: 'full_name' })") });
    // The doc comment quoting `customer` and 'full_name' is skipped; the join column names the column.
    expect(locateSource(result.sources, 'orders', 'customer_id')).toEqual({ file, line: lineOf(file, "@JoinColumn({ name: 'customer_id' })") });
    expect(locateSource(result.sources, 'orders', 'shippedAt')).toEqual({ file, line: lineOf(file, 'shippedAt!: Date') });
    expect(locateSource(result.sources, 'invoice', 'number')).toEqual({ file, line: lineOf(file, 'readonly number!: string') });
    // TypeORM names the join column `orderId`; only the relation property `order` is in the file.
    expect(locateSource(result.sources, 'invoice', 'orderId')).toEqual({ file, line: lineOf(file, 'order!: Order') });
  });

  it('finds a snake_case column by its camelCase property (as a naming strategy maps it)', () => {
    expect(locateSource(result.sources, 'orders', 'shipped_at')).toEqual({ file, line: lineOf(file, 'shippedAt!: Date') });
  });
});

describe('locateSource on other spellings and failures', () => {
  it("finds MikroORM's @Entity({ tableName }) and an entity schema's tableName", () => {
    const dir = tempDir();
    const [mikro, schemaFile] = writeFiles(dir, {
      'thing.ts': "import { Entity, PrimaryKey, Property } from '@mikro-orm/core';\n\n@Entity({\n  tableName: 'things',\n})\nexport class Thing {\n  @PrimaryKey()\n  id!: number;\n\n  @Property({ fieldName: 'label_text' })\n  label!: string;\n}\n",
      'person.ts': "import { EntitySchema } from 'typeorm';\n\nexport const PersonSchema = new EntitySchema({\n  name: 'Person',\n  tableName: 'persons',\n  columns: {\n    id: { type: Number, primary: true },\n    nick_name: { type: String },\n  },\n});\n",
    }) as [string, string];
    const sources: ModelSource[] = [
      { table: 'things', file: mikro, exportName: 'Thing' },
      { table: 'persons', file: schemaFile, exportName: 'PersonSchema' },
    ];
    expect(locateSource(sources, 'things')).toEqual({ file: mikro, line: lineOf(mikro, '@Entity({') });
    expect(locateSource(sources, 'things', 'label_text')).toEqual({ file: mikro, line: lineOf(mikro, "fieldName: 'label_text'") });
    expect(locateSource(sources, 'persons')).toEqual({ file: schemaFile, line: lineOf(schemaFile, "tableName: 'persons'") });
    expect(locateSource(sources, 'persons', 'nick_name')).toEqual({ file: schemaFile, line: lineOf(schemaFile, 'nick_name: {') });
  });

  it('is undefined for a table no source names, and for a file that is gone; never throws', () => {
    const dir = tempDir();
    const sources: ModelSource[] = [{ table: 'ghosts', file: join(dir, 'missing.ts'), exportName: 'ghosts' }];
    expect(locateSource(sources, 'ghosts')).toBeUndefined();
    expect(locateSource(sources, 'ghosts', 'id')).toBeUndefined();
    expect(locateSource(sources, 'users')).toBeUndefined();
    expect(locateSource([{ table: 'dir', file: dir }], 'dir')).toBeUndefined();
  });

  it('points at line 1 when the file names neither the table nor the export', () => {
    const dir = tempDir();
    const [file] = writeFiles(dir, { 'index.ts': "export * from './elsewhere';\n" }) as [string];
    expect(locateSource([{ table: 'users', file, exportName: 'users' }], 'users', 'email')).toEqual({ file, line: 1 });
  });

  it('reads a model file again once it changed', () => {
    const dir = tempDir();
    const [file] = writeFiles(dir, { 'schema.ts': "export const users = sqliteTable('users', {\n  email: text('email'),\n});\n" }) as [string];
    const sources: ModelSource[] = [{ table: 'users', file }];
    expect(locateSource(sources, 'users', 'email')).toEqual({ file, line: 2 });
    writeFileSync(file, "// moved down\n\nexport const users = sqliteTable('users', {\n  id: integer('id'),\n  email: text('email'),\n});\n");
    expect(locateSource(sources, 'users')).toEqual({ file, line: 3 });
    expect(locateSource(sources, 'users', 'email')).toEqual({ file, line: 5 });
  });

  it('reads files with CRLF line ends', () => {
    const dir = tempDir();
    const [file] = writeFiles(dir, { 'schema.ts': "import x from 'y';\r\n\r\nexport const users = pgTable(\"users\", {\r\n  id: serial('id'),\r\n  email: text(\"email\"),\r\n});\r\n" }) as [string];
    expect(locateSource([{ table: 'users', file }], 'users')).toEqual({ file, line: 3 });
    expect(locateSource([{ table: 'users', file }], 'users', 'email')).toEqual({ file, line: 5 });
  });
});
