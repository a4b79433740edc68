import { normaliseUscc, validateUscc } from '@yizhao/sdk';
import { pick, UsageError, type CliIO } from './io.js';

export function parseUnixTime(value: string, io: CliIO): number {
  if (!/^\d{1,15}$/.test(value)) throw new UsageError(pick(io.lang, `--at 需要 Unix 时间（整数秒），收到“${value}”`, `--at takes unix seconds, got "${value}"`));
  return Number(value);
}

export function parseCount(value: string, name: string, io: CliIO): number {
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(pick(io.lang, `${name} 需要正整数，收到“${value}”`, `${name} takes a whole number, got "${value}"`));
  return Number(value);
}

export function parseAlg(value: string | undefined, io: CliIO): 'ES256' | 'EdDSA' {
  const alg = value ?? 'ES256';
  if (alg !== 'ES256' && alg !== 'EdDSA') throw new UsageError(pick(io.lang, '--alg 只能是 ES256 或 EdDSA', '--alg is ES256 or EdDSA'));
  return alg;
}

/** A USCC given on the command line: trimmed and upper-cased, then it must be valid. */
export function parseUsccArg(value: string, io: CliIO): string {
  const result = validateUscc(normaliseUscc(value));
  if (!result.ok) throw new UsageError(pick(io.lang, `--uscc 无效：${result.message['zh-CN']}`, `--uscc is invalid: ${result.message.en}`));
  return result.code;
}
