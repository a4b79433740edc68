/**
 * Turning a command-line INPUT into scanned text (spec §9): an existing .png/.jpg/.jpeg file is an
 * image holding the QR code, `@FILE` is a file holding the text, anything else is the text itself.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pick, UsageError, type CliIO } from './io.js';

export type ResolvedInput = { ok: true; text: string; source: 'text' | 'file' | 'image' } | { ok: false; error: string };

const IMAGE = /\.(png|jpe?g)$/i;
/** A QR holds under 3 KB; a text file far larger is not a scanned code. */
const MAX_TEXT_FILE = 1024 * 1024;

export async function resolveInput(arg: string, io: CliIO): Promise<ResolvedInput> {
  if (arg.startsWith('@')) {
    const path = resolve(io.cwd, arg.slice(1));
    try {
      const bytes = await readFile(path);
      if (bytes.length > MAX_TEXT_FILE) return { ok: false, error: pick(io.lang, `文件过大：${arg.slice(1)}`, `file too large: ${arg.slice(1)}`) };
      return { ok: true, text: bytes.toString('utf8'), source: 'file' };
    } catch (error) {
      return { ok: false, error: ioError(io, arg.slice(1), error) };
    }
  }
  const path = resolve(io.cwd, arg);
  if (IMAGE.test(arg) && existsSync(path)) return decodeImage(path, arg, io);
  return { ok: true, text: arg, source: 'text' };
}

async function decodeImage(path: string, arg: string, io: CliIO): Promise<ResolvedInput> {
  let decodeFile: (path: string) => Promise<string | null>;
  try {
    ({ decodeFile } = await import(SCANNER));
  } catch {
    return { ok: false, error: pick(io.lang, `无法读取图片 ${arg}：未安装二维码识别模块 @yizhao/scanner`, `cannot read image ${arg}: the QR scanner @yizhao/scanner is not installed`) };
  }
  try {
    const text = await decodeFile(path);
    if (text === null) return { ok: false, error: pick(io.lang, `图片中未找到二维码：${arg}`, `no QR code found in ${arg}`) };
    return { ok: true, text, source: 'image' };
  } catch (error) {
    return { ok: false, error: ioError(io, arg, error) };
  }
}

/** Kept in a variable so the CLI builds before the optional scanner package exists. */
const SCANNER = '@yizhao/scanner/node';

export function ioError(io: CliIO, file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  // The errno code stays in the text: scripts match on it whatever the language.
  if (code === 'ENOENT') return pick(io.lang, `找不到文件（ENOENT）：${file}`, `no such file (ENOENT): ${file}`);
  if (code === 'EACCES') return pick(io.lang, `无权读取（EACCES）：${file}`, `permission denied (EACCES): ${file}`);
  if (code === 'EISDIR') return pick(io.lang, `这是一个目录（EISDIR）：${file}`, `is a directory (EISDIR): ${file}`);
  return pick(io.lang, `无法读取 ${file}：${(error as Error).message}`, `cannot read ${file}: ${(error as Error).message}`);
}

export async function readTextFile(path: string, io: CliIO, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`${what}: ${ioError(io, path, error)}`);
  }
}

export async function readJsonFile(path: string, io: CliIO, what: string): Promise<Record<string, unknown>> {
  const text = await readTextFile(path, io, what);
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new UsageError(pick(io.lang, `${what}：${path} 不是 JSON 对象`, `${what}: ${path} is not a JSON object`));
}
