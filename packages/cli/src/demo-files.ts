/**
 * The dev issuer's directory layout (TEST KEYS ONLY), shared by `yizhao dev …`, `npm start`, tests
 * and examples. The repository ships one such directory in @yizhao/sdk/demo.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { DevIssuerFiles, DevPrivateJwk, TrustListPayload } from '@yizhao/sdk/dev';

export const FILES = {
  signer: 'trust-signer.private.jwk.json',
  issuer: 'issuer.private.json',
  pin: 'pin.jwk.json',
  trustPayload: 'trust.payload.json',
  trust: 'trust.jws',
} as const;

/** The bundled demo issuer of @yizhao/sdk (test keys, valid for years). */
export function bundledDemoDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@yizhao/sdk/demo/trust.jws'));
}

const README = `# TEST KEYS ONLY — 仅供测试

This directory was written by \`yizhao dev init\`. Its private keys are test keys: anything they sign
proves nothing. Never configure production verifiers with this trust list or pin.
本目录由 \`yizhao dev init\` 生成，其中的私钥仅供测试，签发的任何内容都不具备法律效力。
`;

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export async function writeDevIssuer(dir: string, files: DevIssuerFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, FILES.signer), json(files.signer), { mode: 0o600 });
  await writeFile(join(dir, FILES.issuer), json(files.issuer), { mode: 0o600 });
  await writeFile(join(dir, FILES.pin), json(files.pin));
  await writeFile(join(dir, FILES.trustPayload), json(files.trustPayload));
  await writeFile(join(dir, FILES.trust), files.trust + '\n');
  await writeFile(join(dir, 'README.md'), README);
}

export async function readDevIssuer(dir: string): Promise<DevIssuerFiles> {
  const read = async (name: string) => readFile(join(dir, name), 'utf8');
  return {
    signer: JSON.parse(await read(FILES.signer)) as DevPrivateJwk,
    issuer: JSON.parse(await read(FILES.issuer)) as DevIssuerFiles['issuer'],
    pin: JSON.parse(await read(FILES.pin)) as DevIssuerFiles['pin'],
    trustPayload: JSON.parse(await read(FILES.trustPayload)) as TrustListPayload,
    trust: (await read(FILES.trust)).trim(),
  };
}
