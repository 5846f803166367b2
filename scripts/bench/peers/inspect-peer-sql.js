'use strict';
/**
 * Reads the SQL a peer proposed (drizzle-kit's `--verbose` listing, the `up` of a TypeORM or MikroORM migration)
 * and tells whether it holds the benchmark's incremental change — `t0.email` NOT NULL and ON DELETE CASCADE on the
 * FK of `t1` — and which other tables it touches (noise: changes to tables the models did not change).
 * Dialect-independent on purpose: it recognizes both `ALTER ... SET NOT NULL` (PostgreSQL) and the new-table copy
 * SQLite tools write (`__new_t0`, `temporary_t0`, `t0__temp_alter`).
 */

/**
 * A table a statement changes (not one it merely references): the name after ALTER/CREATE/DROP TABLE, INSERT INTO,
 * RENAME TO or an index's ON, schema-qualified or not, with the decorations the peers use for SQLite's
 * copy-and-swap (`__new_t3`, `temporary_t3`, `t3__temp_alter`).
 */
const CHANGED_TABLE =
  /\b(?:alter\s+table|create\s+table|drop\s+table(?:\s+if\s+exists)?|insert\s+into|rename\s+to|on)\s+(?:[`"]?\w+[`"]?\.)?[`"]?(?:__new_|temporary_)?(t\d+)(?:__temp_alter)?[`"]?(?=[\s(;]|$)/gi;

/**
 * @param {string} sql the proposed statements (only the upgrade direction)
 * @returns {{ sawNotNull: boolean, sawCascade: boolean, sawChange: boolean, statements: number,
 *   noiseTables: string[] }} `noiseTables`: tables other than t0 and t1 that a statement changes
 */
function inspectPeerSql(sql) {
  const statements = splitStatements(sql);
  const sawNotNull = statements.some((s) => {
    if (/alter\s+table\s+[`"]?t0[`"]?\s+alter\s+column\s+[`"]?email[`"]?\s+set\s+not\s+null/i.test(s)) return true;
    return createsCopyOf('t0', s) && /[`"]email[`"]\s+text\s+not\s+null/i.test(s);
  });
  const sawCascade = statements.some((s) => {
    if (/alter\s+table\s+[`"]?t1[`"]?\s+add\s+constraint[\s\S]*references\s+[\s\S]*on\s+delete\s+cascade/i.test(s)) return true;
    return createsCopyOf('t1', s) && /references\s+[`"]?t0[`"]?\s*\(\s*[`"]?id[`"]?\s*\)[^,)]*on\s+delete\s+cascade/i.test(s);
  });
  const touched = new Set();
  for (const s of statements) for (const m of s.matchAll(CHANGED_TABLE)) touched.add(m[1]);
  const noiseTables = [...touched].filter((t) => t !== 't0' && t !== 't1').sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  return { sawNotNull, sawCascade, sawChange: sawNotNull && sawCascade, statements: statements.length, noiseTables };
}

function createsCopyOf(table, statement) {
  return new RegExp(`create\\s+table\\s+[\`"](?:__new_|temporary_)?${table}(?:__temp_alter)?[\`"]\\s*\\(`, 'i').test(statement);
}

/** SQL statements in a listing: split at `;` outside quotes, blank and pragma-only pieces dropped. */
function splitStatements(sql) {
  const out = [];
  let current = '';
  let quote;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === ';') {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s && !/^pragma\b/i.test(s));
}

/**
 * The body of a migration class's `up` method (TypeORM / MikroORM files), as the SQL strings it runs joined with
 * `;`. Template literals and quoted strings passed to `queryRunner.query(...)` / `this.addSql(...)` are read.
 * @param {string} source migration file text
 * @returns {string}
 */
function upSqlOfMigration(source) {
  const start = source.search(/\basync\s+up\s*\(/);
  if (start < 0) return '';
  const rest = source.slice(start);
  const end = rest.search(/\basync\s+down\s*\(/);
  const body = end < 0 ? rest : rest.slice(0, end);
  const sql = [];
  for (const m of body.matchAll(/(?:queryRunner\.query|this\.addSql)\(\s*(`(?:\\[\s\S]|[^`\\])*`|'(?:\\[\s\S]|[^'\\])*'|"(?:\\[\s\S]|[^"\\])*")/g)) {
    const literal = m[1];
    sql.push(literal.slice(1, -1).replace(/\\(.)/g, '$1'));
  }
  return sql.map((s) => s.replace(/;\s*$/, '')).join(';\n');
}

/**
 * drizzle-kit push `--verbose`: the statements it printed after "You are about to execute current statements:".
 * @param {string} output stdout (colours stripped)
 * @returns {string}
 */
function drizzlePushStatements(output) {
  const marker = output.indexOf('You are about to execute current statements:');
  if (marker < 0) return '';
  const rest = output.slice(marker + 'You are about to execute current statements:'.length);
  // The listing ends where push reports its result or an error.
  const end = rest.search(/\[[✓xi]\] |^\S*Error\b|^error:/m);
  return end < 0 ? rest : rest.slice(0, end);
}

module.exports = { inspectPeerSql, upSqlOfMigration, drizzlePushStatements, splitStatements };
