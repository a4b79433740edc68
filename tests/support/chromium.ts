/**
 * Shared Chromium launcher for browser tests (puppeteer-core: never downloads a browser).
 * Chromium comes from PUPPETEER_EXECUTABLE_PATH or the Debian package at /usr/bin/chromium.
 * Missing Chromium skips the suite with a loud message, except in CI (CI=true), where it fails.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | null {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/**
 * The Chromium path for `suite`, or null (after a loud warning) when there is none and this is not
 * CI. In CI a missing Chromium throws, so the suite fails instead of silently passing.
 */
export function chromiumFor(suite: string): string | null {
  const path = findChromium();
  if (path) return path;
  const how = 'install it (apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chromium/Chrome binary';
  if (process.env.CI === 'true') throw new Error(`${suite}: Chromium not found, and CI=true requires it; ${how}`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! SKIPPED browser suite "${suite}": no Chromium found.\n!! To run it, ${how}.\n${bar}\n`);
  return null;
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface LaunchedChromium {
  browser: Browser;
  close(): Promise<void>;
}

/** Launch with the standard flags plus `extraArgs`, in a throw-away profile directory. */
export async function launchChromium(executablePath: string, extraArgs: string[] = []): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'yizhao-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true, // the actual mode comes from --headless=new below
    userDataDir,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
