/**
 * The bundled example (fixtures/blog) that the README's quick start runs: its committed revisions build a
 * database that matches its models, and down to base and back.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, makeProject, ROOT } from './support/cli';

describe('fixtures/blog', () => {
  test('upgrade head then check is clean; downgrade base and upgrade again', () => {
    const dir = makeProject('blog');
    cpSync(join(ROOT, 'fixtures', 'blog'), dir, { recursive: true });
    rmSync(join(dir, 'blog.db'), { force: true });
    const up = autogen(dir, ['upgrade', 'head']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout.trim().split('\n')).toHaveLength(2);
    const check = autogen(dir, ['check']);
    expect(check.stdout).toContain('OK');
    expect(check.code).toBe(0);
    expect(autogen(dir, ['downgrade', 'base']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    expect(autogen(dir, ['--message', 'nothing']).stdout).toContain('No changes');
  });
});
