import { OPERATION_NAMES, recordOperations, reverseAll } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import { renderRevision } from '../src/render-revision';
import type { RevisionFileInput } from '../src/render-revision';
import { ODD_STRINGS, Random, randomOps } from './random-ops';
import { richUpgrade } from './rich-ops';
import { loadRevisionSource, recordRevision, reparseTypes } from './revision-module';

/*
 * The central property of the renderer (style rule 5): render ops into a revision file, transpile and evaluate
 * it, run upgrade/downgrade through the real recorder, and get the same ops back, types compared after
 * re-parsing their raw spelling (the file carries only `raw`).
 */

const reversible = richUpgrade.filter((op) => op.kind !== 'execute' || op.reverseSql !== undefined);

const input = (upgrade: ReadonlyArray<Op>, downgrade: ReadonlyArray<Op>): RevisionFileInput => ({
  revision: 'a1b2c3d4e5f6',
  parent: '0f9e8d7c6b5a',
  message: 'rich revision',
  createdAt: '2026-11-27T10:30:00.000Z',
  upgrade,
  downgrade,
});

describe('render → evaluate → record round trip', () => {
  test('the rich fixture covers every op kind, nested changes included', () => {
    const kinds = new Set(richUpgrade.map((op) => op.kind));
    expect([...kinds].sort()).toEqual([...OPERATION_NAMES].sort());
    const rebuild = richUpgrade.find((op) => op.kind === 'rebuildTable');
    expect(rebuild?.kind === 'rebuildTable' && rebuild.changes.length).toBeGreaterThan(3);
  });

  test('upgrade and downgrade of the rich fixture come back equal', () => {
    const downgrade = reverseAll(reversible);
    const source = renderRevision(input(richUpgrade, downgrade));
    const recorded = recordRevision(source);
    expect(recorded.upgrade).toEqual(reparseTypes(richUpgrade));
    expect(recorded.downgrade).toEqual(reparseTypes(downgrade));
    // Re-parsing matters: the fixture has normalized types whose spelling parses differently.
    expect(reparseTypes(richUpgrade)).not.toEqual(richUpgrade);
  });

  test('the module exports come back exactly', () => {
    const revision = loadRevisionSource(renderRevision({ ...input([], []), parent: null }));
    expect({ ...revision, upgrade: undefined, downgrade: undefined }).toEqual({
      revision: 'a1b2c3d4e5f6',
      parent: null,
      message: 'rich revision',
      createdAt: '2026-11-27T10:30:00.000Z',
      upgrade: undefined,
      downgrade: undefined,
    });
    expect(recordOperations(revision.upgrade)).toEqual([]);
    expect(recordOperations(revision.downgrade)).toEqual([]);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('random ops with odd strings come back equal (seed %i)', (seed) => {
    const random = new Random(seed);
    const upgrade = randomOps(random, 40);
    const downgrade = randomOps(random, 20);
    const message = `${random.text()}\n${random.text()}`;
    const source = renderRevision({ ...input(upgrade, downgrade), message, revision: random.text(), parent: random.text() });
    const revision = loadRevisionSource(source);
    expect(revision.message).toBe(message);
    expect(recordOperations(revision.upgrade)).toEqual(reparseTypes(upgrade));
    expect(recordOperations(revision.downgrade)).toEqual(reparseTypes(downgrade));
  });

  test('every odd string survives in every string position', () => {
    for (const text of ODD_STRINGS) {
      const ops: ReadonlyArray<Op> = [
        { kind: 'execute', sql: text, reverseSql: `${text}\n${text}` },
        { kind: 'renameColumn', table: text, from: `${text}a`, to: `${text}b` },
        { kind: 'createCheck', table: 't', check: { name: text, expression: text } },
      ];
      const source = renderRevision({ ...input(ops, []), message: text, notes: [text] });
      const revision = loadRevisionSource(source);
      expect(revision.message).toBe(text);
      expect(recordOperations(revision.upgrade)).toEqual(ops);
    }
  });
});
