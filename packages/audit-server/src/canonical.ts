/** RFC 8785 canonical JSON (the SDK's record canonical form), as a string. */
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS (`module.exports = fn`); Node and bundlers disagree on the default.
const canonicalize = ((canonicalizeModule as unknown as { default?: (v: unknown) => string }).default ?? canonicalizeModule) as unknown as (v: unknown) => string;

export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}
