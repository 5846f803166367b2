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
