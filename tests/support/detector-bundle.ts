/**
 * The detector bundled for a browser page (an IIFE exposing `YizhaoDetector`), built in memory with
 * Vite's library mode from the SDK sources — the same code the CLI runs in jsdom.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'sdk', 'src', 'detector', 'index.ts');

export async function detectorBundle(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, target: 'es2022', lib: { entry: ENTRY, formats: ['iife'], name: 'YizhaoDetector' } },
  })) as Rollup.RollupOutput[];
  const chunk = out[0]?.output[0];
  if (!chunk || chunk.type !== 'chunk') throw new Error('detector bundle: no output chunk');
  return chunk.code;
}
