/**
 * A revision file used the `op` API wrongly: a bad argument (`op.addColumn('users', …): column.name is missing`),
 * a method that does not exist, or a call made outside the synchronous `upgrade`/`downgrade` run. Revision files
 * are user-editable, so every message names the call and the problem.
 */
export class RevisionApiError extends Error {
  /**
   * @param message the full message, starting with the call (`op.addColumn('users', …): …`)
   * @param method the `op` method that was called, when there was one
   */
  constructor(
    message: string,
    readonly method?: string,
  ) {
    super(message);
    this.name = 'RevisionApiError';
  }
}
