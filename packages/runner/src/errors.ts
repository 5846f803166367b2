/** A revision file is missing an export or has one of the wrong type; `file` names it. */
export class MalformedRevisionError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`malformed revision file ${file}: ${reason}`);
    this.name = 'MalformedRevisionError';
  }
}

/** The revision history is inconsistent, or a revision asked for does not exist / is ambiguous. */
export class RevisionGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RevisionGraphError';
  }
}

/** Applying a revision failed; nothing of it was kept. `revision` names the one that failed. */
export class RevisionFailedError extends Error {
  constructor(readonly revision: string, readonly label: string, cause: unknown) {
    super(`revision ${label} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RevisionFailedError';
  }
}
