/**
 * Quotes an identifier for SQLite: wrapped in double quotes, embedded `"` doubled
 * (https://www.sqlite.org/lang_keywords.html).
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal for SQLite: wrapped in single quotes, embedded `'` doubled. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
