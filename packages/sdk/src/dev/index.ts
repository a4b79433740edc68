/**
 * @yizhao/sdk/dev — TEST-ONLY issuing tools: key generation, a demo issuer, and signing of every
 * v1 format. Production verifiers never need this entry point.
 */
export * from './keys.js';
export * from './sign.js';
export * from './demo.js';
export * from './seal.js';
