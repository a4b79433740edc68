export * from './schema.js';
export * from './chain.js';
