/** A module could not be imported: `file` names it, `cause` is what it threw (syntax error, missing import, …). */
export class ModuleLoadError extends Error {
  constructor(readonly file: string, cause: unknown) {
    super(`cannot load ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ModuleLoadError';
  }
}
