/** One SQL statement, with an optional comment saying what it is for (printed above it in offline SQL). */
export interface SqlStatement {
  readonly sql: string;
  readonly comment?: string;
}
