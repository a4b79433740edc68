/**
 * Print-to-PDF with headless Chromium (Debian's, never downloaded): the PDF embeds the subset of the
 * system's Noto CJK fonts the report uses, so it prints the same anywhere.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function findChromium(): string | null {
  return [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p)) ?? null;
}

export async function htmlToPdf(html: string, executablePath: string): Promise<Uint8Array> {
  const { default: puppeteer } = await import('puppeteer-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'yizhao-report-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    // The report is self-contained (inline SVG, no script, no fetches): nothing may load from outside.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (r) => void (r.url().startsWith('data:') || r.url() === 'about:blank' ? r.continue() : r.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
