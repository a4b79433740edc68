/**
 * Generated codes, versions 1–25 at every ECC level, each through every distortion; every case must
 * decode to the exact text. Camera frames use `mode: 'frame'`; all else the still-image default.
 */
import { describe, expect, it } from 'vitest';
import { blur, cameraFrame, glare, invert, jpegRoundTrip, levels, moire, noise, perspective, rotated, type Img } from '../test/distort.js';
import { presentationText, textForVersion } from '../test/texts.js';
import { createVerifier } from '@yizhao/sdk';
import { createDevIssuer, demoLicence, mintPresentation, DEMO_USCC } from '@yizhao/sdk/dev';
import { decodeImageData, FRAME_STRATEGIES } from './decode.js';
import { renderQr, type EccLevel } from './qr.js';

const ECC: EccLevel[] = ['L', 'M', 'Q', 'H'];
const VERSIONS = Array.from({ length: 25 }, (_, i) => i + 1);

type Distortion = { name: string; make: (text: string, ecc: EccLevel, version: number, seed: number) => Img; frames?: boolean };
const render = (text: string, ecc: EccLevel, version: number, scale: number) => renderQr(text, { ecc, version, scale }) as Img;

const DISTORTIONS: Distortion[] = [
  { name: 'plain', make: (t, e, v) => render(t, e, v, 3) },
  { name: 'rotated', make: (t, e, v, s) => rotated(render(t, e, v, 3), 5 + ((s * 37) % 350)) },
  // ~2.2 px per module after resampling: small in the picture.
  { name: 'small', make: (t, e, v, s) => rotated(render(t, e, v, 4), (s * 13) % 90, 0.55) },
  { name: 'blurred', make: (t, e, v) => blur(render(t, e, v, 4), 1) },
  { name: 'noisy', make: (t, e, v, s) => noise(levels(render(t, e, v, 3), 40, 220), 70, s) },
  { name: 'inverted', make: (t, e, v, s) => rotated(invert(render(t, e, v, 3)), (s * 11) % 45) },
  { name: 'perspective', make: (t, e, v, s) => perspective(rotated(render(t, e, v, 4), (s * 7) % 30), 0.28, 0.9) },
  { name: 'low light', make: (t, e, v, s) => jpegRoundTrip(noise(levels(render(t, e, v, 4), 10, 75), 12, s), 70) },
  { name: 'glare', make: (t, e, v) => glare(render(t, e, v, 4), 0.35, 0.4, 0.35, 0.65) },
  { name: 'moire', make: (t, e, v) => jpegRoundTrip(moire(render(t, e, v, 4), 3.3, 35), 80) },
  {
    name: 'camera frame',
    make: (t, e, v, s) => cameraFrame(render(t, e, v, 4), { cover: 0.6, tilt: (s * 5) % 25 - 12, cx: 0.45 + (s % 3) * 0.05, seed: s % 5 }),
    frames: true,
  },
  {
    name: 'camera frame, far away',
    make: (t, e, v, s) => cameraFrame(render(t, e, v, 4), { cover: 0.2 + v * 0.008, tilt: (s * 3) % 20 - 10, seed: s % 5 }),
    frames: true,
  },
  {
    name: 'camera frame, inverted and blurred',
    make: (t, e, v, s) => cameraFrame(blur(invert(render(t, e, v, 4)), 1, 2), { cover: 0.7, tilt: (s * 5) % 25 - 12, seed: s % 5 }),
    frames: true,
  },
];

/**
 * A camera scan sees many frames, and frames take turns at the strategies; what is guaranteed is
 * that one round of FRAME_STRATEGIES frames finds the code.
 */
async function decodeFrames(image: Img): Promise<string | null> {
  for (let attempt = 0; attempt < FRAME_STRATEGIES; attempt++) {
    const r = await decodeImageData(image, { mode: 'frame', attempt });
    if (r.text !== null) return r.text;
  }
  return null;
}

