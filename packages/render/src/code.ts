import { quoteString } from './quote-string';

/*
 * A tiny expression model for the op calls of a revision file, and a printer that lays it out the way a person
 * would (prettier-like): a value stays on one line when it fits in {@link MAX_WIDTH} columns, else its object or
 * array breaks one entry per line. Objects keep the entry order they were built with, so output depends on
 * nothing but the ops.
 */

/** Lines longer than this are broken (counted from the start of the line, indentation included). */
export const MAX_WIDTH = 100;

/** A value in generated code. */
export type Code =
  | { readonly kind: 'atom'; readonly text: string }
  | { readonly kind: 'array'; readonly items: ReadonlyArray<Code> }
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [key: string, value: Code]> }
  | { readonly kind: 'callback'; readonly param: string; readonly body: ReadonlyArray<CallStatement> };

/** One `receiver.method(args);` statement with `//` comment lines above it. */
export interface CallStatement {
  readonly comments: ReadonlyArray<string>;
  readonly receiver: string;
  readonly method: string;
  readonly args: ReadonlyArray<Code>;
}

/** A string literal. */
export const str = (text: string): Code => ({ kind: 'atom', text: quoteString(text) });

/** A number, boolean or null literal. Throws for numbers JSON cannot carry (NaN, ±Infinity). */
export function scalar(value: number | boolean | null): Code {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write the number ${value} into a revision file: it is not finite`);
    return { kind: 'atom', text: Object.is(value, -0) ? '-0' : String(value) };
  }
  return { kind: 'atom', text: String(value) };
}

/** An array literal. */
export const arr = (items: ReadonlyArray<Code>): Code => ({ kind: 'array', items });

/** An array of string literals. */
export const strings = (items: ReadonlyArray<string>): Code => arr(items.map(str));

/**
 * An object key for arbitrary text (enum labels): a bare identifier when it is one, else a string literal;
 * computed (`['…']`) for a multi-line template literal, which cannot be a plain key, and for `__proto__`, which as
 * a plain key would set the prototype instead of adding a property.
 */
export function propertyKey(text: string): string {
  if (text === '__proto__') return `[${quoteString(text)}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text)) return text;
  const literal = quoteString(text);
  return literal.startsWith('`') ? `[${literal}]` : literal;
}

/** An object literal from entries; `undefined` values are left out, so optional fields read naturally. */
export function obj(entries: ReadonlyArray<readonly [string, Code | undefined]>): Code {
  return { kind: 'object', entries: entries.filter((e): e is readonly [string, Code] => e[1] !== undefined) };
}

/** Prints statements at `indent` spaces, separated by a blank line around multi-line or commented ones. */
export function printStatements(statements: ReadonlyArray<CallStatement>, indent: number): string {
  const blocks = statements.map((s) => printStatement(s, indent));
  let out = '';
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    if (previous !== undefined) out += previous.includes('\n') || block.includes('\n') ? '\n\n' : '\n';
    out += block;
  });
  return out;
}

function printStatement(statement: CallStatement, indent: number): string {
  const pad = ' '.repeat(indent);
  const head = `${statement.receiver}.${statement.method}(`;
  const comments = statement.comments.flatMap((c) => wrapComment(c, indent)).join('');
  return comments + pad + printCall(head, statement.args, indent) + ';';
}

/**
 * `// text` lines at `indent`, word-wrapped at {@link MAX_WIDTH}; continuation lines are indented two more spaces
 * than the text's own leading spaces (so list items stay visually grouped). A word longer than a line stays whole.
 */
function wrapComment(text: string, indent: number): ReadonlyArray<string> {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const prefix = `${' '.repeat(indent)}// `;
  const lines: string[] = [];
  let line = '';
  for (const word of text.slice(lead.length).split(' ')) {
    const start = lines.length === 0 ? lead : `${lead}  `;
    if (line !== '' && prefix.length + line.length + 1 + word.length > MAX_WIDTH) {
      lines.push(line);
      line = `${lead}  ${word}`;
    } else {
      line = line === '' ? `${start}${word}` : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l) => `${prefix}${l}\n`);
}

