/** `yizhao uscc CODE…`: checks unified social credit codes (spec §1), as typed by people. */
import { parseArgs } from 'node:util';
import { normaliseUscc, validateUscc } from '@yizhao/sdk';
import { EXIT_NOT_OK, EXIT_OK, pick, UsageError, type Command } from '../io.js';

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, lang: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError(pick(io.lang, '请给出要校验的统一社会信用代码', 'give one or more codes to check'));
  let exit = EXIT_OK;
  for (const input of positionals) {
    const result = validateUscc(normaliseUscc(input));
    if (!result.ok) exit = EXIT_NOT_OK;
    if (values.json) {
      io.out(JSON.stringify({ ok: result.ok, code: result.code, rule: result.rule, message: result.message[io.lang], ...(result.ok && { parts: result.parts }) }));
    } else {
      io.out(`${result.ok ? '✔' : '✘'} ${result.code}  ${result.message[io.lang]}`);
    }
  }
  return exit;
};
