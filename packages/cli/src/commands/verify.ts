/** `yizhao verify INPUT… --trust FILE --pin FILE …` (spec §9). */
import { parseArgs } from 'node:util';
import type { VerificationResult } from '@yizhao/sdk';
import { EXIT_NOT_OK, EXIT_OK, EXIT_USAGE, pick, UsageError, type Command } from '../io.js';
import { readTextFile, resolveInput } from '../inputs.js';
import { formatVerification } from '../report.js';
import { TRUST_OPTIONS, verifierFromArgs } from '../trust.js';

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...TRUST_OPTIONS,
      aud: { type: 'string' },
      matter: { type: 'string' },
      nonce: { type: 'string' },
      status: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError(pick(io.lang, '请给出要验证的内容（INPUT…）', 'nothing to verify: give one or more INPUTs'));
  const verifier = await verifierFromArgs(values, io);
  for (const file of values.status ?? []) {
    const loaded = await verifier.addStatusList(await readTextFile(file, io, '--status'));
    if (!loaded.ok) io.err(pick(io.lang, `状态列表 ${file} 未采用：${loaded.detail}`, `status list ${file} not held: ${loaded.detail}`));
  }

  let exit = EXIT_OK;
  for (const [i, arg] of positionals.entries()) {
    const input = await resolveInput(arg, io);
    if (!input.ok) {
      exit = EXIT_USAGE;
      if (values.json) io.out(JSON.stringify({ ok: false, kind: 'unknown', code: null, error: input.error }));
      else io.err(`[${i + 1}] ${input.error}`);
      continue;
    }
    const result = await verifier.verify(input.text, {
      ...(values.aud !== undefined && { audience: values.aud }),
      ...(values.nonce !== undefined && { nonce: values.nonce }),
      ...(values.matter !== undefined && { matter: values.matter }),
    });
    if (!result.ok && exit === EXIT_OK) exit = EXIT_NOT_OK;
    if (values.json) io.out(JSON.stringify(toJson(result, io.lang)));
    else for (const line of formatVerification(result, io.lang, positionals.length > 1 ? i + 1 : undefined)) io.out(line);
  }
  return exit;
};

/** The spec §9 object, plus `outcome`, `message`, `detail` and the check `trace`. */
export function toJson(r: VerificationResult, lang: 'zh-CN' | 'en') {
  return {
    ok: r.ok,
    kind: r.kind,
    code: r.code,
    uscc: r.uscc,
    licence: r.licence,
    warnings: r.warnings.map((w) => w.code),
    outcome: r.outcome,
    message: r.message[lang],
    ...(!r.ok && r.detail !== undefined && { detail: r.detail }),
    ...(r.presentation && { presentation: r.presentation }),
    ...(!r.ok && r.preview !== undefined && { preview: r.preview }),
    ...(!r.ok && r.rule !== undefined && { rule: r.rule }),
    trace: r.trace,
  };
}
