/**
 * The OFD container (a zip): central directory read here, entries inflated on demand with fflate's
 * streaming inflater so that a bomb is stopped as soon as it passes the cap, not after.
 * Refused: zip64, encryption, methods other than stored/deflate, duplicate or unsafe names.
 */
import { Inflate } from 'fflate';

export interface ZipLimits {
  /** Largest package accepted, bytes (default 128 MiB). */
  readonly maxInput?: number;
  /** Most entries (default 10 000). */
  readonly maxEntries?: number;
  /** Largest inflated entry (default 64 MiB). */
  readonly maxEntrySize?: number;
  /** Most bytes inflated over the whole package (default 256 MiB). */
  readonly maxTotalSize?: number;
}

export const DEFAULT_ZIP_LIMITS: Required<ZipLimits> = {
  maxInput: 128 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntrySize: 64 * 1024 * 1024,
  maxTotalSize: 256 * 1024 * 1024,
};

export class ZipError extends Error {
  override readonly name = 'ZipError';
  /** True when a limit was hit (PAYLOAD_TOO_LARGE) rather than a malformed archive. */
  readonly tooLarge: boolean;
  constructor(message: string, tooLarge = false) {
    super(message);
    this.tooLarge = tooLarge;
  }
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

const CHUNK = 4096;

export class OfdZip {
  readonly #data: Uint8Array;
  readonly #entries = new Map<string, Entry>();
  readonly #limits: Required<ZipLimits>;
  readonly #cache = new Map<string, Uint8Array>();
  #inflated = 0;

  constructor(data: Uint8Array, limits: ZipLimits = {}) {
    this.#limits = { ...DEFAULT_ZIP_LIMITS, ...limits };
    if (data.length > this.#limits.maxInput) throw new ZipError('package too large', true);
    this.#data = data;
    this.#readDirectory();
  }

  /** Entry names (without a leading slash), in directory order. */
  get names(): string[] {
    return [...this.#entries.keys()];
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** The inflated bytes of an entry, or null when there is none by that name. */
  read(name: string): Uint8Array | null {
    const cached = this.#cache.get(name);
    if (cached) return cached;
    const entry = this.#entries.get(name);
    if (!entry) return null;
    const bytes = this.#inflate(entry);
    this.#cache.set(name, bytes);
    return bytes;
  }

  #readDirectory(): void {
    const d = this.#data;
    const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
    let eocd = -1;
    for (let i = d.length - 22; i >= Math.max(0, d.length - 22 - 0xffff); i--) {
      if (view.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('not a zip archive (no end of central directory)');
    const count = view.getUint16(eocd + 10, true);
    const cdSize = view.getUint32(eocd + 12, true);
    const cdOffset = view.getUint32(eocd + 16, true);
    if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) throw new ZipError('multi-disk archives are not supported');
    if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('zip64 archives are not supported');
    if (count > this.#limits.maxEntries) throw new ZipError(`more than ${this.#limits.maxEntries} entries`, true);
    if (cdOffset + cdSize > eocd) throw new ZipError('central directory out of bounds');
    let p = cdOffset;
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    // Without the UTF-8 flag, Chinese tools write names in GB18030 (GBK).
    const gb = new TextDecoder('gb18030', { fatal: true });
    for (let n = 0; n < count; n++) {
      if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw new ZipError('bad central directory entry');
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const compressedSize = view.getUint32(p + 20, true);
      const size = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const offset = view.getUint32(p + 42, true);
      const raw = d.subarray(p + 46, p + 46 + nameLength);
      let name: string;
      try {
        name = utf8.decode(raw);
      } catch {
        if (flags & 0x800) throw new ZipError('entry name is not UTF-8');
        try {
          name = gb.decode(raw);
        } catch {
          throw new ZipError('entry name is neither UTF-8 nor GB18030');
        }
      }
      p += 46 + nameLength + extraLength + commentLength;
      if (flags & 1) throw new ZipError(`encrypted entry ${name}`);
      if (compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipError('zip64 entries are not supported');
      if (name.endsWith('/')) continue;
      if (method !== 0 && method !== 8) throw new ZipError(`entry ${name}: compression method ${method} not supported`);
      if (!safeName(name)) throw new ZipError(`unsafe entry name ${JSON.stringify(name)}`);
      // Two entries of one name: a verifier and a viewer could each pick a different one.
      if (this.#entries.has(name)) throw new ZipError(`duplicate entry ${name}`);
      this.#entries.set(name, { name, method, compressedSize, size, offset });
    }
  }

  #inflate(entry: Entry): Uint8Array {
    const d = this.#data;
    const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
    const { offset } = entry;
    if (offset + 30 > d.length || view.getUint32(offset, true) !== 0x04034b50) throw new ZipError(`entry ${entry.name}: bad local header`);
    const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const end = start + entry.compressedSize;
    if (end > d.length) throw new ZipError(`entry ${entry.name}: data out of bounds`);
    const compressed = d.subarray(start, end);
    const cap = Math.min(this.#limits.maxEntrySize, this.#limits.maxTotalSize - this.#inflated);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (compressed.length > cap) throw new ZipError(`entry ${entry.name} too large`, true);
      out = compressed;
    } else {
      const chunks: Uint8Array[] = [];
      let total = 0;
      let finished = false;
      const inflater = new Inflate((chunk, final) => {
        total += chunk.length;
        if (total > cap) throw new ZipError(`entry ${entry.name} inflates past the limit`, true);
        chunks.push(chunk);
        if (final) finished = true;
      });
      try {
        for (let i = 0; i < compressed.length; i += CHUNK) inflater.push(compressed.subarray(i, i + CHUNK), i + CHUNK >= compressed.length);
        if (compressed.length === 0) inflater.push(compressed, true);
      } catch (error) {
        if (error instanceof ZipError) throw error;
        throw new ZipError(`entry ${entry.name}: bad deflate data`);
      }
      if (!finished) throw new ZipError(`entry ${entry.name}: truncated deflate data`);
      out = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
    }
    if (out.length !== entry.size) throw new ZipError(`entry ${entry.name}: size differs from the directory`);
    this.#inflated += out.length;
    return out;
  }
}

/** Relative, no `..`/`.` segments, no backslashes or drive letters, no empty segments. */
function safeName(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) return false;
  return name.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
