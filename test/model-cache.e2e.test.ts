/**
 * The model cache: a run whose models did not change reuses the adapter's last result instead of loading the ORM
 * again — and never serves a stale schema: a changed model, a changed environment variable read by the models,
 * or a new entity file next to the loaded ones invalidates it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

/** Drizzle models that count their own loads in loads.txt and take one table name from the environment. */
const drizzle = (extra = ''): string => `
import { appendFileSync } from 'node:fs';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
appendFileSync(__dirname + '/../loads.txt', 'x');
export const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name')${extra} });
export const extra = sqliteTable(process.env.EXTRA_TABLE ?? 'extras', { id: integer('id').primaryKey() });
`;
const loads = (dir: string): number => (existsSync(join(dir, 'loads.txt')) ? readFileSync(join(dir, 'loads.txt'), 'utf8').length : 0);

describe('model cache', () => {
  test('unchanged models are not loaded again; a change, or an environment variable they read, invalidates', () => {
    const dir = makeProject('model-cache');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': drizzle() });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    // (upgrade created app.db next to the models' folder: a folder listing changed, so this run loads them again)
    expect(autogen(dir, ['check']).code).toBe(0);
    const afterInit = loads(dir);
    expect(autogen(dir, ['check']).code).toBe(0);
    expect(autogen(dir, ['--message', 'nothing']).stdout).toContain('No changes');
    expect(loads(dir)).toBe(afterInit); // served from the cache
    expect(readdirSync(join(dir, 'node_modules', '.cache', 'autogen', 'models')).length).toBeGreaterThan(0);

    writeFiles(dir, { 'src/schema.ts': drizzle(", email: text('email')") });
    const changed = autogen(dir, ['check']);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('add column users.email text');
    expect(loads(dir)).toBe(afterInit + 1);

    const renamed = autogen(dir, ['check'], { EXTRA_TABLE: 'others' });
    expect(renamed.code).toBe(1);
    expect(renamed.stdout).toContain('create table others');
    expect(renamed.stdout).toContain('drop table extras');
    expect(loads(dir)).toBe(afterInit + 2);

    const off = autogen(dir, ['check'], { AUTOGEN_NO_CACHE: '1' });
    expect(off.code).toBe(1);
    expect(loads(dir)).toBe(afterInit + 3);
  });

  test('TypeORM: a new entity file found by the DataSource glob invalidates the cache', () => {
    const dir = makeProject('model-cache-typeorm');
    const entity = (cls: string, table: string): string => `
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('${table}')
export class ${cls} {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
}
`;
    writeFiles(dir, {
      'autogen.config.ts': `export default { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'typeorm', dataSource: './src/data-source.ts', models: [] };\n`,
      'src/data-source.ts': `import 'reflect-metadata';
import { DataSource } from 'typeorm';
export default new DataSource({ type: 'better-sqlite3', database: 'app.db', entities: [__dirname + '/entities/*.ts'] });
`,
      'src/entities/author.ts': entity('Author', 'authors'),
    });
    const init = autogen(dir, ['--message', 'init']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    expect(autogen(dir, ['check']).code).toBe(0);
    writeFiles(dir, { 'src/entities/book.ts': entity('Book', 'books') });
    const check = autogen(dir, ['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('create table books');
  });
});
