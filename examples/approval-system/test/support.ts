/** Helpers of the approval system's browser tests: a fake-camera video and page interactions. */
import { writeFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { renderQr } from '@yizhao/scanner';

export const W = 1280;
export const H = 720;

/**
 * A YUV4MPEG2 (4:2:0) video for Chromium's fake camera: the QR of `text` (or a blank frame) on a
 * light grey background. Grey only, so U and V stay at 128.
 */
export function writeCameraVideo(path: string, text: string | null): void {
  const y = Buffer.alloc(W * H, 200);
  if (text !== null) {
    const qr = renderQr(text, { ecc: 'M', scale: 4 });
    const x0 = (W - qr.width) >> 1;
    const y0 = (H - qr.height) >> 1;
    for (let j = 0; j < qr.height; j++) for (let i = 0; i < qr.width; i++) y[(y0 + j) * W + x0 + i] = qr.data[(j * qr.width + i) * 4]!;
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}

export const cameraArgs = (video: string) => ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`, '--autoplay-policy=no-user-gesture-required'];

export interface Mint {
  aud?: string;
  nonce?: string;
  scp?: string[];
  address?: boolean;
}

export async function mint(origin: string, body: Mint): Promise<string> {
  const res = await fetch(`${origin}/demo/mint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`mint: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { text: string }).text;
}

export const challengeOf = (page: Page) => page.$eval('#challenge', (e) => e.textContent ?? '');

/** Waits until a status element leaves "pending" and returns its state, code and text. */
export async function settled(page: Page, selector: string): Promise<{ state: string; code: string; text: string }> {
  await page.waitForFunction((s) => {
    const e = document.querySelector<HTMLElement>(s);
    return !!e && (e.dataset.state === 'ok' || e.dataset.state === 'error');
  }, { timeout: 20_000 }, selector);
  return page.$eval(selector, (e) => ({ state: (e as HTMLElement).dataset.state ?? '', code: (e as HTMLElement).dataset.code ?? '', text: e.textContent ?? '' }));
}

/** Pastes a presentation and logs in (typing 1,000 characters would only slow the test down). */
export async function loginWith(page: Page, text: string) {
  await page.$eval('#login-result', (e) => {
    (e as HTMLElement).dataset.state = 'pending';
  });
  await page.$eval('#presentation', (e, t) => {
    (e as HTMLTextAreaElement).value = t;
  }, text);
  await page.click('#login');
  return settled(page, '#login-result');
}

export const fields = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      ['f-name', 'f-uscc', 'f-lr', 'f-address'].map((id) => {
        const input = document.getElementById(id) as HTMLInputElement;
        return [id, { value: input.value, readOnly: input.readOnly }];
      }),
    ),
  );
