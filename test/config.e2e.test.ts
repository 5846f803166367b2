/** Every config file format loads, found in the working directory or named with --config. */
import { autogen, makeProject, writeFiles } from './support/cli';

const SCHEMA = `import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
export const t = sqliteTable('t', { id: integer('id').primaryKey() });
`;
const BODY = `{ dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'drizzle', models: ['./src/*.ts'] }`;

describe('config files', () => {
  test.each([
    ['autogen.config.ts', `import { defineConfig } from '@autogen/cli';\nexport default defineConfig(${BODY});\n`],
    ['autogen.config.mts', `export default ${BODY};\n`],
    ['autogen.config.js', `module.exports = ${BODY};\n`],
    ['autogen.config.mjs', `export default ${BODY};\n`],
    ['autogen.config.cjs', `module.exports = ${BODY};\n`],
    ['autogen.config.json', JSON.stringify({ dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'drizzle', models: ['./src/*.ts'] })],
  ])('%s', (name, content) => {
    const dir = makeProject('config');
    writeFiles(dir, { [name]: content, 'src/schema.ts': SCHEMA });
    const run = autogen(dir, ['--message', 'init']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('create table t');
  });

  test('--config names a file elsewhere; paths are relative to it', () => {
    const dir = makeProject('config-flag');
    writeFiles(dir, { 'db/settings.json': JSON.stringify({ dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'drizzle', models: ['./schema.ts'] }), 'db/schema.ts': SCHEMA });
    const run = autogen(dir, ['--message', 'init', '--config', 'db/settings.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('db/migrations/');
    expect(autogen(dir, ['-c', 'db/settings.json', 'upgrade', 'head']).code).toBe(0);
    expect(autogen(dir, ['check', '-c', 'db/settings.json']).code).toBe(0);
  });

  test('a config file that throws names itself', () => {
    const dir = makeProject('config-throws');
    writeFiles(dir, { 'autogen.config.ts': `throw new Error('bad config');\n` });
    const run = autogen(dir, ['check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('autogen.config.ts');
    expect(run.stderr).toContain('bad config');
  });
});
