import { sm2 as smCryptoV2 } from 'sm-crypto-v2';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { SM2_DEFAULT_USER_ID, sm2RawSignature, sm2Verify, sm3 } from '../src/index.js';
import { fromHex, sm2Key, sm2Sign, tlv, toHex } from './forge.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('SM3 (GB/T 32905 appendix A)', () => {
  it('"abc"', () => {
    expect(toHex(sm3(ascii('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('the 64-byte message "abcd" × 16', () => {
    expect(toHex(sm3(ascii('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
  it('agrees with sm-crypto', () => {
    for (const msg of ['', 'a', '一照通办', 'x'.repeat(1000)]) expect(toHex(sm3(ascii(msg)))).toBe(smCrypto.sm3(msg));
  });
});

/**
 * OpenSSL's evppkey_sm2.txt vectors on sm2p256v1 (the recommended curve, not the GB/T 32918 annex
 * test curve): the inputs there are digests e = SM3(Z‖M), so these check the curve arithmetic.
 */
const OPENSSL_KEY = '04393a2ad9e27e43acaaab85a19d3b85591e14406157175addd37bf77ff0caf9ed37fcf3a8b4f55c038523261fca6636afe6a7afa2a1482a606f5cb3a18b2e2a1e';
const OPENSSL_VECTORS = [
  ['D7AD397F6FFA5D4F7F11E7217F241607DC30618C236D2C09C1B9EA8FDADEE2E8', '3046022100AB1DB64DE7C40EDBDE6651C9B8EBDB804673DB836E5D5C7FE15DCF9ED2725037022100EBA714451FF69B0BB930B379E192E7CD5FA6E3C41C7FBD8303B799AB54A54621'],
  ['B1139602C6ECC9E15E2F3F9C635A1AFE737058BC15387479C1EA0D0B3D90E9E5', '3045022100E6E0414EBD3A656C35602AF14AB20287DBF30D57AF75C49A188ED4B42391F22402202F54F277C606F4605E1CE9514947FFDDF94C67A539804A4ED17F852288BDBE2E'],
] as const;

describe('SM2 on sm2p256v1', () => {
  it.each(OPENSSL_VECTORS)('OpenSSL vector e=%s verifies (and fails when e changes)', (e, sig) => {
    const raw = sm2RawSignature(fromHex(sig.toLowerCase()));
    expect(raw).not.toBeNull();
    expect(smCryptoV2.doVerifySignature(fromHex(e.toLowerCase()), raw!, OPENSSL_KEY, { der: false, hash: false })).toBe(true);
    expect(smCrypto.sm2.doVerifySignature(Array.from(fromHex(e.toLowerCase())) as unknown as string, sig.toLowerCase(), OPENSSL_KEY, { der: true, hash: false })).toBe(true);
    const other = fromHex(e.toLowerCase());
    other[0]! ^= 1;
    expect(smCryptoV2.doVerifySignature(other, raw!, OPENSSL_KEY, { der: false, hash: false })).toBe(false);
  });

  it('Z is SM3(ENTL ‖ ID ‖ a ‖ b ‖ Gx ‖ Gy ‖ Px ‖ Py) with the default id, as computed here independently', () => {
    const a = 'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc';
    const b = '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93';
    const gx = '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7';
    const gy = 'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0';
    const id = toHex(ascii(SM2_DEFAULT_USER_ID));
    const z = sm3(fromHex('0080' + id + a + b + gx + gy + OPENSSL_KEY.slice(2)));
    expect(toHex(smCryptoV2.getZ(OPENSSL_KEY))).toBe(toHex(z));
    // e = SM3(Z ‖ M): verifying the message with hash:true equals verifying e with hash:false.
    const key = sm2Key();
    const msg = ascii('一照通办 SM2 cross-check');
    const sig = sm2Sign(key, msg);
    const e = sm3(new Uint8Array([...smCryptoV2.getZ(key.publicKey), ...msg]));
    expect(smCryptoV2.doVerifySignature(e, sm2RawSignature(sig)!, key.publicKey, { der: false, hash: false })).toBe(true);
  });

  it('signatures cross-verify between sm-crypto-v2 and sm-crypto (DER, hash, default user id)', () => {
    for (let i = 0; i < 3; i++) {
      const key = sm2Key();
      const msg = `message ${i} 印章`;
      const bytes = ascii(msg);
      // sm-crypto-v2 → sm-crypto and our verifier
      const v2 = smCryptoV2.doSignature(bytes, key.privateKey, { der: true, hash: true, publicKey: key.publicKey, userId: SM2_DEFAULT_USER_ID });
      expect(smCrypto.sm2.doVerifySignature(msg, v2, key.publicKey, { der: true, hash: true, userId: SM2_DEFAULT_USER_ID })).toBe(true);
      expect(sm2Verify(fromHex(key.publicKey), bytes, fromHex(v2))).toBe(true);
      // sm-crypto → sm-crypto-v2 and our verifier
      const v1 = smCrypto.sm2.doSignature(msg, key.privateKey, { der: true, hash: true, publicKey: key.publicKey, userId: SM2_DEFAULT_USER_ID });
      expect(smCryptoV2.doVerifySignature(bytes, v1, key.publicKey, { der: true, hash: true, userId: SM2_DEFAULT_USER_ID })).toBe(true);
      expect(sm2Verify(fromHex(key.publicKey), bytes, fromHex(v1))).toBe(true);
      // another user id is another signature
      expect(sm2Verify(fromHex(key.publicKey), bytes, fromHex(v1), 'someone-else')).toBe(false);
    }
  });

  it('accepts r‖s stored as 64 raw bytes (some producers) and a public key without the 04 prefix', () => {
    const key = sm2Key();
    const msg = ascii('raw');
    const raw = fromHex(sm2RawSignature(sm2Sign(key, msg))!);
    expect(raw.length).toBe(64);
    expect(sm2Verify(fromHex(key.publicKey), msg, raw)).toBe(true);
    expect(sm2Verify(fromHex(key.publicKey).subarray(1), msg, raw)).toBe(true);
    expect(sm2Verify(fromHex(key.publicKey), msg, raw.subarray(1))).toBe(false);
  });

  it('accepts a compressed public key', () => {
    const key = sm2Key();
    const msg = ascii('compressed');
    expect(sm2Verify(fromHex(smCryptoV2.compressPublicKeyHex(key.publicKey)), msg, sm2Sign(key, msg))).toBe(true);
  });

  it('rejects a changed message, a wrong key, and out-of-range or non-DER signatures', () => {
    const key = sm2Key();
    const msg = ascii('original');
    const sig = sm2Sign(key, msg);
    expect(sm2Verify(fromHex(key.publicKey), msg, sig)).toBe(true);
    expect(sm2Verify(fromHex(key.publicKey), ascii('originaL'), sig)).toBe(false);
    expect(sm2Verify(fromHex(sm2Key().publicKey), msg, sig)).toBe(false);
    expect(sm2Verify(fromHex(key.publicKey), msg, new Uint8Array([...sig, 0]))).toBe(false);
    const n = fromHex('fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
    const big = tlv(0x02, new Uint8Array([0, ...n]));
    const one = tlv(0x02, Uint8Array.of(1));
    const zero = tlv(0x02, Uint8Array.of(0));
    for (const [r, s] of [[zero, one], [one, zero], [big, one], [one, big]] as const) {
      expect(sm2RawSignature(tlv(0x30, new Uint8Array([...r, ...s])))).toBeNull();
    }
    expect(sm2RawSignature(tlv(0x30, new Uint8Array([...tlv(0x02, Uint8Array.of(0, 1)), ...one])))).toBeNull(); // non-minimal
    expect(sm2Verify(Uint8Array.of(4, 1, 2, 3), msg, sig)).toBe(false); // not a curve point
    const offCurve = fromHex(key.publicKey);
    offCurve[64]! ^= 1; // same x, wrong y: not on the curve
    expect(sm2Verify(offCurve, msg, sig)).toBe(false);
  });
});
