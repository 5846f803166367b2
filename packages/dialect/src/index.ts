export * from './sql-statement';
export * from './connection';
export * from './dialect';
