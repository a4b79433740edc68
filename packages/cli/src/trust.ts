/** The trust options shared by `verify` and `seal verify`: --trust, --pin, --at, --strict. */
import { createVerifier, type Verifier } from '@yizhao/sdk';
import { parseUnixTime } from './args.js';
import { readJsonFile, readTextFile } from './inputs.js';
import { pick, UsageError, type CliIO } from './io.js';

export const TRUST_OPTIONS = {
  trust: { type: 'string' },
  pin: { type: 'string' },
  at: { type: 'string' },
  strict: { type: 'boolean' },
} as const;

export async function verifierFromArgs(values: { trust?: string; pin?: string; at?: string; strict?: boolean }, io: CliIO): Promise<Verifier> {
  if (!values.trust || !values.pin) throw new UsageError(pick(io.lang, '需要 --trust 信任列表文件和 --pin 签发公钥文件', '--trust FILE and --pin FILE are required'));
  const at = values.at !== undefined ? parseUnixTime(values.at, io) : undefined;
  const verifier = await createVerifier({
    trustList: await readTextFile(values.trust, io, '--trust'),
    pin: await readJsonFile(values.pin, io, '--pin'),
    ...(at !== undefined && { clock: () => at }),
    strict: values.strict ?? false,
  });
  if (!verifier.trustList.ok) io.err(pick(io.lang, `信任列表被拒绝：${verifier.trustList.code}（${verifier.trustList.detail}）`, `trust list refused: ${verifier.trustList.code} (${verifier.trustList.detail})`));
  return verifier;
}
