import { UserError } from '../errors';
import type { Io } from '../main';

/**
 * The lock options of a command that takes the migration lock (`upgrade`, `downgrade`, `stamp`): `--lock-timeout
 * <seconds>` checked, and the line printed on stderr, once, when another process holds the lock:
 * `waiting for the migration lock held by pid 4711, application "autogen", … (at most 30 s)`.
 */
export function migrateLockOptions(io: Io, lockTimeout: string | undefined): { lockTimeout?: number; onLockWait: (holder: string | undefined) => void } {
  let seconds: number | undefined;
  if (lockTimeout !== undefined) {
    seconds = Number(lockTimeout);
    if (lockTimeout.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
      throw new UserError(`--lock-timeout ${lockTimeout}: not a number of seconds`, 'give 0 or more seconds, e.g. --lock-timeout 30 (0: do not wait)');
    }
  }
  const limit = seconds !== undefined ? ` (at most ${seconds} s)` : '';
  return {
    ...(seconds !== undefined ? { lockTimeout: seconds } : {}),
    onLockWait: (holder) => {
      const who = holder ? `held by ${holder}` : 'held by another process';
      io.err(`waiting for the migration lock ${who}: another autogen run is migrating this database${limit} ...\n`);
    },
  };
}
