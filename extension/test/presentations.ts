/**
 * Test presentations signed by the bundled demo issuer (TEST keys), and a fake-camera video of one:
 * YUV4MPEG2 frames with the QR code centred on white, what Chromium's
 * `--use-file-for-fake-video-capture` plays in a loop.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderQr } from '@yizhao/scanner';
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

export function writeQrVideo(path: string, text: string, frames = 6): void {
  const w = 640;
  const h = 480;
  const qr = renderQr(text, { ecc: 'L', scale: 3, margin: 4 });
  const y = Buffer.alloc(w * h, 235);
  const ox = Math.floor((w - qr.width) / 2);
  const oy = Math.floor((h - qr.height) / 2);
  if (ox < 0 || oy < 0) throw new Error(`QR ${qr.width}px does not fit ${w}×${h}`);
  for (let r = 0; r < qr.height; r++) for (let c = 0; c < qr.width; c++) y[(oy + r) * w + ox + c] = qr.data[(r * qr.width + c) * 4]! < 128 ? 16 : 235;
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < frames; i++) parts.push(Buffer.from('FRAME\n'), y, chroma);
  writeFileSync(path, Buffer.concat(parts));
}
