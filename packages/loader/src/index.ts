export * from './load-module';
export * from './module-load-error';
export * from './typescript-hook';
export * from './transpile-cache';
export * from './code-cache';
