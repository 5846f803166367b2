import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidUrlError } from '@autogen/dialect';

/** Where a SQLite URL points: an in-memory database or a file at an absolute path. */
export type SqliteLocation = { readonly kind: 'memory' } | { readonly kind: 'file'; readonly path: string };

const MEMORY: SqliteLocation = Object.freeze({ kind: 'memory' });

/**
 * Resolves a SQLite URL to a location. Accepted forms:
 * - `sqlite:./app.db`, `sqlite:app.db`, `sqlite:/abs/app.db` (also `sqlite3:`);
 * - SQLAlchemy's `sqlite:///relative.db` and `sqlite:////absolute.db`
 *   (https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#connect-strings); `sqlite://` is in-memory there too;
 * - `file:app.db`, `file:/abs/app.db`, `file:///abs/app.db` (query parameters such as `?mode=ro` are dropped);
 * - `:memory:`, `sqlite::memory:`, `sqlite:///:memory:`, `file::memory:`;
 * - a bare path (`./app.db`, `/abs/app.db`, `C:\\data\\app.db`).
 *
 * Relative paths resolve against `baseDir` (the config file's directory). Any other scheme (`postgres://`) is an
 * {@link InvalidUrlError}.
 */
export function parseSqliteUrl(url: string, baseDir: string): SqliteLocation {
  const text = url.trim();
  if (!text) throw new InvalidUrlError('empty SQLite URL: use sqlite:./app.db or a path');
  if (text === ':memory:') return MEMORY;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  // A single letter before `:` is a Windows drive (`C:\data\app.db`), not a scheme.
  if (!scheme || (scheme[1] as string).length === 1) return file(text, baseDir);
  const name = (scheme[1] as string).toLowerCase();
  const rest = text.slice(scheme[0].length);
  if (name === 'sqlite' || name === 'sqlite3') return fromSqliteScheme(text, rest, baseDir);
  if (name === 'file') return fromFileScheme(text, rest, baseDir);
  throw new InvalidUrlError(`not a SQLite URL: ${text}. Use sqlite:./app.db, sqlite:///relative.db, sqlite:////absolute.db or a path`);
}

function fromSqliteScheme(url: string, rest: string, baseDir: string): SqliteLocation {
  if (rest === '' || rest === '//' || rest === ':memory:' || rest === '///:memory:') return MEMORY;
  if (rest.startsWith('////')) return file(rest.slice(3), baseDir); // sqlite:////abs.db → /abs.db
  if (rest.startsWith('///')) return file(rest.slice(3), baseDir); // sqlite:///rel.db → rel.db (or C:/... on Windows)
  if (rest.startsWith('//')) {
    throw new InvalidUrlError(
      `SQLite URLs have no host: ${url}. Use sqlite:///relative.db (three slashes) or sqlite:////absolute.db (four)`,
    );
  }
  return file(rest, baseDir);
}

function fromFileScheme(url: string, rest: string, baseDir: string): SqliteLocation {
  const withoutQuery = rest.split('?')[0] as string;
  if (withoutQuery === ':memory:') return MEMORY;
  if (withoutQuery.startsWith('//')) {
    try {
      return file(fileURLToPath(url.split('?')[0] as string), baseDir);
    } catch (error) {
      throw new InvalidUrlError(`invalid file URL ${url}: ${(error as Error).message}`);
    }
  }
  // `file:rel.db` and `file:/abs.db` (https://www.sqlite.org/uri.html): percent-escapes still apply.
  return file(decodeURIComponent(withoutQuery), baseDir);
}

function file(location: string, baseDir: string): SqliteLocation {
  if (!location) throw new InvalidUrlError('SQLite URL names no file');
  return { kind: 'file', path: path.resolve(baseDir, location) };
}
