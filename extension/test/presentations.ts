/**
 * Test presentations signed by the bundled demo issuer (TEST keys), and a fake-camera video of one
 * (what Chromium's `--use-file-for-fake-video-capture` plays in a loop).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeQrVideo as writeQrVideoShared } from '../../tests/support/fake-camera.js';
import { DEMO_USCC, demoLicence, mintPresentation, type DevPrivateJwk } from '@yizhao/sdk/dev';

const issuer = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@yizhao/sdk/demo/issuer.private.json'), 'utf8')) as { iss: string; keys: DevPrivateJwk[] };

export function present(o: { expired?: boolean; scp?: string[] } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return mintPresentation({
    key: issuer.keys[0]!,
    iss: issuer.iss,
    uscc: DEMO_USCC,
    licence: demoLicence({ address: '重庆市大足区龙岗街道示例路 1 号' }),
    ttl: 600,
    // 25 minutes ago with a 10-minute life: expired, yet signed while the demo key was valid.
    now: o.expired ? now - 1500 : now,
    ...(o.scp ? { scp: o.scp } : {}),
  });
}

/** The shared fake-camera helper, with the sizes these tests were written for. */
export function writeQrVideo(path: string, text: string, frames = 6): void {
  writeQrVideoShared(path, text, { width: 640, height: 480, frames, ecc: 'L', scale: 3 });
}
