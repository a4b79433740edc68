/**
 * The demo of `npm start` (loaded by scripts/start.mjs): the approval system, the applicant page
 * that mints presentations with the bundled demo issuer (TEST KEYS, in this process only), the
 * counter pages, and the Node verification service.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { approvalBuildStale, buildApproval } from '../examples/approval-system/server/build.js';
import { startDemoServer, type DemoServer } from '../examples/approval-system/server/demo-server.js';
import { startNodeService, type NodeService } from '../examples/node-service/src/main.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const zh = !process.env.YIZHAO_LANG?.startsWith('en');
const say = (cn: string, en: string) => console.log(zh ? cn : en);

function port(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a port: ${value}`);
  return n;
}

const webPort = port(process.env.YIZHAO_PORT, 8164);
const servicePort = port(process.env.YIZHAO_SERVICE_PORT, webPort === 0 ? 0 : webPort + 1);
const extensionRoot = process.env.YIZHAO_EXTENSION_DIST ?? join(root, 'extension', 'dist');
const builtExtension = (browser: string) => (existsSync(join(extensionRoot, browser, 'manifest.json')) ? join(extensionRoot, browser) : null);

if (approvalBuildStale()) {
  say('构建审批系统示例（Vite）…', 'Building the approval system example (Vite)…');
  await buildApproval();
}

const info: { nodeService: string | null; extension: string | null } = { nodeService: null, extension: builtExtension('chromium') };
let demo: DemoServer | undefined;
let service: NodeService | undefined;
try {
  demo = await startDemoServer({ port: webPort, info });
  service = await startNodeService({ port: servicePort, fallbackToMemory: true });
} catch (e) {
  const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(inUse ? (zh ? `端口已被占用：换一个端口，例如 YIZHAO_PORT=9164 npm start（${String(e)}）` : `Port in use: try YIZHAO_PORT=9164 npm start (${String(e)})`) : String(e));
  await demo?.close();
  process.exit(1);
}
info.nodeService = `${service.origin}/`;
// Mint the on-screen presentations now, so the QR page is ready when it is opened.
const shown = (await (await fetch(`${demo.origin}/demo/presentations`)).json()) as unknown[];

const o = demo.origin;
const lines: [string, string, string][] = [
  ['审批系统（扫码登录、精准授权、免填报、免提交、存档）', 'Approval system (login, authorisation, pre-fill, seal, archive)', `${o}/approval/`],
  [`出示端：演示出示码二维码（${shown.length} 个）与签发`, `Applicant: demo QR codes (${shown.length}) and minting`, `${o}/applicant/`],
  ['窗口办事指南页面（试用浏览器扩展）', 'Counter pages (try the extension)', `${o}/counter/`],
  [`Node 核验服务（重放存储：${service.store === 'redis' ? 'Redis' : '内存，Redis 未运行'}）`, `Node verification service (replay store: ${service.store === 'redis' ? 'Redis' : 'memory, Redis not running'})`, `${service.origin}/`],
  ['总览', 'Overview', `${o}/`],
];
say('\n一照通办演示已启动 — 演示信任列表 — 测试密钥（签发内容不具备法律效力）', '\nYizhao demo is running — demo trust list, TEST KEYS (nothing signed here has legal effect)');
for (const [cn, en, url] of lines) console.log(`  ${zh ? cn : en}: ${url}`);
const chromium = builtExtension('chromium');
const firefox = builtExtension('firefox');
if (chromium) say(`  浏览器扩展（chrome://extensions → 开发者模式 → 加载已解压的扩展程序）：${chromium}`, `  Browser extension (chrome://extensions → Developer mode → Load unpacked): ${chromium}`);
if (firefox) say(`  Firefox 扩展（about:debugging → 临时载入附加组件）：${firefox}`, `  Firefox extension (about:debugging → Load Temporary Add-on): ${firefox}`);
if (!chromium && !firefox) say('  浏览器扩展尚未构建：先运行 npm run build -w extension，再重新 npm start', '  Browser extension not built yet: run npm run build -w extension, then npm start again');
say('按 Ctrl-C 停止。', 'Press Ctrl-C to stop.');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) process.exit(1); // a second Ctrl-C: do not wait
  stopping = true;
  say('\n正在停止…', '\nStopping…');
  await Promise.all([demo?.close(), service?.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
