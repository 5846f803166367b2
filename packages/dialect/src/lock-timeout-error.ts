/**
 * The migration lock was not acquired within the `--lock-timeout`: another process holds it. Nothing was read or
 * changed. The CLI exits with its own code (3, "lock not acquired") so scripts can retry.
 */
export class LockTimeoutError extends Error {
  constructor(
    /** How long it was allowed to wait (the timeout), in milliseconds. */
    readonly waitedMs: number,
    /** Who holds the lock (`pid 123, application "autogen", …`) when the dialect can tell. */
    readonly holder: string | undefined,
    /** What to do about it. */
    readonly hint: string,
  ) {
    super(
      `the migration lock was not acquired within ${formatSeconds(waitedMs)}: it is held by ${holder ?? 'another process'}; nothing was changed`,
    );
    this.name = 'LockTimeoutError';
  }
}

const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;
