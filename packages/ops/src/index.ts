export * from './op';
export * from './reverse';
export * from './describe-op';
export * from './operations';
export * from './operation-inputs';
export * from './record-operations';
export * from './call-operation';
export * from './revision-api-error';
