/** Helpers of the approval system's browser tests: a fake-camera video and page interactions. */
import type { Page } from 'puppeteer-core';
import { fakeCameraArgs, writeQrVideo } from '../../../tests/support/fake-camera.js';

export const W = 1280;
export const H = 720;

/** A fake-camera video of the QR of `text` (or of an empty grey field): the shared test helper. */
export function writeCameraVideo(path: string, text: string | null): void {
  writeQrVideo(path, text, { width: W, height: H, scale: 4, background: 200 });
}

export const cameraArgs = fakeCameraArgs;

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
