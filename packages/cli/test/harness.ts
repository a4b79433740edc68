/** Runs the CLI in-process with captured output, as a script would see it. */
import { main } from '../src/main.js';
import type { Lang } from '../src/io.js';

export interface Run {
  exit: number;
  out: string[];
  err: string[];
  json: () => Record<string, unknown>[];
}

export async function yizhao(argv: string[], options: { cwd?: string; lang?: Lang } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), lang: options.lang ?? 'zh-CN', cwd: options.cwd ?? process.cwd() });
  return { exit, out, err, json: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
