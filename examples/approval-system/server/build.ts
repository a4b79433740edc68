/**
 * Builds the approval system with Vite (used by `npm start` and the browser tests), and tells
 * whether an existing build is older than its sources.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { APPROVAL_DIST, APPROVAL_ROOT } from './demo-server.js';

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

/** True when dist/index.html is missing or older than the app's sources or the built SDK/scanner. */
export function approvalBuildStale(outDir = APPROVAL_DIST): boolean {
  const built = join(outDir, 'index.html');
  if (!existsSync(built)) return true;
  const packages = join(APPROVAL_ROOT, '..', '..', 'packages');
  const sources = [join(APPROVAL_ROOT, 'src'), join(APPROVAL_ROOT, 'index.html'), join(APPROVAL_ROOT, 'vite.config.ts'), join(packages, 'sdk', 'dist'), join(packages, 'scanner', 'dist')];
  return Math.max(...sources.filter(existsSync).map(newest)) > statSync(built).mtimeMs;
}

export async function buildApproval(outDir = APPROVAL_DIST): Promise<void> {
  const { build } = await import('vite');
  await build({ root: APPROVAL_ROOT, configFile: join(APPROVAL_ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
}
