import { readFileSync, statSync } from 'node:fs';
import type { ModelSource } from '@autogen/schema';
import type { Difference, SourceLocation } from './check-report';

/** A model file as read, with where each line starts; kept while the file's size and mtime stay the same. */
interface ModelText {
  readonly mtimeMs: number;
  readonly size: number;
  readonly text: string;
  readonly lines: ReadonlyArray<string>;
  readonly lineStarts: ReadonlyArray<number>;
}

// One read per model file however many differences point into it (a check may report hundreds).
const files = new Map<string, ModelText>();

/**
 * Where the models define `table` (a table key, as in `ModelSource.table`), or its `column`: the 1-based line of
 * the table's definition — the quoted table name in a table call (`sqliteTable('users'`, `pgTable("users"`,
 * `schema.table('users'`) or entity decorator (`@Entity('users')`, `@Entity({ name: 'users' })`,
 * `@Entity({ tableName: 'users' })`), else `tableName: 'users'` (entity schemas), else the declaration of the
 * source's `exportName` (`class Order`, `const users`) — and, for a column, the first line after it and before
 * the next table definition that holds the quoted column name or declares a property named like it (`email`,
 * `placedAt` for `placed_at`; failing those, `customer` for `customer_id`), comments skipped. Falls back to the
 * table's line, and to line 1 when the file names neither the table nor the export. Never throws: `undefined`
 * when no source names the table or its file cannot be read.
 */
export function locateSource(sources: ReadonlyArray<ModelSource>, table: string, column?: string): SourceLocation | undefined {
  const source = sources.find((s) => s.table === table);
  if (!source) return undefined;
  try {
    const model = read(source.file);
    if (!model) return undefined;
    const start = tableOffset(model.text, table, source.exportName);
    if (start === undefined) return { file: source.file, line: 1 };
    const tableLine = lineAt(model, start);
    if (column === undefined) return { file: source.file, line: tableLine };
    const end = nextTableOffset(model.text, start);
    const lastLine = end === undefined ? model.lines.length : lineAt(model, end) - 1;
    const columnLine = findColumnLine(model.lines, tableLine, lastLine, column);
    return { file: source.file, line: columnLine ?? tableLine };
  } catch {
    // A location is a convenience for messages and annotations: never worth failing the check over.
    return undefined;
  }
}

/**
 * `differences` with `source` set from {@link locateSource} wherever the models define the difference's table (a
 * dropped table has none), pointing at its column's line when the difference has a column.
 */
export function locateDifferences(differences: ReadonlyArray<Difference>, sources: ReadonlyArray<ModelSource>): Difference[] {
  return differences.map((difference) => {
    if (difference.table === null) return difference;
    const source = locateSource(sources, difference.table, difference.column);
    return source ? { ...difference, source } : difference;
  });
}

function read(file: string): ModelText | undefined {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return undefined;
  }
  const cached = files.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  const text = readFileSync(file, 'utf8');
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const model: ModelText = { mtimeMs: stat.mtimeMs, size: stat.size, text, lines: text.split(/\r?\n/), lineStarts };
  files.set(file, model);
  return model;
}

/** The 1-based line holding `offset`. */
function lineAt(model: ModelText, offset: number): number {
  let low = 0;
  let high = model.lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((model.lineStarts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const QUOTE = '([\'"`])';

/** Where the table's definition starts: its quoted name in a table call or entity decorator, else its export. */
function tableOffset(text: string, table: string, exportName: string | undefined): number | undefined {
  // A key `schema.name` is spelled `pgSchema('schema').table('name')` or `@Entity({ schema, name })` in models.
  const names = table.includes('.') ? [table, table.slice(table.indexOf('.') + 1)] : [table];
  for (const name of names) {
    const quoted = `${QUOTE}${escape(name)}\\1`;
    const patterns = [
      new RegExp(`\\b\\w*[Tt]able\\s*\\(\\s*${quoted}`),
      new RegExp(`@Entity\\s*\\(\\s*${quoted}`),
      new RegExp(`@Entity\\s*\\(\\s*\\{[^}]*?\\b(?:name|tableName)\\s*:\\s*${quoted}`),
      new RegExp(`\\btableName\\s*:\\s*${quoted}`),
    ];
    for (const pattern of patterns) {
      const match = pattern.exec(text);
      if (match) return match.index;
    }
  }
  if (exportName) {
    const declaration = new RegExp(`\\b(?:class|const|let|var|function)\\s+${escape(exportName)}\\b`).exec(text);
    if (declaration) return declaration.index;
  }
  return undefined;
}

/** Where the next table definition after `start` begins (its first character), if any. */
function nextTableOffset(text: string, start: number): number | undefined {
  const next = /\b\w*[Tt]able\s*\(\s*['"`]|@Entity\b|\bnew\s+EntitySchema\b|\bdefineEntity\s*\(/g;
  // Skip past the table's own definition token, so it does not count as the next one.
  next.lastIndex = text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start);
  const match = next.exec(text);
  return match ? match.index : undefined;
}

/** The first line in (tableLine, lastLine] naming the column, by quoted name or property; 1-based. */
function findColumnLine(lines: ReadonlyArray<string>, tableLine: number, lastLine: number, column: string): number | undefined {
  const tiers = [namePatterns(column, [column, camelCase(column)])];
  const base = /^(.+?)(?:_id|Id)$/.exec(column)?.[1];
  // A relation property (`customer`) stands for its key column (`customer_id`) when nothing names the column.
  if (base) tiers.push(namePatterns(undefined, [base, camelCase(base)]));
  for (const patterns of tiers) {
    for (let index = tableLine; index < lastLine && index < lines.length; index++) {
      const text = lines[index] as string;
      if (/^\s*(?:\/\/|\/\*|\*)/.test(text)) continue;
      if (patterns.some((p) => p.test(text))) return index + 1;
    }
  }
  return undefined;
}

/** The quoted `quotedName` anywhere on a line, or a property declaration of one of `properties`. */
function namePatterns(quotedName: string | undefined, properties: ReadonlyArray<string>): RegExp[] {
  const unique = [...new Set(properties)];
  const modifiers = '(?:(?:public|private|protected|readonly|declare|override|static)\\s+)*';
  return [
    ...(quotedName === undefined ? [] : [new RegExp(`${QUOTE}${escape(quotedName)}\\1`)]),
    new RegExp(`^\\s*${modifiers}(?:${unique.map(escape).join('|')})\\s*[!?]?\\s*[:=]`),
  ];
}

/** `placed_at` → `placedAt`. */
function camelCase(name: string): string {
  return name.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}
