import type { GlobalOptions } from '../main';
import type { ProjectOptions } from '../project';

/** The project options given by the global command-line flags. */
export function projectOptions(globals: GlobalOptions): ProjectOptions {
  return { ...(globals.config ? { configFile: globals.config } : {}), ...(globals.url ? { url: globals.url } : {}) };
}
