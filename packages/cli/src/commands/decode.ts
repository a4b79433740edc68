/**
 * `yizhao decode IMAGE… [--json]` (spec §9): the text of the QR code in each PNG/JPEG image.
 * JSON Lines `{"file","text"}` in input order; exit 0 all decoded, 1 any not, 2 any unreadable.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ioError } from '../inputs.js';
import { EXIT_NOT_OK, EXIT_OK, EXIT_USAGE, UsageError, pick, type Command } from '../io.js';

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  if (positionals.length === 0) {
    throw new UsageError(pick(io.lang, '用法：yizhao decode 图片… [--json]', 'usage: yizhao decode IMAGE… [--json]'));
  }
  // Loaded here so that other commands do not pay for the decoders.
  const { decodeFile } = await import('@yizhao/scanner/node');
  let exit = EXIT_OK;
  for (const file of positionals) {
    let text: string | null = null;
    let error: string | undefined;
    try {
      text = await decodeFile(resolve(io.cwd, file));
    } catch (e) {
      error = ioError(io, file, e);
    }
    if (error !== undefined) exit = EXIT_USAGE;
    else if (text === null && exit === EXIT_OK) exit = EXIT_NOT_OK;

    if (values.json) {
      io.out(JSON.stringify(error === undefined ? { file, text } : { file, text: null, error }));
    } else if (error !== undefined) {
      io.out(pick(io.lang, `${file}：无法读取图片（${error}）`, `${file}: cannot read image (${error})`));
    } else if (text === null) {
      io.out(pick(io.lang, `${file}：未找到二维码`, `${file}: no QR code found`));
    } else {
      io.out(`${file}${pick(io.lang, '：', ': ')}${text}`);
    }
    if (error !== undefined && values.json) io.err(pick(io.lang, `${file}：无法读取图片（${error}）`, `${file}: cannot read image (${error})`));
  }
  return exit;
};
