import { ExitCode } from './errors';

/**
 * Database passwords must never reach the terminal or a log. Every password autogen sees in a URL is registered
 * here, and every message the CLI prints goes through {@link maskSecrets}.
 */
const secrets = new Set<string>();

/** `postgres://user:***@host/db`: the URL with its password replaced. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)([^@]*)(@)/i, (_m, head: string, _password: string, at: string) => `${head}***${at}`);
}

/**
 * Remembers the password of `url` (if any) so that {@link maskSecrets} removes it from any text: the one after
 * `user:`, and a `password=` query parameter, which libpq-style URLs (and `pg`) also accept
 * (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS). Both the written and the
 * percent-decoded form are registered, since code that prints a password may have decoded it.
 */
export function registerUrlSecret(url: string | undefined): void {
  if (!url) return;
  const passwords = [/^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url)?.[1], ...[...url.matchAll(/[?&]password=([^&#]*)/gi)].map((m) => m[1])];
  for (const password of passwords) {
    if (!password) continue;
    secrets.add(password);
    try {
      secrets.add(decodeURIComponent(password));
    } catch {
      // a malformed escape: the raw form is registered already
    }
    // A query value may spell a space as `+` (form encoding).
    if (password.includes('+')) secrets.add(password.replace(/\+/g, ' '));
  }
}

/** Replaces every registered password in `text` with `***`. */
export function maskSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}

/**
 * Masks registered passwords in everything this process writes to stdout and stderr, not only in what the CLI
 * prints itself: user code runs in this process (model modules, config files, DataSource modules) and may
 * `console.log` a URL, and Node prints an uncaught error's stack without going through the CLI. For the binary
 * only; the programmatic API leaves the host's streams alone. A secret split across two writes is not caught.
 */
export function maskProcessOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => write(maskChunk(chunk), ...rest)) as typeof stream.write;
  }
  // Without this listener Node prints an uncaught error (a model's timer that throws, a rejected promise nobody
  // awaits) to fd 2 directly, unmasked (https://nodejs.org/api/process.html#event-uncaughtexception). It is an
  // error like any other: exit 2.
  process.on('uncaughtException', (error: unknown) => {
    process.stderr.write(`autogen: uncaught error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(ExitCode.error);
  });
}

/** A written chunk with secrets masked; a Buffer is decoded as UTF-8 only when it holds one. */
function maskChunk(chunk: unknown): unknown {
  if (secrets.size === 0) return chunk;
  if (typeof chunk === 'string') return maskSecrets(chunk);
  if (chunk instanceof Uint8Array) {
    const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
    const masked = maskSecrets(text);
    return masked === text ? chunk : Buffer.from(masked, 'utf8');
  }
  return chunk;
}
