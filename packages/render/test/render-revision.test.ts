import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reverseAll } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import { createTable, parseColumnType } from '@autogen/schema';
import { ModuleKind, ModuleResolutionKind, Project, ScriptTarget } from 'ts-morph';
import * as ts from 'typescript';
import { renderRevision } from '../src/render-revision';
import type { RevisionFileInput } from '../src/render-revision';
import { goldenInput } from './golden-input';
import { Random, randomOps } from './random-ops';
import { richUpgrade } from './rich-ops';
import { loadRevisionSource, recordRevision, reparseTypes } from './revision-module';

const GOLDEN_FILE = path.join(__dirname, 'golden', 'add-cascade.ts.txt');

const base: RevisionFileInput = {
  revision: 'a1b2c3d4e5f6',
  parent: null,
  message: 'm',
  createdAt: '2026-11-27T10:30:00.000Z',
  upgrade: [],
  downgrade: [],
};

/** The `//` lines directly above the first line that starts with `call`, in order. */
function commentsAbove(source: string, call: string): ReadonlyArray<string> {
  const lines = source.split('\n');
  const at = lines.findIndex((l) => l.trimStart().startsWith(call));
  if (at < 0) throw new Error(`no line starts with ${call}`);
  const comments: string[] = [];
  for (let i = at - 1; i >= 0 && lines[i]!.trimStart().startsWith('//'); i--) comments.unshift(lines[i]!.trim());
  return comments;
}

