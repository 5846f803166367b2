export * from './render-revision';
export * from './revision-file-name';
