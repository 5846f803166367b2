export * from './op';
export * from './reverse';
export * from './describe-op';
