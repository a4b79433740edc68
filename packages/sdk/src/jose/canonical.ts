/** RFC 8785 JSON Canonicalization Scheme, via the `canonicalize` package. */
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS (`module.exports = fn`); bundlers and Node disagree on the default.
export const canonicalize = ((canonicalizeModule as unknown as { default?: (v: unknown) => string }).default ?? canonicalizeModule) as unknown as (v: unknown) => string;
