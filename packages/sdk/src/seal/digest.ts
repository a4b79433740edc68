/**
 * SHA-256 of a document that may be far larger than memory wants to copy: in-memory bytes go to
 * WebCrypto in one call; streams and Blobs are hashed chunk by chunk (WebCrypto's digest is
 * one-shot), so a 50 MB file is never held twice.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export type DocumentInput = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export async function sha256Document(doc: DocumentInput): Promise<Uint8Array> {
  if (doc instanceof Uint8Array || doc instanceof ArrayBuffer) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', doc as BufferSource));
  }
  const hash = sha256.create();
  const stream = typeof Blob !== 'undefined' && doc instanceof Blob ? doc.stream() : doc;
  if (isReadableStream(stream)) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
    }
  } else {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) hash.update(chunk);
  }
  return hash.digest();
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as ReadableStream | null)?.getReader === 'function';
}
