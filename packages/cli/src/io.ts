/**
 * What every command gets: where to write, which language people read, and the working directory.
 * Commands never touch process.* directly, so tests drive them in-process.
 */
export type Lang = 'zh-CN' | 'en';

export interface CliIO {
  /** One line to stdout (machine output: JSON Lines, arrays, or the human report). */
  out(line: string): void;
  /** One line to stderr (messages, warnings, progress). */
  err(line: string): void;
  lang: Lang;
  cwd: string;
}

/** Exit codes shared by all commands (spec §9). */
export const EXIT_OK = 0;
export const EXIT_NOT_OK = 1;
export const EXIT_USAGE = 2;

/** A usage or I/O problem: printed to stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Command = (argv: string[], io: CliIO) => Promise<number>;

export function pick(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : zh;
}
