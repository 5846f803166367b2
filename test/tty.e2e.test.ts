/**
 * On a terminal, a table rebuild shows what it is doing and errors are colored; without one (CI, pipes) output
 * stays plain. `script` (util-linux) gives the binary a real pseudo-terminal.
 */
import { spawnSync } from 'node:child_process';
import { autogen, BIN, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const schema = (cascade: boolean): string => `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name') });
export const items = sqliteTable('items', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').references(() => users.id${cascade ? ", { onDelete: 'cascade' }" : ''}),
});
`;

function inTerminal(cwd: string, args: string): string {
  const result = spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', TERM: 'xterm' },
  });
  return result.stdout;
}

describe('terminal output', () => {
  test('a rebuild shows its steps on a TTY, and not in plain output', () => {
    const dir = makeProject('tty');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema(false) });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    writeFiles(dir, { 'src/schema.ts': schema(true) });
    expect(autogen(dir, ['--message', 'cascade']).code).toBe(0);
    const plain = autogen(dir, ['upgrade', 'head', '--sql']);
    expect(plain.stdout).not.toContain('\u001b[');
    const tty = inTerminal(dir, 'upgrade head');
    expect(tty).toContain('rebuilding items: copy rows');
    expect(tty).toMatch(/cascade \.\.\..* \d+\.\d\d s/s);
    const error = inTerminal(dir, 'downgrade nope');
    expect(error).toContain('\u001b[31merror:');
  });
});
