/**
 * Builds the extension into dist/chromium and dist/firefox: the pages (panel, camera, options) as
 * ES modules, the background and the content script as single classic scripts (a content script
 * cannot be a module; one file for the Firefox event page too), the zxing .wasm, the demo trust list
 * (TEST keys; left out with YIZHAO_DEMO=0), icons, locales and a manifest per target.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';
import { manifest, type Target } from '../src/manifest.js';
import { iconPng } from './icons.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const stage = join(dist, `.stage.${process.pid}`);
const require = createRequire(import.meta.url);
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const demo = process.env.YIZHAO_DEMO !== '0';

// zod's comments confuse Rollup's annotation parser; harmless, and noisy.
const onwarn = (w: { code?: string }, warn: (w: never) => void) => void (w.code === 'INVALID_ANNOTATION' || warn(w as never));

const shared: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  // The SDK and the extension each have zod 4 in their node_modules: bundle one copy.
  resolve: { dedupe: ['zod'] },
};

async function classicScript(entry: string, name: string): Promise<void> {
  await build({
    ...shared,
    root,
    build: {
      outDir: stage,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      lib: { entry: join(src, entry), formats: ['iife'], name, fileName: () => `${name}.js` },
      rollupOptions: { onwarn, output: { inlineDynamicImports: true } },
    },
  });
}

export async function buildExtension(): Promise<void> {
  // dist/<target> is replaced only at the end (a rename): tests and browsers using the previous
  // build while another build runs never see a half-written directory.
  rmSync(stage, { recursive: true, force: true });
  await build({
    ...shared,
    root: src,
    build: {
      outDir: stage,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      modulePreload: false,
      rollupOptions: { onwarn, input: { panel: join(src, 'panel/panel.html'), camera: join(src, 'camera/camera.html'), options: join(src, 'options/options.html') } },
    },
    worker: { format: 'es' },
  });
  await classicScript('background/index.ts', 'background');
  await classicScript('content/index.ts', 'content');

  cpSync(join(root, 'public'), stage, { recursive: true });
  mkdirSync(join(stage, 'wasm'), { recursive: true });
  cpSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'), join(stage, 'wasm/zxing_reader.wasm'));
  if (demo) {
    mkdirSync(join(stage, 'demo'), { recursive: true });
    for (const f of ['trust.jws', 'pin.jwk.json']) cpSync(require.resolve(`@yizhao/sdk/demo/${f}`), join(stage, 'demo', f));
  }
  mkdirSync(join(stage, 'icons'), { recursive: true });
  for (const size of [16, 32, 48, 128]) writeFileSync(join(stage, 'icons', `${size}.png`), iconPng(size));

  for (const target of ['chromium', 'firefox'] as Target[]) {
    const next = join(dist, `.${target}.${process.pid}`);
    cpSync(stage, next, { recursive: true });
    if (target === 'firefox') rmSync(join(next, 'managed_schema.json'));
    writeFileSync(join(next, 'manifest.json'), JSON.stringify(manifest(target, version), null, 2) + '\n');
    const out = join(dist, target);
    const old = join(dist, `.${target}.old.${process.pid}`);
    if (existsSync(out)) renameSync(out, old);
    renameSync(next, out);
    rmSync(old, { recursive: true, force: true });
  }
  rmSync(stage, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  await buildExtension();
  console.log(`extension: built dist/chromium and dist/firefox${demo ? ' (with the demo trust list, TEST keys)' : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
