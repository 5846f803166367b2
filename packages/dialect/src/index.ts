export * from './sql-statement';
export * from './connection';
export * from './dialect';
export * from './lock-timeout-error';
export * from './failpoint';
