/**
 * The extension's content script on the hostile page (extension/test/hostile.ts: 50,000 elements,
 * a 6-second mutation storm, a 10 ms page timer), in headless Debian Chromium with the built
 * extension loaded: scan times as the content script reports them, and whether the page's own timer
 * kept ticking ("max scan ms": the longest single slice of the time-sliced scans). Three runs in one browser. Exits 0 with a message when Chromium or the build is missing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from '../../tests/support/chromium.js';
import { runHostile, type HostileRun } from '../../extension/test/hostile-run.js';
import { EXTENSION_DIR, launchWithExtension, servePages } from '../../extension/test/support.js';

const chromium = findChromium();
if (!chromium) {
  console.log('extension bench: skipped, no Chromium (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)');
  process.exit(0);
}
if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  console.log('extension bench: skipped, extension not built (npm run build -w @yizhao/extension)');
  process.exit(0);
}

const server = await servePages();
const ext = await launchWithExtension(chromium);
const runs: HostileRun[] = [];
try {
  for (let i = 0; i < 3; i++) runs.push(await runHostile(ext.browser, server.origin));
} finally {
  await ext.close();
  await server.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`hostile page: ${runs[0]!.elements} elements, 300 storm mutations × 201 nodes, page timer every 10 ms`);
// Scans run time-sliced: "max scan ms" is the longest single slice (main-thread task) the content script timed.
console.log('run  scans  max scan ms  incremental avg ms  scan total ms  timer ticks  ticks in a storm second (of 100)  longest timer gap ms  findings  injected');
runs.forEach((r, i) => {
  const incremental = r.scans > 1 ? (r.totalMs - r.maxMs) / (r.scans - 1) : 0;
  console.log(
    [i + 1, r.scans, r.maxMs.toFixed(1), incremental.toFixed(1), r.totalMs.toFixed(0), r.ticks, r.ticksInStormSecond, r.maxGapMs, r.findings, r.pwned + r.pageImages + r.overlayImages].map(String).join('  '),
  );
});
console.log(`median: longest scan task ${median(runs.map((r) => r.maxMs)).toFixed(1)} ms, scan total ${median(runs.map((r) => r.totalMs)).toFixed(0)} ms, ${median(runs.map((r) => r.ticksInStormSecond))} timer ticks per storm second, longest gap ${median(runs.map((r) => r.maxGapMs))} ms`);
const kept = runs.every((r) => r.ticksInStormSecond > 0 && r.pwned === 0 && r.pageImages === 0 && r.overlayImages === 0);
console.log(kept ? 'page timer kept ticking in every run; nothing injected' : 'FAILED: the page timer stalled or something was injected');
process.exitCode = kept ? 0 : 1;