/** A deep copy with every object's keys in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
}

describe('renderRevision', () => {
  test('matches the golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    const source = renderRevision(goldenInput);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN_FILE, source);
    expect(source).toBe(fs.readFileSync(GOLDEN_FILE, 'utf8'));
    // The golden file is itself a valid revision that records its input.
    const recorded = recordRevision(source);
    expect(recorded.upgrade).toEqual(reparseTypes(goldenInput.upgrade));
    expect(recorded.downgrade).toEqual(reparseTypes(goldenInput.downgrade));
  });

  test('is deterministic: same input, same bytes, whatever the key order of the input objects', () => {
    const random = randomOps(new Random(42), 30);
    const first = renderRevision({ ...goldenInput, upgrade: [...richUpgrade, ...random] });
    expect(renderRevision({ ...goldenInput, upgrade: [...richUpgrade, ...random] })).toBe(first);
    expect(renderRevision(reverseKeys({ ...goldenInput, upgrade: [...richUpgrade, ...random] }))).toBe(first);
  });

  test('layout: 2-space indent, Prettier-style quotes, LF, one trailing newline, lines within 100 columns unless a string forces it', () => {
    const source = renderRevision({ ...goldenInput, upgrade: richUpgrade });
    expect(source.endsWith('\n')).toBe(true);
    expect(source.endsWith('\n\n')).toBe(false);
    expect(source).not.toContain('\r');
    expect(source).not.toContain('\t');
    // String literals are single-quoted unless the text has more ' than " (then double quotes, as Prettier does).
    const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, source);
    const quotes = new Map<string, number>();
    for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
      if (token !== ts.SyntaxKind.StringLiteral) continue;
      const value = scanner.getTokenValue();
      const quote = value.split("'").length > value.split('"').length ? '"' : "'";
      expect(scanner.getTokenText()[0]).toBe(quote);
      quotes.set(quote, (quotes.get(quote) ?? 0) + 1);
    }
    expect(quotes.get("'")).toBeGreaterThan(100);
    expect(quotes.get('"')).toBeGreaterThan(2);
    for (const line of source.split('\n').filter((l) => !l.startsWith(' *'))) {
      expect(line.length - line.trimStart().length).toBeLessThanOrEqual(12);
      expect((line.length - line.trimStart().length) % 2).toBe(0);
      if (line.length > 100) expect(line).toMatch(/'[^']{40,}'|`/);
    }
  });

  test('writes columns compactly: type as the raw spelling, nullable always, false and default-valued fields left out', () => {
    const source = renderRevision({
      ...base,
      upgrade: [
        { kind: 'addColumn', table: 'users', column: { name: 'email', type: { name: 'text', args: [], raw: 'TEXT' }, nullable: false, autoincrement: false } },
        { kind: 'createIndex', table: 'users', index: { name: 'ix', parts: [{ kind: 'column', name: 'email', descending: false }], unique: false } },
        {
          kind: 'createForeignKey',
          table: 'items',
          foreignKey: { columns: ['u'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'cascade', deferred: false },
        },
      ],
    });
    expect(source).toContain("  op.addColumn('users', { name: 'email', type: 'TEXT', nullable: false });\n");
    expect(source).toContain("  op.createIndex('users', { name: 'ix', parts: ['email'] });\n");
    // Too long for one line (100 columns): the last argument breaks, one field per line.
    expect(source).toContain(
      "  op.createForeignKey('items', {\n    columns: ['u'],\n    referencedTable: 'users',\n    referencedColumns: ['id'],\n    onUpdate: 'cascade',\n  });\n",
    );
  });

  test('header and exports', () => {
    const source = renderRevision({ ...base, parent: '0f9e8d7c6b5a', message: 'add cascade', notes: ['first note', 'second\nnote'] });
    expect(source.split('\n').slice(0, 19).join('\n')).toBe(
      [
        '/**',
        ' * add cascade',
        ' *',
        ' * Revision: a1b2c3d4e5f6',
        ' * Parent: 0f9e8d7c6b5a',
        ' * Created: 2026-11-27T10:30:00.000Z',
        ' *',
        ' * first note',
        ' * second',
        ' * note',
        ' */',
        "import type { Operations } from '@autogen/cli';",
        '',
        "export const revision = 'a1b2c3d4e5f6';",
        "export const parent: string | null = '0f9e8d7c6b5a';",
        "export const message = 'add cascade';",
        "export const createdAt = '2026-11-27T10:30:00.000Z';",
        '',
        'export function upgrade(op: Operations): void {',
      ].join('\n'),
    );
    const first = renderRevision(base);
    expect(first).toContain(' * Parent: none (first revision)\n');
    expect(first).toContain('export const parent: string | null = null;\n');
  });

  test('a merge revision names several parents, as an array the loader reads back', () => {
    const source = renderRevision({ ...base, parent: ['0f9e8d7c6b5a', "it's"], message: 'merge' });
    expect(source).toContain(' * Parents: 0f9e8d7c6b5a, it\'s (merge revision)\n');
    expect(source).toContain(`export const parent: ReadonlyArray<string> = ['0f9e8d7c6b5a', "it's"];\n`);
    expect(loadRevisionSource(source).parent).toEqual(['0f9e8d7c6b5a', "it's"]);
  });

  test('an empty upgrade or downgrade gets a comment saying how to add ops', () => {
    const source = renderRevision(base);
    const empty = "{\n  // No operations. Add op.* calls here (e.g. op.execute('...')).\n}";
    expect(source).toContain(`export function upgrade(op: Operations): void ${empty}`);
    expect(source).toContain(`export function downgrade(op: Operations): void ${empty}`);
  });

  test('a WARNING line above each destructive op says what data is lost; safe ops get none', () => {
    const col = (name: string, raw: string) => ({ name, type: parseColumnType(raw), nullable: true });
    const upgrade: ReadonlyArray<Op> = [
      { kind: 'dropTable', table: 'audit', existing: { name: 'audit', columns: [col('x', 'TEXT')], foreignKeys: [], indexes: [], uniques: [], checks: [] } },
      { kind: 'dropColumn', table: 'users', column: 'name', existing: col('name', 'TEXT') },
      { kind: 'alterColumn', table: 'users', column: 'age', from: col('age', 'TEXT'), to: col('age', 'INTEGER'), changes: ['type'] },
      { kind: 'alterColumn', table: 'users', column: 'bio', from: col('bio', 'TEXT'), to: { ...col('bio', 'TEXT'), nullable: false }, changes: ['nullable'] },
      { kind: 'addColumn', table: 'users', column: col('email', 'TEXT') },
      { kind: 'execute', sql: 'SELECT 1' },
    ];
    const source = renderRevision({ ...base, upgrade });
    expect(commentsAbove(source, "op.dropTable('audit'")).toEqual(['// WARNING: drops table audit and all its rows']);
    expect(commentsAbove(source, "op.dropColumn('users', 'name'")).toEqual(['// WARNING: drops column users.name and its data']);
    expect(commentsAbove(source, "op.alterColumn('users', 'age'")).toEqual([
      // Wrapped at 100 columns.
      '// WARNING: changes the type of users.age from TEXT to INTEGER; values that do not convert are',
      '//   lost or altered',
    ]);
    expect(commentsAbove(source, "op.alterColumn('users', 'bio'")).toEqual([]);
    expect(commentsAbove(source, "op.addColumn('users'")).toEqual([]);
    expect(commentsAbove(source, "op.execute('SELECT 1')")).toEqual([]);
    expect(source.match(/WARNING/g)).toHaveLength(3);
  });

  test('a rebuild says what it changes and that it copies all rows; data it drops gets a WARNING', () => {
    const source = renderRevision(goldenInput);
    expect(commentsAbove(source, "op.rebuildTable('items'")).toEqual([
      '// rebuild table items (SQLite table rebuild: copies all rows into a new table, then swaps it in)',
      '// changes:',
      '//   - alter column items.user_id: set NOT NULL',
      '//   - drop foreign key items(user_id) -> users(id) ON DELETE NO ACTION ON UPDATE NO ACTION',
      '//   - add foreign key items(user_id) -> users(id) ON DELETE CASCADE ON UPDATE NO ACTION',
    ]);
    const rich = renderRevision({ ...base, upgrade: richUpgrade });
    const comments = commentsAbove(rich, "op.rebuildTable('items'");
    expect(comments[0]).toBe('// WARNING: drops column items.legacy and its data');
    expect(comments[1]).toBe('// rebuild table items (SQLite table rebuild: copies all rows into a new table, then swaps it in)');
    // The nested calls carry no comments of their own: the block above the rebuild already says it all.
    expect(rich).toMatch(/\n {6}rebuild\.dropColumn\('items', 'legacy'/);
    expect(rich).not.toMatch(/\/\/[^\n]*\n {6}rebuild\./);
  });

  test('PostgreSQL ops and fields read naturally', () => {
    const ixM = { name: 'ix_m', parts: [{ kind: 'column' as const, name: 'mood' }], unique: false, method: 'gin' };
    const upgrade: ReadonlyArray<Op> = [
      { kind: 'createEnum', enum: { name: 'mood', values: ['happy', 'sad'] } },
      { kind: 'dropEnum', existing: { name: 'status', schema: 'sales', values: ['open'] } },
      { kind: 'alterEnum', name: 'mood', from: ['happy', 'sad'], to: ['happy', 'ok', 'sad'], usages: [{ table: 'users', column: 'mood' }] },
      { kind: 'setTableComment', table: 'sales.orders', from: 'orders', to: "customers' orders" },
      { kind: 'setTableComment', table: 'users', from: 'people' },
      {
        kind: 'addColumn',
        table: 'users',
        column: { name: 'id2', type: parseColumnType('bigint'), nullable: false, identity: 'by default', comment: 'new key' },
      },
      { kind: 'createIndex', table: 'users', index: { ...ixM, include: [] } },
      { kind: 'dropIndex', table: 'users', existing: { name: 'ix_old', parts: [{ kind: 'column', name: 'a' }], unique: false }, concurrently: true },
      {
        kind: 'createForeignKey',
        table: 'sales.orders',
        foreignKey: { columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action', deferrable: true, referencedSchema: 'auth' },
      },
    ];
    const source = renderRevision({ ...base, upgrade });
    expect(source).toContain("  op.createEnum({ name: 'mood', values: ['happy', 'sad'] });\n");
    expect(source).toContain("  op.dropEnum({ name: 'status', schema: 'sales', values: ['open'] });\n");
    expect(source).toContain(
      "  op.alterEnum('mood', {\n    from: ['happy', 'sad'],\n    to: ['happy', 'ok', 'sad'],\n    usages: [{ table: 'users', column: 'mood' }],\n  });\n",
    );
    expect(source).toContain(`  op.setTableComment('sales.orders', { from: 'orders', to: "customers' orders" });\n`);
    expect(source).toContain("  op.setTableComment('users', { from: 'people' });\n");
    expect(source).toContain(
      "  op.addColumn('users', {\n    name: 'id2',\n    type: 'bigint',\n    nullable: false,\n    identity: 'by default',\n    comment: 'new key',\n  });\n",
    );
    // An empty include list is left out, like the other empty lists.
    expect(source).toContain("  op.createIndex('users', { name: 'ix_m', parts: ['mood'], method: 'gin' });\n");
    expect(source).toContain("  op.dropIndex('users', { name: 'ix_old', parts: ['a'] }, { concurrently: true });\n");
    // The referenced schema is written beside the referenced table.
    expect(source).toContain(
      "  op.createForeignKey('sales.orders', {\n    columns: ['user_id'],\n    referencedSchema: 'auth',\n    referencedTable: 'users',\n" +
        "    referencedColumns: ['id'],\n    deferrable: true,\n  });\n",
    );
    // It records back the same ops, the empty include list as absent.
    expect(recordRevision(source).upgrade).toEqual(upgrade.map((op) => (op.kind === 'createIndex' ? { ...op, index: ixM } : op)));
  });

  test('a revision with a CONCURRENTLY op exports transactional = false after the other exports, saying why', () => {
    const index = { name: 'ix', parts: [{ kind: 'column' as const, name: 'a' }], unique: false };
    const concurrent: Op = { kind: 'createIndex', table: 't', index, concurrently: true };
    const source = renderRevision({ ...base, upgrade: [concurrent], downgrade: reverseAll([concurrent]) });
    const lines = source.split('\n');
    const at = lines.indexOf('export const transactional = false;');
    expect(lines[at - 6]).toBe("export const createdAt = '2026-11-27T10:30:00.000Z';");
    expect(lines[at - 5]).toBe('');
    expect(commentsAbove(source, 'export const transactional')).toEqual([
      '// Runs outside a transaction: CREATE/DROP INDEX CONCURRENTLY cannot run inside one',
      '// (https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).',
      '// If it fails part-way, the ops before the failure stay applied and the version is not moved; an',
      '// index whose concurrent build failed is left INVALID and must be dropped before running it again.',
    ]);
    expect(lines[at + 1]).toBe('');
    expect(lines[at + 2]).toBe('export function upgrade(op: Operations): void {');
    expect(loadRevisionSource(source).transactional).toBe(false);
    expect(recordRevision(source).upgrade).toEqual([concurrent]);
    // Either direction counts, nested rebuild changes too; without CONCURRENTLY there is no such export.
    const plain: Op = { kind: 'createIndex', table: 't', index };
    const rebuild: Op = { kind: 'rebuildTable', table: 't', from: createTable({ name: 't', columns: [] }), to: createTable({ name: 't', columns: [] }), changes: [concurrent] };
    expect(renderRevision({ ...base, upgrade: [plain], downgrade: [{ kind: 'dropIndex', table: 't', existing: index, concurrently: true }] })).toContain(
      'export const transactional = false;',
    );
    expect(renderRevision({ ...base, upgrade: [rebuild] })).toContain('export const transactional = false;');
    const without = renderRevision({ ...base, upgrade: [plain], downgrade: reverseAll([plain]) });
    expect(without).not.toContain('transactional');
    expect('transactional' in loadRevisionSource(without)).toBe(false);
  });

  test('an alterEnum that removes labels gets a WARNING; adding or renaming labels does not', () => {
    const upgrade: ReadonlyArray<Op> = [
      { kind: 'alterEnum', name: 'mood', from: ['happy', 'sad', "it's"], to: ['happy'], usages: [{ table: 'users', column: 'mood' }] },
      { kind: 'alterEnum', name: 'sales.status', from: ['open', 'paid'], to: ['open', 'settled'], renames: { paid: 'settled' }, usages: [] },
      { kind: 'alterEnum', name: 'size', from: ['s'], to: ['s', 'm'], usages: [] },
    ];
    const source = renderRevision({ ...base, upgrade });
    expect(commentsAbove(source, "op.alterEnum('mood'")).toEqual([
      "// WARNING: removes 'sad', 'it''s' from enum mood; rows holding 'sad' or 'it''s' make this fail",
      '//   (update them first; the enum type is recreated and its columns converted)',
    ]);
    expect(commentsAbove(source, "op.alterEnum('sales.status'")).toEqual([]);
    expect(commentsAbove(source, "op.alterEnum('size'")).toEqual([]);
  });

  test('enum label renames survive as object keys, whatever the label', () => {
    const labels = ['__proto__', 'two\nlines', 'plain', "it's", 'with space', 'constructor', ''];
    const upgrade: ReadonlyArray<Op> = [
      {
        kind: 'alterEnum',
        name: 'e',
        from: labels,
        to: labels.map((l) => `${l}!`),
        renames: Object.fromEntries(labels.map((l) => [l, `${l}!`])),
        usages: [],
      },
    ];
    const source = renderRevision({ ...base, upgrade });
    expect(source).toContain("['__proto__']: '__proto__!'");
    expect(source).toContain('plain: ');
    expect(source).toContain("'with space': ");
    const recorded = recordRevision(source).upgrade;
    expect(recorded).toEqual(upgrade);
    const renames = (recorded[0] as Extract<Op, { kind: 'alterEnum' }>).renames!;
    expect(Object.keys(renames)).toEqual(labels);
    expect(Object.getPrototypeOf(renames)).toBe(Object.prototype);
  });

  test('odd strings are escaped in literals and made harmless in comments', () => {
    const sql = "INSERT INTO t VALUES ('it''s', `x`, '${y}')\r\nSELECT '\\'";
    const upgrade: ReadonlyArray<Op> = [
      { kind: 'execute', sql: "it's a \\ test", reverseSql: 'one\ntwo `three` ${four}' },
      { kind: 'execute', sql: 'say "hi", it\'s' },
      { kind: 'execute', sql },
      { kind: 'dropColumn', table: 'we\nird', column: 'co\u2028l', existing: { name: 'co\u2028l', type: parseColumnType('TEXT'), nullable: true } },
    ];
    const message = 'fix */ comments\nsecond line';
    const source = renderRevision({ ...base, message, upgrade });
    expect(source).toContain('op.execute("it\'s a \\\\ test", `one\ntwo \\`three\\` \\${four}`);');
    expect(source).toContain("op.execute('say \"hi\", it\\'s');");
    expect(source).toContain(' * fix *\\/ comments\n * second line\n');
    expect(source).toContain('// WARNING: drops column we ird.co l and its data');
    expect(source).toContain("'co\\u2028l'");
    expect(source).toContain('\\r\n'); // CR escaped, LF kept as a real line break inside the template literal
    const revision = loadRevisionSource(source);
    expect(revision.message).toBe(message);
    expect(recordRevision(source).upgrade).toEqual(upgrade);
  });

  test('refuses numbers a revision file cannot carry', () => {
    const upgrade: ReadonlyArray<Op> = [
      { kind: 'addColumn', table: 't', column: { name: 'x', type: parseColumnType('REAL'), nullable: true, default: { kind: 'literal', value: Number.POSITIVE_INFINITY } } },
    ];
    expect(() => renderRevision({ ...base, upgrade })).toThrow('cannot write the number Infinity into a revision file: it is not finite');
  });

  test('a type without a spelling is written as the full object and survives', () => {
    const type = { name: 'integer', args: [], raw: '' };
    const upgrade: ReadonlyArray<Op> = [{ kind: 'addColumn', table: 't', column: { name: 'x', type, nullable: true } }];
    const source = renderRevision({ ...base, upgrade });
    expect(source).toContain("type: { name: 'integer', args: [], raw: '' }");
    expect(recordRevision(source).upgrade).toEqual(upgrade);
  });

  test('the rendered file type-checks against the real Operations API', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autogen-render-'));
    try {
      const opsTypes = require.resolve('@autogen/ops').replace(/\.js$/, '.d.ts');
      const project = new Project({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: ScriptTarget.ES2022,
          module: ModuleKind.NodeNext,
          moduleResolution: ModuleResolutionKind.NodeNext,
          types: [],
          paths: { '@autogen/cli': [opsTypes] },
        },
        skipAddingFilesFromTsConfig: true,
      });
      const files = {
        'rich.ts': renderRevision({ ...goldenInput, upgrade: richUpgrade, downgrade: reverseAll(richUpgrade.filter((op) => op.kind !== 'execute' || op.reverseSql)) }),
        'golden.ts': fs.readFileSync(GOLDEN_FILE, 'utf8'),
        'empty.ts': renderRevision(base),
        // A deliberately wrong file proves the check can fail.
        'wrong.ts': renderRevision(base).replace("// No operations. Add op.* calls here (e.g. op.execute('...')).", "op.addColumn('t', { name: 'x' });"),
      };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      project.addSourceFilesAtPaths(path.join(dir, '*.ts'));
      const errors = project.getPreEmitDiagnostics().map((d) => `${path.basename(d.getSourceFile()?.getFilePath() ?? '?')}: ${project.formatDiagnosticsWithColorAndContext([d])}`);
      expect(errors.filter((e) => !e.startsWith('wrong.ts'))).toEqual([]);
      expect(errors.filter((e) => e.startsWith('wrong.ts')).join('\n')).toMatch(/is missing the following properties from type 'ColumnInput': type, nullable/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
