import { EXIT_USAGE, UsageError, type CliIO, type Command, type Lang } from './io.js';

/**
 * Sub-commands, loaded on demand so that `yizhao uscc` does not pay for the scanner or the DOM.
 * Each module exports `run: Command`.
 */
const COMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  verify: () => import('./commands/verify.js'),
  uscc: () => import('./commands/uscc.js'),
  dev: () => import('./commands/dev.js'),
  seal: () => import('./commands/seal.js'),
  decode: () => import('./commands/decode.js'),
  catalog: () => import('./commands/catalog.js'),
  'scan-page': () => import('./commands/scan-page.js'),
  audit: () => import('./commands/audit.js'),
};

export async function main(argv: string[], io: CliIO = processIO(argv)): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const { helpText } = await import('./help.js');
    (name === undefined ? io.err : io.out)(helpText(io.lang));
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-V') {
    io.out('0.1.0');
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(io.lang === 'en' ? `yizhao: unknown command "${name}" (see yizhao --help)` : `yizhao：未知命令“${name}”（见 yizhao --help）`);
    return EXIT_USAGE;
  }
  try {
    const { run } = await load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isArgParseError(error)) {
      io.err(`yizhao ${name}: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
    // A bug or an environment failure: say so plainly and exit 2, never a misleading 0 or 1.
    io.err(`yizhao ${name}: ${io.lang === 'en' ? 'internal error' : '内部错误'}: ${(error as Error)?.stack ?? String(error)}`);
    return EXIT_USAGE;
  }
}

function isArgParseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** `--lang en` anywhere on the line, else YIZHAO_LANG, else zh-CN (the clerks' language). */
export function langFrom(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.indexOf('--lang');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7) ?? env.YIZHAO_LANG;
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

function processIO(argv: readonly string[]): CliIO {
  // `yizhao … | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    lang: langFrom(argv),
    cwd: process.cwd(),
  };
}
