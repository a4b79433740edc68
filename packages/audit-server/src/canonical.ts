/** RFC 8785 canonical JSON (the SDK's record canonical form), as a string: the SDK's one implementation. */
export { canonicalize as canonicalJson } from '@yizhao/sdk';
