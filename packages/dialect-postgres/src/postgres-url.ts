import { InvalidUrlError } from '@autogen/dialect';

/**
 * The parts of a PostgreSQL URL that messages name. Absent parts are filled in by `pg` from the environment
 * (`PGHOST`, `PGUSER`, …) and its defaults when connecting, so {@link describePostgresTarget} should be given the
 * values the driver actually used.
 */
export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

const SCHEMES = new Set(['postgres:', 'postgresql:']);

/**
 * Checks that `url` is a `postgres://` or `postgresql://` URL (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS)
 * that `pg` can parse. Throws an {@link InvalidUrlError} whose message shows the URL with its password masked.
 */
export function assertPostgresUrl(url: string): void {
  const text = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(text)?.[1]?.toLowerCase();
  if (!scheme || !SCHEMES.has(scheme) || !text.slice(scheme.length).startsWith('//')) {
    throw new InvalidUrlError(
      `not a PostgreSQL URL: ${maskUrl(text)}. Use postgres://user:password@host:5432/database (or postgresql://)`,
    );
  }
  // pg-connection-string parses with WHATWG URL too: it percent-encodes spaces and stray `%` first, and accepts an
  // empty host after user-info (`postgres://user:pw@/db?host=/run/postgresql`) by trying a dummy host.
  const encoded = / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(text) ? encodeURI(text).replace(/%25(\d\d)/g, '%$1') : text;
  if (!URL.canParse(encoded) && !URL.canParse(encoded.replace('@/', '@dummy-host/'))) {
    throw new InvalidUrlError(
      `invalid PostgreSQL URL: ${maskUrl(text)}. Percent-encode special characters in the user name and password (@ → %40, / → %2F, : → %3A)`,
    );
  }
}

/**
 * The URL with its password replaced by `***`, safe to print or log: the password of the user-info part
 * (`postgres://user:secret@host/db` → `postgres://user:***@host/db`) and a `password=` query parameter. Works on
 * text that is not a valid URL too. When in doubt it masks more: user-info ends at the last `@`, since a password
 * is sometimes written with an unescaped `@` in it.
 */
export function maskUrl(url: string): string {
  let text = url;
  const schemeEnd = text.indexOf('://');
  const at = text.lastIndexOf('@');
  if (schemeEnd >= 0 && at > schemeEnd) {
    const userInfo = text.slice(schemeEnd + 3, at);
    const colon = userInfo.indexOf(':');
    if (colon >= 0) text = `${text.slice(0, schemeEnd + 3)}${userInfo.slice(0, colon)}:***${text.slice(at)}`;
  }
  // `?password=` in a URL and `password=` in a keyword/value connection string.
  return text.replace(/(^|[?&\s])(password=)('(?:[^'\\]|\\.)*'|[^&\s#]*)/gi, '$1$2***');
}

/** `user@host:port/database` (no `user@` when there is no user): how connections and errors name a database. Never includes the password. */
export function describePostgresTarget(target: PostgresTarget): string {
  return `${target.user ? `${target.user}@` : ''}${postgresHostPort(target)}/${target.database}`;
}

/** `host:port`, an IPv6 address in brackets (`[::1]:5432`); a socket directory as it is (`/tmp:5432`). */
export function postgresHostPort(target: Pick<PostgresTarget, 'host' | 'port'>): string {
  const host = target.host.includes(':') && !target.host.startsWith('/') ? `[${target.host}]` : target.host;
  return `${host}:${target.port}`;
}

/**
 * The connect timeout, in milliseconds, for `url`: its `connect_timeout` parameter (seconds, as libpq reads it:
 * https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-CONNECT-TIMEOUT), else `PGCONNECT_TIMEOUT`,
 * else `fallbackMs`. `pg` itself ignores `connect_timeout` in a connection string, and waits forever by default.
 * Zero or a negative value means no timeout (0).
 */
export function connectTimeoutMs(url: string, fallbackMs: number): number {
  const fromUrl = /[?&]connect_timeout=([^&#]*)/i.exec(url)?.[1];
  const text = fromUrl ?? process.env.PGCONNECT_TIMEOUT;
  if (text === undefined || text.trim() === '') return fallbackMs;
  const seconds = Number(decodeURIComponent(text));
  if (!Number.isFinite(seconds)) return fallbackMs;
  return seconds > 0 ? Math.round(seconds * 1000) : 0;
}
