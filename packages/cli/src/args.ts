import { pick, UsageError, type CliIO } from './io.js';

export function parseUnixTime(value: string, io: CliIO): number {
  if (!/^\d{1,15}$/.test(value)) throw new UsageError(pick(io.lang, `--at 需要 Unix 时间（整数秒），收到“${value}”`, `--at takes unix seconds, got "${value}"`));
  return Number(value);
}

export function parseCount(value: string, name: string, io: CliIO): number {
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(pick(io.lang, `${name} 需要正整数，收到“${value}”`, `${name} takes a whole number, got "${value}"`));
  return Number(value);
}
