/**
 * A small verification service: `POST /verify` checks a presentation server-side (offline, against
 * the trust list), records its jti in the shared replay store, and then — when an adapter is
 * configured — asks the national platform for the entity's current state.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorMessage, warningMessage, type ErrorCode, type LicenceData, type Messages, type Verifier, type Warning } from '@yizhao/sdk';
import { runOnlineCheck, type OnlineCheckAnswer, type OnlineLicenceCheck } from './online-check.js';

export interface ServiceOptions {
  verifier: Verifier;
  /** This relying party's id: presentations must be made out to it. */
  audience: string;
  onlineCheck?: OnlineLicenceCheck;
  /** Deadline of the online check (default 3000 ms). */
  onlineTimeoutMs?: number;
  /** Online check unavailable = cannot determine (STATUS_UNKNOWN) instead of a warning. */
  strictOnline?: boolean;
  /** One line per request; never receives presentation text. */
  log?: (line: string) => void;
}

export interface VerifyRequest {
  presentation: string;
  nonce?: string;
  matter?: string;
}

export interface VerifyResponse {
  ok: boolean;
  code: ErrorCode | null;
  outcome: 'valid' | 'invalid' | 'indeterminate';
  message: Messages;
  uscc: string | null;
  licence: LicenceData | null;
  warnings: readonly Warning[];
  online: (OnlineCheckAnswer & { source: string }) | null;
}

const MAX_BODY = 80 * 1024; // presentations are refused past 64 KiB anyway

export function parseVerifyRequest(body: unknown): VerifyRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const { presentation, nonce, matter } = body as Record<string, unknown>;
  if (typeof presentation !== 'string' || presentation.length === 0) return 'presentation (string) is required';
  if (nonce !== undefined && typeof nonce !== 'string') return 'nonce must be a string';
  if (matter !== undefined && (typeof matter !== 'string' || !/^DZ164-\d{3}$/.test(matter))) return 'matter must be a catalogue id such as DZ164-111';
  return { presentation, ...(nonce !== undefined && { nonce }), ...(matter !== undefined && { matter }) };
}

export async function verifyRequest(o: ServiceOptions, req: VerifyRequest): Promise<VerifyResponse> {
  const r = await o.verifier.verify(req.presentation, {
    audience: o.audience,
    ...(req.nonce !== undefined && { nonce: req.nonce }),
    ...(req.matter !== undefined && { matter: req.matter }),
  });
  const base: VerifyResponse = { ok: r.ok, code: r.code, outcome: r.outcome, message: r.message, uscc: r.uscc, licence: r.licence, warnings: r.warnings, online: null };
  if (!r.ok || !o.onlineCheck) return base;

  const answer = await runOnlineCheck(o.onlineCheck, { uscc: r.uscc, name: r.licence.name, iss: r.presentation.iss, jti: r.presentation.jti }, o.onlineTimeoutMs ?? 3000);
  const online = { ...answer, source: o.onlineCheck.name };
  if (answer.state === 'active') return { ...base, online };
  if (answer.state === 'unavailable') {
    if (o.strictOnline) return { ...base, ok: false, code: 'STATUS_UNKNOWN', outcome: 'indeterminate', message: errorMessage('STATUS_UNKNOWN'), online };
    return { ...base, warnings: [...base.warnings, { code: 'STATUS_UNKNOWN', message: warningMessage('STATUS_UNKNOWN') }], online };
  }
  // The platform knows the entity is no longer active: the signed licence is genuine but outdated.
  return { ...base, ok: false, code: 'LICENSE_NOT_ACTIVE', outcome: 'invalid', message: errorMessage('LICENSE_NOT_ACTIVE'), online };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('invalid JSON'), { status: 400 });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

export function createService(o: ServiceOptions): Server {
  const log = o.log ?? (() => undefined);
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz' && req.method === 'GET') return send(res, 200, { ok: true });
    if (path === '/' && req.method === 'GET') {
      return send(res, 200, { service: 'yizhao example node-service', audience: o.audience, verify: 'POST /verify {"presentation","nonce?","matter?"}', onlineCheck: o.onlineCheck?.name ?? null });
    }
    if (path !== '/verify') return send(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
    readJson(req)
      .then(async (body) => {
        const request = parseVerifyRequest(body);
        if (typeof request === 'string') return send(res, 400, { error: request });
        const out = await verifyRequest(o, request);
        log(`verify ${out.ok ? 'ok' : out.code} uscc=${out.uscc ?? '-'} online=${out.online?.state ?? '-'}`);
        send(res, 200, out);
      })
      .catch((e: { status?: number; message?: string }) => {
        if (e.status) return send(res, e.status, { error: e.message });
        log(`error ${e.message ?? 'unknown'}`);
        send(res, 500, { error: 'internal error' });
      });
  });
}

/** Listens on host:port (port 0: ephemeral) and returns the origin. */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const addr = server.address();
  return `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`;
}
