/** The error bodies of docs/audit-records.md: a code, a message in both languages, maybe issues. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode = 'INVALID_BODY' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'NOT_FOUND' | 'INVALID_QUERY' | 'TOO_MANY_ATTEMPTS' | 'CSRF' | 'UNAVAILABLE';

const MESSAGES: Record<ErrorCode, [number, string, string]> = {
  INVALID_BODY: [400, '请求内容不符合格式，未写入任何记录', 'the body does not match the schema; nothing was written'],
  INVALID_QUERY: [400, '查询参数不正确', 'invalid query parameters'],
  UNAUTHENTICATED: [401, '未登录或令牌无效', 'no or unknown credentials'],
  FORBIDDEN: [403, '无权执行此操作', 'not allowed for these credentials'],
  NOT_FOUND: [404, '未找到', 'not found'],
  TOO_LARGE: [413, '请求内容超过 1 MiB', 'body over the size limit'],
  UNSUPPORTED_MEDIA_TYPE: [415, '只接受 application/json', 'only application/json is accepted'],
  CSRF: [403, '缺少或错误的 CSRF 令牌', 'missing or wrong CSRF token'],
  TOO_MANY_ATTEMPTS: [429, '登录失败次数过多，请稍后再试', 'too many failed logins; try again later'],
  UNAVAILABLE: [501, '此功能在本机不可用', 'not available on this machine'],
};

export interface Issue {
  readonly path: string;
  readonly message: string;
}

export function fail(c: Context, code: ErrorCode, issues?: readonly Issue[], detail?: string): Response {
  const [status, zh, en] = MESSAGES[code];
  const body = { error: { code, message: { 'zh-CN': detail ? `${zh}：${detail}` : zh, en: detail ? `${en}: ${detail}` : en }, ...(issues ? { issues } : {}) } };
  return c.json(body, status as ContentfulStatusCode);
}

export class BodyError extends Error {
  constructor(
    readonly code: 'TOO_LARGE' | 'INVALID_BODY' | 'UNSUPPORTED_MEDIA_TYPE',
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON body of at most `max` bytes, refusing other media types and malformed JSON. */
export async function readJson(c: Context, max: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new BodyError('UNSUPPORTED_MEDIA_TYPE', type || 'no content type');
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > max) throw new BodyError('TOO_LARGE', `${declared} bytes`);
  const body = c.req.raw.body;
  if (!body) throw new BodyError('INVALID_BODY', 'empty body');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyError('TOO_LARGE', `over ${max} bytes`);
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new BodyError('INVALID_BODY', 'not UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError('INVALID_BODY', `malformed JSON (${(error as Error).message.slice(0, 100)})`);
  }
}

export function bodyFail(c: Context, error: unknown): Response {
  if (!(error instanceof BodyError)) throw error;
  return fail(c, error.code, error.code === 'INVALID_BODY' ? [{ path: '(root)', message: error.message }] : undefined, error.code === 'INVALID_BODY' ? undefined : error.message);
}
