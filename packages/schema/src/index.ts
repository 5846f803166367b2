export * from './schema';
export * from './factories';
export * from './naming-convention';
export * from './describe';
export * from './orm-adapter';
