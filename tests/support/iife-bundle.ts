/**
 * A TypeScript entry bundled in memory as one IIFE script exposing `globalName`, with Vite's library
 * mode — how browser tests load the project's own sources into a page.
 */
import { build, type Rollup } from 'vite';

export async function iifeBundle(entry: string, globalName: string): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: globalName },
      // IIFE cannot split: lazily imported modules (the Ed25519 fallback) are inlined.
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  })) as Rollup.RollupOutput[];
  const chunk = out[0]?.output[0];
  if (!chunk || chunk.type !== 'chunk') throw new Error(`${entry}: no output chunk`);
  return chunk.code;
}
