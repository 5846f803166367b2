import type { Operations } from '@autogen/ops';
import { RevisionGraph } from '../src/revision-graph';
import { planSteps } from '../src/migrator';
import type { Revision } from '../src/revision';

const rev = (id: string, parent: string | ReadonlyArray<string> | null, upgrade: (op: Operations) => void = () => undefined): Revision => ({
  id,
  parent,
  message: `m ${id}`,
  createdAt: '',
  file: `/m/${id}.ts`,
  transactional: true,
  upgrade,
  downgrade: () => undefined,
});

const chain = (): Revision[] => [rev('aaa111', null), rev('bbb222', 'aaa111'), rev('bbc333', 'bbb222')];

describe('RevisionGraph', () => {
  test('orders revisions by parent links, whatever the file order', () => {
    const graph = new RevisionGraph([...chain()].reverse());
    expect(graph.chain.map((r) => r.id)).toEqual(['aaa111', 'bbb222', 'bbc333']);
    expect(graph.head?.id).toBe('bbc333');
  });

  test('an empty history has no head', () => {
    expect(new RevisionGraph([]).head).toBeUndefined();
  });

  test.each([
    ['duplicate id', [rev('a', null), rev('a', null)], /used by two files/],
    ['missing parent', [rev('a', null), rev('b', 'zzz')], /names parent zzz, which no revision file defines/],
    ['a cycle', [rev('a', null), rev('b', ['a', 'c']), rev('c', 'b')], /cycle: b \(\/m\/b\.ts\), c \(\/m\/c\.ts\)/],
    ['two bases', [rev('a', null), rev('b', null)], /2 heads|several revisions have no parent/],
  ])('%s is an error', (_name, revisions, message) => {
    expect(() => new RevisionGraph(revisions)).toThrow(message);
  });

  test('resolves head, base, ids, unique prefixes and relative steps', () => {
    const graph = new RevisionGraph(chain());
    expect(graph.resolve('head', null)).toBe(2);
    expect(graph.resolve('base', 'bbc333')).toBe(-1);
    expect(graph.resolve('aaa', null)).toBe(0);
    expect(graph.resolve('+2', null)).toBe(1);
    expect(graph.resolve('-1', 'bbc333')).toBe(1);
    expect(() => graph.resolve('bb', null)).toThrow(/ambiguous: bbb222, bbc333/);
    expect(() => graph.resolve('zz', null)).toThrow(/no revision matches "zz"/);
    expect(() => graph.resolve('-1', null)).toThrow(/cannot move -1/);
    expect(() => graph.position('gone00')).toThrow(/which no revision file defines/);
  });

  test('planSteps goes up in order and down in reverse, and refuses the wrong direction', () => {
    const graph = new RevisionGraph(chain());
    expect(planSteps(graph, null, 'head', 'upgrade').map((s) => [s.from, s.to])).toEqual([
      [null, 'aaa111'],
      ['aaa111', 'bbb222'],
      ['bbb222', 'bbc333'],
    ]);
    expect(planSteps(graph, 'bbc333', 'base', 'downgrade').map((s) => [s.from, s.to])).toEqual([
      ['bbc333', 'bbb222'],
      ['bbb222', 'aaa111'],
      ['aaa111', null],
    ]);
    expect(() => planSteps(graph, 'bbc333', 'aaa111', 'upgrade')).toThrow(/use `autogen downgrade aaa111`/);
    expect(() => planSteps(graph, null, 'head', 'downgrade')).toThrow(/use `autogen upgrade head`/);
  });

  test('branches and merges: heads, topological order, ancestry', () => {
    const graph = new RevisionGraph([rev('m', ['b', 'c']), rev('c', 'a'), rev('b', 'a'), rev('a', null)]);
    expect(graph.chain.map((r) => r.id)).toEqual(['a', 'c', 'b', 'm']);
    expect(graph.heads.map((r) => r.id)).toEqual(['m']);
    expect([...graph.ancestors(['c'])].sort()).toEqual(['a', 'c']);
    const branched = new RevisionGraph([rev('a', null), rev('b', 'a'), rev('c', 'a')]);
    expect(branched.heads.map((r) => r.id)).toEqual(['b', 'c']);
    expect(branched.head).toBeUndefined();
    expect(() => planSteps(branched, null, 'head', 'upgrade')).toThrow(/2 heads \(b, c\).*autogen merge -m "merge" b c/);
  });

  test('planSteps on a graph: upgrade heads, merge replaces both rows, downgrade refuses ambiguity', () => {
    const graph = new RevisionGraph([rev('a', null), rev('b', 'a'), rev('c', 'a'), rev('m', ['b', 'c'])]);
    const up = planSteps(graph, 'a', 'c', 'upgrade');
    expect(up.map((s) => [s.fromHeads, s.toHeads])).toEqual([[['a'], ['c']]]);
    const rest = planSteps(graph, 'c', 'head', 'upgrade');
    expect(rest.map((s) => [s.revision.id, s.fromHeads, s.toHeads])).toEqual([
      ['b', ['c'], ['b', 'c']],
      ['m', ['b', 'c'], ['m']],
    ]);
    expect(planSteps(graph, 'm', '-1', 'downgrade').map((s) => s.toHeads)).toEqual([['b', 'c']]);
    expect(() => planSteps(graph, 'm', '-2', 'downgrade')).toThrow(/ambiguous: the database has several heads \(b, c\)/);
    expect(planSteps(graph, ['b', 'c'], 'b', 'downgrade')).toEqual([]);
    expect(planSteps(graph, 'm', 'a', 'downgrade').map((s) => s.revision.id)).toEqual(['m', 'c', 'b']);
  });
});
