/**
 * Failpoints: a testing aid, in the spirit of PostgreSQL's injection points
 * (https://www.postgresql.org/docs/current/xfunc-c.html#XFUNC-ADDIN-INJECTION-POINTS) and TiKV's fail-rs. Code
 * that writes to the database marks the moments where a crash matters with `failpoint('<name>')`; a test starts
 * the real `autogen` binary with `AUTOGEN_FAILPOINT=<name>`, and the process kills itself with SIGKILL right there
 * — no `finally`, no ROLLBACK, no lock release, exactly like a power cut or the OOM killer. The test then checks
 * that the database is at the previous revision or the next one, never in between.
 *
 * Points:
 * - `statement:<n>`: after the n-th statement of a revision (1-based; the ops' statements, then the version-table
 *   statements; BEGIN/COMMIT and pragmas not counted). Counted per revision, so it fires in the first revision
 *   that has n statements.
 * - `revision:before-commit`, `revision:after-commit`: around a revision's COMMIT.
 * - `sqlite-rebuild:after-copy`: after a SQLite table rebuild copied the rows into the new table.
 *
 * The variable is read once, at load: with it unset, `failpoint()` is one comparison with `undefined`. Never set
 * it outside tests.
 */
const armed: string | undefined = process.env.AUTOGEN_FAILPOINT || undefined;

/** Kills this process with SIGKILL when `AUTOGEN_FAILPOINT` names `name`; otherwise does nothing. */
export function failpoint(name: string): void {
  if (armed === undefined || armed !== name) return;
  process.kill(process.pid, 'SIGKILL');
}

/** True when some failpoint is armed: lets callers skip building failpoint names (`statement:<n>`) otherwise. */
export const failpointsArmed: boolean = armed !== undefined;