describe.each(DISTORTIONS)('generated codes: $name', ({ make, frames }) => {
  const cases = VERSIONS.flatMap((version) => ECC.map((ecc, i) => ({ version, ecc, seed: version * 4 + i })));
  it.each(cases)('version $version, ECC $ecc', async ({ version, ecc, seed }) => {
    const text = textForVersion(version, ecc, seed);
    const image = make(text, ecc, version, seed);
    expect(frames ? await decodeFrames(image) : (await decodeImageData(image)).text).toBe(text);
  });
});

describe('presentation texts (YZL1: + compact JWS, ECC M)', () => {
  const lengths = [450, 520, 610, 700, 790, 870, 990];
  it.each(lengths.flatMap((len, i) => [{ len, alg: 'ES256' as const, seed: 100 + i }, { len, alg: 'EdDSA' as const, seed: 200 + i }]))(
    '$len bytes, $alg, held up to a camera',
    async ({ len, alg, seed }) => {
      const text = presentationText(len, seed, alg);
      expect(text).toMatch(/^YZL1:[\w-]+\.[\w-]+\.[\w-]+$/);
      const code = renderQr(text, { ecc: 'M', scale: 4 });
      expect(code.version).toBeGreaterThanOrEqual(14);
      expect(code.version).toBeLessThanOrEqual(25);
      const frame = cameraFrame(code, { cover: 0.7, tilt: 6, seed });
      expect(await decodeFrames(frame)).toBe(text);
      const photo = jpegRoundTrip(glare(perspective(code as Img, 0.2), 0.6, 0.3, 0.3, 0.5), 75);
      expect((await decodeImageData(photo)).text).toBe(text);
    },
  );
});

describe('real presentations from the dev issuer decode and then verify', () => {
  const sizes = [
    { zip: true, addr: undefined, scope: undefined },
    { zip: false, addr: '重庆市大足区龙岗街道五星大道 88 号', scope: undefined },
    { zip: true, addr: '重庆市大足区棠香街道', scope: '软件开发；信息技术咨询服务；'.repeat(6) },
  ];
  it.each((['ES256', 'EdDSA'] as const).flatMap((alg) => sizes.map((s, i) => ({ alg, ...s, seed: 300 + i }))))('$alg, zip $zip, scope $scope', async ({ alg, zip, addr, scope, seed }) => {
    const issuer = await createDevIssuer();
    const key = issuer.issuer.keys.find((k) => k.alg === alg)!;
    const text = await mintPresentation({ key, iss: issuer.issuer.iss, uscc: DEMO_USCC, licence: demoLicence({ ...(addr && { address: addr }), ...(scope && { scope }) }), zip });
    const code = renderQr(text, { ecc: 'M', scale: 4 });
    expect(code.version).toBeLessThanOrEqual(25);
    const decoded = await decodeFrames(cameraFrame(code, { cover: 0.7, tilt: 6, seed }));
    expect(decoded).toBe(text);
    const verifier = await createVerifier({ trustList: issuer.trust, pin: issuer.pin });
    expect((await verifier.verify(decoded!)).ok).toBe(true);
  });
});

describe('no code', () => {
  it('reports NO_CODE_FOUND for a blank page and for clutter', async () => {
    const blank = levels(render('x', 'M', 1, 1), 255, 255);
    expect(await decodeImageData(blank)).toEqual({ text: null, reason: 'NO_CODE_FOUND' });
    const frame = cameraFrame(levels(render('x', 'M', 1, 8), 128, 128), { seed: 3 });
    for (let attempt = 0; attempt < FRAME_STRATEGIES; attempt++) {
      expect(await decodeImageData(frame, { mode: 'frame', attempt })).toEqual({ text: null, reason: 'NO_CODE_FOUND' });
    }
  });

  it('rejects malformed pixel buffers', async () => {
    await expect(decodeImageData({ data: new Uint8ClampedArray(10), width: 4, height: 4 })).rejects.toThrow(RangeError);
    await expect(decodeImageData({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).rejects.toThrow(RangeError);
  });
});
