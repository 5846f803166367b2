import type { Operations } from '@autogen/ops';

/** One revision file, loaded. */
export interface Revision {
  /** The revision id, e.g. `a1b2c3d4e5f6`. */
  readonly id: string;
  /** The parent revision's id; `null` for the first revision; several ids for a merge revision. */
  readonly parent: string | ReadonlyArray<string> | null;
  readonly message: string;
  readonly createdAt: string;
  /** Absolute path of the file. */
  readonly file: string;
  readonly upgrade: (op: Operations) => void;
  readonly downgrade: (op: Operations) => void;
  /**
   * `false` when the file exports `transactional = false` (it holds a statement such as
   * `CREATE INDEX CONCURRENTLY` that cannot run in a transaction). Default true.
   */
  readonly transactional: boolean;
  /** SHA-256 (hex) of the file's bytes, recorded when the revision is applied (tamper evidence). */
  readonly checksum?: string;
}
