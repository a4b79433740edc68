/**
 * DOM helpers for the dashboard. Record text comes from clerks' browsers and web pages: it only ever
 * reaches the page as textContent or attribute values set through the DOM, never as markup.
 */
type Child = Node | string | number | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'number' ? String(c) : c);
  return e;
}

export function $(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing`);
  return e;
}

/** A link only for http(s) URLs; anything else (javascript:, data:) is shown as text. */
export function safeLink(url: string, text: string): Node {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') return el('a', { href: u.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, text);
  } catch {
    /* not a URL: shown as text */
  }
  return document.createTextNode(text);
}

/** Beijing time, minutes. */
export function fmtTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const TYPE_LABELS: Record<string, string> = {
  'paper-licence-demanded': '要求提供纸质执照',
  'e-licence-refused': '拒收电子营业执照',
  'e-seal-refused': '拒收电子印章',
  'finding-ignored': '忽略检测提示',
};

export const FLAG_LABELS: Record<string, string> = { edited: '内容被改动', gap: '记录缺失', fork: '链分叉', device: '设备不符' };
