export * from './revision-command';
export * from './migrate-command';
export * from './status-commands';
export * from './check-command';
export * from './init-command';
export * from './lint-command';
