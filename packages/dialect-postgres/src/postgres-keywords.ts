/**
 * PostgreSQL keywords that `quote_ident` quotes: the reserved ones and those that cannot be a column or function
 * name (categories R, C and T of `pg_get_keywords()`, PostgreSQL 15;
 * https://www.postgresql.org/docs/current/sql-keywords-appendix.html). Unreserved keywords (`key`, `name`) are
 * plain identifiers.
 */
export const POSTGRES_QUOTED_KEYWORDS: ReadonlySet<string> = new Set(
  (
    // R: reserved
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
    'current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc ' +
    'distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral ' +
    'leading limit localtime localtimestamp not null offset on only or order placing primary references returning ' +
    'select session_user some symmetric table then to trailing true union unique user using variadic when where ' +
    'window with ' +
    // C: cannot be a function or type name
    'between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout int ' +
    'integer interval least national nchar none normalize nullif numeric out overlay position precision real row ' +
    'setof smallint substring time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists ' +
    'xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable ' +
    // T: cannot be a column name
    'authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left ' +
    'like natural notnull outer overlaps right similar tablesample verbose'
  ).split(' '),
);

/**
 * True when `name` must be double-quoted to be read back as itself: anything but a lowercase identifier
 * (`[a-z_][a-z0-9_$]*`) that is not a {@link POSTGRES_QUOTED_KEYWORDS keyword} — the rule of PostgreSQL's
 * `quote_ident` (https://www.postgresql.org/docs/current/functions-string.html#FUNCTIONS-STRING-OTHER).
 */
export function postgresNeedsQuoting(name: string): boolean {
  return !/^[a-z_][a-z0-9_$]*$/.test(name) || POSTGRES_QUOTED_KEYWORDS.has(name);
}
