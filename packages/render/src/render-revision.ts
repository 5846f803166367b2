import type { Op } from '@autogen/ops';
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, VariableDeclarationKind } from 'ts-morph';
import type { CodeBlockWriter, StatementStructures, VariableStatementStructure, WriterFunction } from 'ts-morph';
import { printStatements } from './code';
import { opCall } from './op-call';
import { quoteString } from './quote-string';

/** Everything a revision file holds. */
export interface RevisionFileInput {
  /** The revision id, e.g. `a1b2c3d4e5f6`. */
  readonly revision: string;
  /** The parent revision's id; `null` for the first revision; several ids for a merge revision. */
  readonly parent: string | ReadonlyArray<string> | null;
  /** What the revision does (the `-m` message). */
  readonly message: string;
  /** ISO timestamp. */
  readonly createdAt: string;
  readonly upgrade: ReadonlyArray<Op>;
  readonly downgrade: ReadonlyArray<Op>;
  /** Extra lines for the header comment; none by default. */
  readonly notes?: ReadonlyArray<string>;
  /**
   * Comment lines to write above each upgrade op, by index (lint findings, rename hints). When given, they take
   * the place of the renderer's own `WARNING:` lines on upgrade ops (the lint findings say the same, with a rule
   * id); the downgrade keeps its warnings.
   */
  readonly upgradeNotes?: ReadonlyArray<ReadonlyArray<string> | undefined>;
}

/** Where the revision file imports the `Operations` type from (the package users install). */
const OPERATIONS_MODULE = '@autogen/cli';

/** The body of an empty `upgrade`/`downgrade`. */
const EMPTY_BODY = "// No operations. Add op.* calls here (e.g. op.execute('...')).";

/**
 * The TypeScript source of a revision file: a header comment, the `revision`/`parent`/`message`/`createdAt`
 * exports (and `transactional = false`, with a comment saying why, when an op in either direction has
 * `concurrently: true`: PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY inside a transaction block) and `upgrade(op)`/`downgrade(op)` with one `op.<kind>(...)` call per op. Evaluating the file and running
 * `upgrade` through `recordOperations` gives back `input.upgrade` (types re-parsed from their `raw` spelling;
 * false flags and default values omitted). Destructive ops get a `// WARNING:` line, rebuilds a description.
 *
 * Deterministic: the same input gives the same bytes (2-space indent, single quotes, LF, trailing newline).
 */
export function renderRevision(input: RevisionFileInput): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Single,
      useTrailingCommas: true,
    },
  });
  const exportConst = (name: string, initializer: string, type?: string): VariableStatementStructure => ({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name, initializer, ...(type !== undefined ? { type } : {}) }],
  });
  const file = project.createSourceFile('revision.ts', {
    statements: [
      headerComment(input),
      {
        kind: StructureKind.ImportDeclaration,
        isTypeOnly: true,
        namedImports: ['Operations'],
        moduleSpecifier: OPERATIONS_MODULE,
      },
      { ...exportConst('revision', quoteString(input.revision)), leadingTrivia: (writer: CodeBlockWriter) => writer.blankLine() },
      typeof input.parent === 'string' || input.parent === null
        ? exportConst('parent', input.parent === null ? 'null' : quoteString(input.parent), 'string | null')
        : exportConst('parent', `[${input.parent.map(quoteString).join(', ')}]`, 'ReadonlyArray<string>'),
      exportConst('message', quoteString(input.message)),
      exportConst('createdAt', quoteString(input.createdAt)),
      ...(runsConcurrently([...input.upgrade, ...input.downgrade])
        ? [{ ...exportConst('transactional', 'false'), leadingTrivia: transactionalComment }]
        : []),
      revisionFunction('upgrade', input.upgrade, input.upgradeNotes),
      revisionFunction('downgrade', input.downgrade),
    ],
  });
  const text = file.getFullText();
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Why a revision exports `transactional = false`, and what a failure then leaves behind. */
const TRANSACTIONAL_COMMENT: ReadonlyArray<string> = [
  '// Runs outside a transaction: CREATE/DROP INDEX CONCURRENTLY cannot run inside one',
  '// (https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).',
  '// If it fails part-way, the ops before the failure stay applied and the version is not moved; an',
  '// index whose concurrent build failed is left INVALID and must be dropped before running it again.',
];

function transactionalComment(writer: CodeBlockWriter): void {
  writer.blankLine();
  for (const line of TRANSACTIONAL_COMMENT) writer.writeLine(line);
}

/** True when an op (nested rebuild changes included) asks for CONCURRENTLY. */
function runsConcurrently(ops: ReadonlyArray<Op>): boolean {
  return ops.some(
    (op) =>
      ((op.kind === 'createIndex' || op.kind === 'dropIndex') && op.concurrently === true) ||
      (op.kind === 'rebuildTable' && runsConcurrently(op.changes)),
  );
}

function revisionFunction(name: 'upgrade' | 'downgrade', ops: ReadonlyArray<Op>, notes?: RevisionFileInput['upgradeNotes']): StatementStructures {
  return {
    kind: StructureKind.Function,
    isExported: true,
    name,
    parameters: [{ name: 'op', type: 'Operations' }],
    returnType: 'void',
    statements: functionBody(ops, notes),
  };
}

/**
 * The body, laid out by our printer at its final indentation and written at indentation level 0, so the writer
 * never re-indents lines inside multi-line template literals (SQL text must stay byte-exact).
 */
function functionBody(ops: ReadonlyArray<Op>, notes?: RevisionFileInput['upgradeNotes']): WriterFunction {
  const calls = ops.map((op, i) => opCall(op, 'op', true, notes ? { notes: notes[i] ?? [] } : undefined));
  const body = ops.length === 0 ? `  ${EMPTY_BODY}` : printStatements(calls, 2);
  return (writer) => {
    writer.withIndentationLevel(0, () => writer.write(body));
  };
}

/** `/** message … Revision: … *\/`, safe for any text (`*\/` is broken up, each line prefixed). */
function headerComment(input: RevisionFileInput): string {
  const lines = [
    ...splitLines(input.message.trim() === '' ? '(no message)' : input.message),
    '',
    `Revision: ${input.revision}`,
    input.parent === null || typeof input.parent === 'string'
      ? `Parent: ${input.parent ?? 'none (first revision)'}`
      : `Parents: ${input.parent.join(', ')} (merge revision)`,
    `Created: ${input.createdAt}`,
  ];
  if (input.notes !== undefined && input.notes.length > 0) lines.push('', ...input.notes.flatMap(splitLines));
  const body = lines.map((line) => (line === '' ? ' *' : ` * ${line.replace(/\*\//g, '*\\/')}`));
  return ['/**', ...body, ' */'].join('\n');
}

function splitLines(text: string): ReadonlyArray<string> {
  return text.split(/\r\n|[\r\n\u2028\u2029]/).map((line) => line.trimEnd());
}
