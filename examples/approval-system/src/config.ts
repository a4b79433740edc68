/**
 * The approval system's trust configuration. A demo, so it pins the bundled demo trust list
 * (TEST keys — the page says so). Only public material is imported here: the trust list (public
 * keys) and the pin; the private keys in the same folder stay on the demo server.
 */
import trustList from '@yizhao/sdk/demo/trust.jws?raw';
import pinText from '@yizhao/sdk/demo/pin.jwk.json?raw';
import type { TrustConfig } from './approval.js';

export const DEMO_TRUST: TrustConfig = { trustList: trustList.trim(), pin: JSON.parse(pinText) as Record<string, unknown> };
export const TRUST_NOTICE = '演示信任列表 — 测试密钥';
