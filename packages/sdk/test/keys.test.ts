import { describe, expect, it } from 'vitest';
import { importRawEd25519, importVerifyKey, publicJwkFor, type PublicJwk } from '../src/jose/keys.js';
import { generateDevKey, publicPart, signCompact } from '../src/dev/index.js';
import { decodeCanonical } from '../src/jose/base64url.js';

const utf8 = new TextEncoder();

describe('signature keys', () => {
  it('the pure-JS Ed25519 fallback agrees with WebCrypto on good and bad signatures', async () => {
    const key = await generateDevKey('EdDSA');
    const jwk = publicJwkFor(publicPart(key) as Record<string, unknown>, 'EdDSA') as PublicJwk;
    const web = await importVerifyKey(jwk, 'EdDSA', key.kid);
    const noble = await importRawEd25519(decodeCanonical(jwk.x)!, key.kid, { forceFallback: true });
    const jws = await signCompact({ typ: 't' }, utf8.encode('payload'), key);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const data = utf8.encode(`${h}.${p}`);
    const sig = decodeCanonical(s)!;
    expect(await web.verify(data, sig)).toBe(true);
    expect(await noble.verify(data, sig)).toBe(true);
    const flipped = sig.slice();
    flipped[10]! ^= 1;
    expect(await web.verify(data, flipped)).toBe(false);
    expect(await noble.verify(data, flipped)).toBe(false);
    expect(await noble.verify(data, sig.subarray(0, 63))).toBe(false);
  });

  it('refuses keys that do not fit the algorithm, and private keys', () => {
    expect(publicJwkFor({ kty: 'EC', crv: 'P-384', x: 'a'.repeat(64), y: 'a'.repeat(64) }, 'ES256')).toBeTypeOf('string');
    expect(publicJwkFor({ kty: 'OKP', crv: 'Ed25519', x: 'a'.repeat(43) }, 'ES256')).toBeTypeOf('string');
    expect(publicJwkFor({ kty: 'OKP', crv: 'X25519', x: 'a'.repeat(43) }, 'EdDSA')).toBeTypeOf('string');
    expect(publicJwkFor({ kty: 'OKP', crv: 'Ed25519', x: 'a'.repeat(43), d: 'b'.repeat(43) }, 'EdDSA')).toBe('private key material');
  });
});
