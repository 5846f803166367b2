/**
 * @autogen/compare: turns the live schema (`current`) and the model schema (`target`) into the ops of an upgrade.
 * The downgrade is `reverseAll(ops)` from @autogen/ops, never a second comparison.
 */
export { compare } from './compare';
export type { CompareOptions, CompareResult } from './compare';
export { parseRenames, resolveRenames } from './renames';
export type { RenameMap, ResolvedRenames } from './renames';
export { findRenameCandidates } from './rename-candidates';
export type { RenameCandidate } from './rename-candidates';
