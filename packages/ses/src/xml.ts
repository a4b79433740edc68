/**
 * A minimal XML reader for the OFD package's small control files (OFD.xml, Signatures.xml,
 * Signature.xml). Safe by construction: DOCTYPE is refused, so there are no entity definitions to
 * expand (no external entities, no billion laughs); only the five predefined and numeric references.
 * Works the same in browsers and Node (no DOMParser).
 */
export interface XmlElement {
  /** Local name: the namespace prefix (`ofd:`) is dropped. */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Character data directly inside this element, concatenated. */
  readonly text: string;
}

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

const MAX_DEPTH = 64;
const MAX_XML = 4 * 1024 * 1024;
const NAME = /^[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&([^;&<]{0,10});/g, (_, ref: string) => {
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d{1,7}$/.test(ref) ? Number(ref.slice(1)) : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) throw new XmlError(`unknown entity &${ref};`);
    return String.fromCodePoint(code);
  });
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** Parses UTF-8 XML bytes (a BOM is allowed) into its root element. */
export function parseXml(input: Uint8Array | string): XmlElement {
  if (input.length > MAX_XML) throw new XmlError('XML file too large');
  let s: string;
  try {
    s = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new XmlError('not UTF-8');
  }
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  type Open = { name: string; qname: string; attributes: Record<string, string>; children: XmlElement[]; text: string };
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const chunk = s.slice(i, lt === -1 ? s.length : lt);
    if (chunk.length > 0) {
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(chunk);
      else if (chunk.trim() !== '') throw new XmlError('text outside the root element');
    }
    if (lt === -1) break;
    i = lt;
    if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i);
      if (end === -1) throw new XmlError('unterminated processing instruction');
      i = end + 2;
    } else if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end === -1) throw new XmlError('unterminated comment');
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i);
      const top = stack[stack.length - 1];
      if (end === -1 || !top) throw new XmlError('bad CDATA section');
      top.text += s.slice(i + 9, end);
      i = end + 3;
    } else if (s.startsWith('<!', i)) {
      throw new XmlError('DOCTYPE and declarations are not allowed');
    } else if (s.startsWith('</', i)) {
      const end = s.indexOf('>', i);
      const qname = s.slice(i + 2, end === -1 ? undefined : end).trim();
      const open = stack.pop();
      if (end === -1 || !open || open.qname !== qname) throw new XmlError(`mismatched end tag </${qname}>`);
      const element: XmlElement = { name: open.name, attributes: open.attributes, children: open.children, text: open.text };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlError('more than one root element');
      else root = element;
      i = end + 1;
    } else {
      const tag = readStartTag(s, i + 1);
      const open: Open = { name: localName(tag.qname), qname: tag.qname, attributes: tag.attributes, children: [], text: '' };
      if (tag.selfClosing) {
        const element: XmlElement = { name: open.name, attributes: open.attributes, children: [], text: '' };
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(element);
        else if (root) throw new XmlError('more than one root element');
        else root = element;
      } else {
        if (root) throw new XmlError('more than one root element');
        stack.push(open);
        if (stack.length > MAX_DEPTH) throw new XmlError('nested too deeply');
      }
      i = tag.end;
    }
  }
  if (stack.length > 0 || !root) throw new XmlError('unterminated document');
  return root;
}

function readStartTag(s: string, from: number): { qname: string; attributes: Record<string, string>; selfClosing: boolean; end: number } {
  const name = NAME.exec(s.slice(from, from + 256));
  if (!name) throw new XmlError('bad element name');
  const qname = name[0];
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  let i = from + qname.length;
  for (;;) {
    const ws = /^\s*/.exec(s.slice(i, i + 1024))![0].length;
    i += ws;
    if (s.startsWith('/>', i)) return { qname, attributes, selfClosing: true, end: i + 2 };
    if (s[i] === '>') return { qname, attributes, selfClosing: false, end: i + 1 };
    if (ws === 0) throw new XmlError(`bad start tag <${qname}>`);
    const attr = NAME.exec(s.slice(i, i + 256));
    if (!attr) throw new XmlError(`bad attribute in <${qname}>`);
    i += attr[0].length;
    const eq = /^\s*=\s*(["'])/.exec(s.slice(i, i + 1024));
    if (!eq) throw new XmlError(`attribute ${attr[0]} has no value`);
    i += eq[0].length;
    const close = s.indexOf(eq[1]!, i);
    if (close === -1) throw new XmlError('unterminated attribute value');
    const value = s.slice(i, close);
    if (value.includes('<')) throw new XmlError('"<" in an attribute value');
    const key = localName(attr[0]);
    if (attr[0].startsWith('xmlns')) {
      i = close + 1;
      continue;
    }
    if (key in attributes) throw new XmlError(`duplicate attribute ${key}`);
    attributes[key] = decodeEntities(value);
    i = close + 1;
  }
}

/** Children with this local name. */
export const childrenNamed = (e: XmlElement | undefined, name: string): XmlElement[] => (e ? e.children.filter((c) => c.name === name) : []);
export const child = (e: XmlElement | undefined, name: string): XmlElement | undefined => e?.children.find((c) => c.name === name);
/** Text of the named child, trimmed (OFD values carry no meaningful edge white space). */
export const childText = (e: XmlElement | undefined, name: string): string | undefined => child(e, name)?.text.trim();
