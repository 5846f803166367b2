/**
 * Adopting autogen in a TypeORM project that already used TypeORM migrations: TypeORM's own `migrations` table is
 * not a model and never shows as a table to drop; the baseline records the database as it is.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { autogen, makeProject, writeFiles } from './support/cli';

const ENTITY = `
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
@Entity('authors')
export class Author {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
}
@Entity('books')
export class Book {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 200 }) title!: string;
  @ManyToOne(() => Author) author!: Author;
}
`;

describe('TypeORM project with its own migration history', () => {
  test('baseline ignores the migrations table; check is clean; the table stays', async () => {
    const dir = makeProject('typeorm-adopt');
    writeFiles(dir, {
      'autogen.config.ts': `export default { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'typeorm', models: ['./src/entities.ts'] };\n`,
      'src/entities.ts': ENTITY,
    });
    // TypeORM builds the database itself and records an (empty) migration run, as a project using TypeORM
    // migrations would have: that creates its "migrations" table.
    const dataSource = new DataSource({ type: 'better-sqlite3', database: join(dir, 'app.db'), entities: [join(dir, 'src', 'entities.ts')], synchronize: true });
    await dataSource.initialize();
    await dataSource.runMigrations();
    const tables = (await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) as Array<{ name: string }>;
    await dataSource.destroy();
    expect(tables.map((t) => t.name)).toEqual(['authors', 'books', 'migrations']);

    const baseline = autogen(dir, ['revision', '--baseline', '-m', 'baseline']);
    expect(baseline.stderr).toBe('');
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).not.toContain('table migrations');
    expect(autogen(dir, ['check']).code).toBe(0);
    expect(autogen(dir, ['--message', 'x']).stdout).toContain('No changes');
  });
});

describe('TypeORM with a naming convention', () => {
  const ENTITIES = `
import { Check, Column, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
@Entity('authors')
@Unique(['email'])
export class Author {
  @PrimaryGeneratedColumn() id!: number;
  @Column() email!: string;
}
@Entity('books')
@Check('books_pages_positive', '"pages" > 0')
export class Book {
  @PrimaryGeneratedColumn() id!: number;
  @Column() pages!: number;
  @ManyToOne(() => Author, { onDelete: 'CASCADE' }) author!: Author;
  @ManyToOne(() => Author) @JoinColumnNamed() editor!: Author;
}
function JoinColumnNamed(): PropertyDecorator {
  // an explicitly named foreign key keeps its name
  return require('typeorm').JoinColumn({ foreignKeyConstraintName: 'fk_books_editor_given' });
}
`;

  test('the convention names what TypeORM would have named itself; explicit names stay; no noise after', () => {
    const dir = makeProject('typeorm-naming');
    writeFiles(dir, {
      'autogen.config.ts': `export default { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'typeorm', models: ['./src/entities.ts'],
  namingConvention: { fk: 'fk_%(table_name)s_%(column_0_name)s', uq: 'uq_%(table_name)s_%(column_0_N_name)s', ck: 'ck_%(table_name)s_%(constraint_name)s' } };\n`,
      'src/entities.ts': ENTITIES,
    });
    const init = autogen(dir, ['--message', 'init']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
    const source = readFileSync(join(dir, 'migrations', readdirSync(join(dir, 'migrations'))[0]!), 'utf8');
    expect(source).toContain("name: 'fk_books_authorId'");
    expect(source).toContain("name: 'uq_authors_email'");
    expect(source).toContain("name: 'fk_books_editor_given'");
    // Alembic semantics: %(constraint_name)s is the name the model gave the check
    expect(source).toContain("name: 'ck_books_books_pages_positive'");
    expect(source).not.toMatch(/name: 'FK_[0-9a-f]+'/);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    expect(autogen(dir, ['--message', 'x']).stdout).toContain('No changes');
    expect(autogen(dir, ['check']).code).toBe(0);
  });
});
