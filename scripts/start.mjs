/**
 * `npm start`: builds what is missing or stale (the TypeScript packages incrementally, the approval
 * system with Vite), then serves the examples, the counter pages and the demo applicant on
 * 127.0.0.1 and prints their URLs (scripts/start-demo.ts). Ctrl-C stops everything.
 *
 * YIZHAO_PORT (default 8164; 0 = any free port), YIZHAO_SERVICE_PORT (default YIZHAO_PORT + 1),
 * YIZHAO_LANG=en for English output.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

// tsc -b only rebuilds what changed (well under a second when everything is current).
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'packages/sdk', 'packages/scanner'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const { register } = await import('tsx/esm/api');
register();
await import('./start-demo.ts');
