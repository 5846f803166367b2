/** Process exit codes of the `autogen` binary. */
export const ExitCode = {
  /** Success; for `check`: database at head and matching the models. */
  ok: 0,
  /** `check`: drift, a pending revision, or a failed verification. */
  drift: 1,
  /** Any error: bad config, bad input, a database error, a failed revision. */
  error: 2,
  /** `--lock-timeout` expired: another process holds the migration lock; nothing was changed. */
  lockNotAcquired: 3,
} as const;

/**
 * An error meant for the user: one clear message (what, where) and a hint (how to fix). The CLI prints it without
 * a stack trace unless `--verbose`, and exits with code 2.
 */
export class UserError extends Error {
  constructor(message: string, readonly hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** The configuration is missing, invalid, or names something that does not exist. */
export class ConfigError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'ConfigError';
  }
}
