/*
 * String literals for generated TypeScript. Revision files carry user SQL, check expressions and messages, so any
 * string must survive the trip into source and back: quotes, backslashes, line breaks, `${`, control characters,
 * U+2028/U+2029 (line terminators inside JS source) and lone surrogates are all escaped.
 */

/**
 * A string literal whose value is exactly `text`. Single quotes, except that (as Prettier's `singleQuote` does)
 * text with more `'` than `"` gets double quotes, so SQL such as `status = 'open'` stays readable; a template
 * literal when the text spans lines (multi-line SQL reads far better that way). Deterministic.
 */
export function quoteString(text: string): string {
  if (text.includes('\n')) return templateLiteral(text);
  const count = (quote: string): number => text.split(quote).length - 1;
  return quoted(text, count("'") > count('"') ? '"' : "'");
}

/** `'...'` (or `"..."`) with the quote, `\` and every invisible or line-breaking character escaped. */
function quoted(text: string, quote: "'" | '"'): string {
  let out = quote;
  for (const ch of text) {
    if (ch === quote) out += `\\${quote}`;
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else out += escapeInvisible(ch);
  }
  return out + quote;
}

/**
 * `` `...` `` keeping `\n` as real line breaks. `\r` must be escaped because template literals normalize CR and
 * CRLF in source to LF (https://tc39.es/ecma262/#sec-static-semantics-trv); `` ` ``, `\` and `${` are escaped.
 */
function templateLiteral(text: string): string {
  let out = '`';
  const chars = [...text];
  chars.forEach((ch, i) => {
    if (ch === '`') out += '\\`';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '$' && chars[i + 1] === '{') out += '\\$';
    else if (ch === '\n') out += '\n';
    else out += escapeInvisible(ch);
  });
  return `${out}\``;
}

/** Escapes one code point that would be invisible, break the line, or is a lone surrogate; others pass. */
function escapeInvisible(ch: string): string {
  switch (ch) {
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\v':
      return '\\v';
  }
  const code = ch.codePointAt(0) ?? 0;
  const invisible =
    code < 0x20 || // C0 controls
    (code >= 0x7f && code <= 0x9f) || // DEL, C1 controls
    code === 0x2028 || // LINE SEPARATOR and PARAGRAPH SEPARATOR end a line comment and confuse editors
    code === 0x2029 ||
    code === 0xfeff || // BOM / zero-width no-break space
    (code >= 0xd800 && code <= 0xdfff); // a lone surrogate (paired ones arrive as one code point)
  return invisible ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
}

/** Text safe inside a `//` comment: line terminators become spaces (they would end the comment). */
export function lineCommentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
