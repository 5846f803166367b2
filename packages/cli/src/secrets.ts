/**
 * Database passwords must never reach the terminal or a log. Every password autogen sees in a URL is registered
 * here, and every message the CLI prints goes through {@link maskSecrets}.
 */
const secrets = new Set<string>();

/** `postgres://user:***@host/db`: the URL with its password replaced. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)([^@]*)(@)/i, (_m, head: string, _password: string, at: string) => `${head}***${at}`);
}

/** Remembers the password of `url` (if any) so that {@link maskSecrets} removes it from any text. */
export function registerUrlSecret(url: string | undefined): void {
  if (!url) return;
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url);
  const password = match?.[1];
  if (password) {
    secrets.add(password);
    try {
      secrets.add(decodeURIComponent(password));
    } catch {
      // a malformed escape: the raw form is registered already
    }
  }
}

/** Replaces every registered password in `text` with `***`. */
export function maskSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}