/** `head(args)`: on one line, else hugging the last argument, else one argument per line. */
function printCall(head: string, args: ReadonlyArray<Code>, indent: number): string {
  const flat = args.map(inline);
  if (flat.every((a): a is string => a !== undefined)) {
    const text = `${head}${flat.join(', ')})`;
    if (fits(indent, text, 1)) return text;
  }
  const last = args[args.length - 1];
  const leading = flat.slice(0, -1);
  // Hug a last object, array or callback (`op.addColumn('t', {` …), or a multi-line string; a long one-line
  // string reads better on its own line. Only after plain leading arguments (names): after an object, a hugged
  // `{` would hide where one argument ends (`op.createIndex('t', { … }, {` …), so Prettier does not hug there.
  const huggable = last !== undefined && (last.kind !== 'atom' || last.text.includes('\n'));
  const plainLeading = args.slice(0, -1).every((a) => a.kind === 'atom');
  if (last !== undefined && huggable && plainLeading && leading.every((a): a is string => a !== undefined)) {
    const prefix = `${head}${leading.map((a) => `${a}, `).join('')}`;
    if (fits(indent, prefix, 1)) return `${prefix}${printBroken(last, indent)})`;
  }
  const pad = ' '.repeat(indent + 2);
  return `${head}\n${args.map((a) => `${pad}${printValue(a, indent + 2, indent + 2, 1)},\n`).join('')}${' '.repeat(indent)})`;
}

/** `code` starting at column `column` on a line indented by `indent`, followed by `suffix` characters. */
function printValue(code: Code, indent: number, column: number, suffix: number): string {
  const text = inline(code);
  if (text !== undefined && fits(column, text, suffix)) return text;
  return printBroken(code, indent);
}

/** The multi-line form: one entry per line, trailing commas. */
function printBroken(code: Code, indent: number): string {
  const pad = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  switch (code.kind) {
    case 'atom':
      return code.text;
    case 'array':
      if (code.items.length === 0) return '[]';
      return `[\n${code.items.map((item) => `${pad}${printValue(item, indent + 2, indent + 2, 1)},\n`).join('')}${close}]`;
    case 'object':
      if (code.entries.length === 0) return '{}';
      return `{\n${code.entries
        .map(([key, value]) => `${pad}${key}: ${printValue(value, indent + 2, indent + 4 + key.length, 1)},\n`)
        .join('')}${close}}`;
    case 'callback':
      return `(${code.param}) => {\n${printStatements(code.body, indent + 2)}\n${close}}`;
  }
}

/**
 * The one-line form, or `undefined` for a callback. A multi-line template literal counts as inline: its line
 * breaks belong to the string, and breaking the surrounding object would not shorten them.
 */
function inline(code: Code): string | undefined {
  switch (code.kind) {
    case 'atom':
      return code.text;
    case 'array': {
      const items = code.items.map(inline);
      return items.every((i): i is string => i !== undefined) ? `[${items.join(', ')}]` : undefined;
    }
    case 'object': {
      if (code.entries.length === 0) return '{}';
      const entries = code.entries.map(([key, value]) => {
        const text = inline(value);
        return text === undefined ? undefined : `${key}: ${text}`;
      });
      return entries.every((e): e is string => e !== undefined) ? `{ ${entries.join(', ')} }` : undefined;
    }
    case 'callback':
      return undefined;
  }
}

/** Whether `text` (its first line, for a multi-line string) and `suffix` more characters fit after `column`. */
function fits(column: number, text: string, suffix: number): boolean {
  const lineEnd = text.indexOf('\n');
  return lineEnd === -1 ? column + text.length + suffix <= MAX_WIDTH : column + lineEnd <= MAX_WIDTH;
}
