/**
 * The programmatic API of autogen: the same operations as the CLI, for apps that migrate themselves at start-up.
 *
 * @example
 * import { upgrade } from '@autogen/cli';
 * await upgrade({ configFile: './autogen.config.ts', target: 'head' });
 */
export { defineConfig, type AutogenConfig, type AdapterName } from './config/autogen-config';
export type { ResolvedConfig } from './config/load-config';
export { ExitCode, UserError, ConfigError } from './errors';
export type { ProjectOptions } from './project';
export {
  revision,
  upgrade,
  downgrade,
  stamp,
  current,
  history,
  historyGraph,
  heads,
  merge,
  check,
  type RevisionInfo,
  type MergeOptions,
  type RevisionOptions,
  type RevisionResult,
  type MigrateOptions,
  type MigrateResult,
  type CheckResult,
  type CurrentResult,
  type DriftReport,
} from './api';
export type { Operations } from '@autogen/ops';
export { run } from './main';
