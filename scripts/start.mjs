/**
 * `npm start`: the main job in one command. Until the demo server exists, it mints a fresh
 * presentation with the bundled demo issuer (TEST KEYS), verifies it against the bundled demo trust
 * list, and prints the result and the QR code in the terminal.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { main } from '@yizhao/cli';

const demo = dirname(createRequire(import.meta.url).resolve('@yizhao/sdk/demo/trust.jws'));
const lang = process.env.YIZHAO_LANG?.startsWith('en') ? 'en' : 'zh-CN';
const zh = lang === 'zh-CN';
const io = (out) => ({ out, err: (l) => process.stderr.write(l + '\n'), lang, cwd: process.cwd() });

let token = '';
console.log(zh ? '一照通办演示：用内置演示签发方（测试密钥）签发一张电子营业执照出示码…' : 'Yizhao demo: minting an e-licence presentation with the bundled demo issuer (TEST KEYS)…');
const issued = await main(['dev', 'issue', '--qr', '--zip', '--addr', '重庆市大足区龙岗街道示例路 1 号', '--scp', 'DZ164-111'], io((l) => (token = l)));
if (issued !== 0) process.exit(issued);
console.log(`\n${token}\n`);
console.log(zh ? '用内置演示信任列表离线验证：' : 'Verifying offline against the bundled demo trust list:');
const exit = await main(['verify', token, '--trust', join(demo, 'trust.jws'), '--pin', join(demo, 'pin.jwk.json'), '--matter', 'DZ164-111'], io((l) => console.log(l)));
console.log(zh ? '\n更多用法：npx yizhao --help' : '\nMore: npx yizhao --help');
process.exitCode = exit;
