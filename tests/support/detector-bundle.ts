/**
 * The detector bundled for a browser page (an IIFE exposing `YizhaoDetector`), built from the SDK
 * sources — the same code the CLI runs in jsdom.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iifeBundle } from './iife-bundle.js';

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'sdk', 'src', 'detector', 'index.ts');

export function detectorBundle(): Promise<string> {
  return iifeBundle(ENTRY, 'YizhaoDetector');
}
