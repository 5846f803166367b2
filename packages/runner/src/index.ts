export * from './errors';
export * from './revision';
export * from './load-revisions';
export * from './revision-graph';
export * from './version-table';
export * from './migrator';
export * from './revision-log';
export * from './replay-history';
