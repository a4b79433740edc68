/**
 * Camera-frame decode time in Node: 1280×720 frames with a presentation QR (v≈20, ECC M) held up at
 * varying size, tilt and position over clutter with sensor noise, plus empty frames (the common case
 * while the clerk is still positioning the phone). Median and p90 of `decodeImageData(frame, { mode: 'frame' })`.
 */
import { decodeImageData } from '../../packages/scanner/src/index.js';
import { renderQr } from '../../packages/scanner/src/qr.js';
import { cameraFrame, clutter, noise } from '../../packages/scanner/test/distort.js';
import { presentationText } from '../../packages/scanner/test/texts.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

const frames = Array.from({ length: 24 }, (_, i) => {
  const text = presentationText(450 + ((i * 97) % 540), i);
  const code = renderQr(text, { ecc: 'M', scale: 4 });
  return { text, frame: cameraFrame(code, { cover: 0.45 + (i % 4) * 0.12, tilt: (i * 7) % 30 - 15, cx: 0.4 + (i % 5) * 0.05, cy: 0.45 + (i % 3) * 0.05, seed: i }) };
});
const empty = Array.from({ length: 8 }, (_, i) => noise(clutter(1280, 720, 100 + i), 12, i));

for (let i = 0; i < 3; i++) await decodeImageData(frames[i]!.frame, { mode: 'frame' }); // warm-up (WASM compile, JIT)

const hit: number[] = [];
let ok = 0;
for (let round = 0; round < 3; round++) {
  for (const { text, frame } of frames) {
    const t0 = performance.now();
    const r = await decodeImageData(frame, { mode: 'frame' });
    hit.push(performance.now() - t0);
    if (round === 0 && r.text === text) ok++;
  }
}
const miss: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const frame of empty) {
    const t0 = performance.now();
    await decodeImageData(frame, { mode: 'frame' });
    miss.push(performance.now() - t0);
  }
}
console.log(`scanner camera frames 1280×720 (Node ${process.versions.node}, mode 'frame')`);
console.log(`  with code:    decoded ${ok}/${frames.length}, median ${pct(hit, 0.5).toFixed(1)} ms, p90 ${pct(hit, 0.9).toFixed(1)} ms`);
console.log(`  without code: median ${pct(miss, 0.5).toFixed(1)} ms, p90 ${pct(miss, 0.9).toFixed(1)} ms`);
