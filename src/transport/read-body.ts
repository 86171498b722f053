/**
 * Reads an answer's body as UTF-8 text within a byte limit, decoding gzip, deflate and br on the
 * way. The limit holds after decoding: a small compressed body that inflates past `maxBytes`
 * (a decompression bomb) is cut off as soon as the decoder has produced too much, not after.
 */
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { TransportError } from './transport.js';

/** The `Accept-Encoding` the transport sends: the encodings `readBody` decodes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Thrown when the body is over the limit; the caller maps every other failure itself. */
export function tooLarge(maxBytes: number): TransportError {
  return new TransportError('too-large', `the body is larger than allowed (over ${maxBytes} bytes)`, 'body-too-large');
}

/** The decoder for a `Content-Encoding`, or undefined for identity (and for encodings nobody asked for). */
function decoderFor(encoding: string | undefined, firstByte: number | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      // RFC 9110 means zlib-wrapped deflate, yet some servers send it raw: a zlib header's low nibble is 8.
      return firstByte === undefined || (firstByte & 0x0f) === 8 ? createInflate() : createInflateRaw();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * The whole body as text. Rejects with `TransportError` 'too-large' over `maxBytes` (decoded), and
 * with the stream's own error when the connection breaks or the encoding is corrupt.
 */
export function readBody(body: Readable, encoding: string | undefined, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let decoder: Transform | undefined;
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      body.destroy();
      reject(error);
    };
    const collect = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) return fail(tooLarge(maxBytes));
      chunks.push(chunk);
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, total).toString());
    };
    body.on('error', fail);
    if (encoding === undefined) {
      body.on('data', collect);
      body.on('end', finish);
      return;
    }
    // The decoder is chosen on the first chunk (raw or wrapped deflate); an empty body is empty text.
    body.once('data', (first: Buffer) => {
      decoder = decoderFor(encoding, first[0]);
      if (decoder === undefined) {
        collect(first);
        body.on('data', collect);
        body.on('end', finish);
        return;
      }
      decoder.on('data', collect);
      decoder.on('end', finish);
      decoder.on('error', fail);
      decoder.write(first);
      body.pipe(decoder);
    });
    body.on('end', () => {
      if (decoder === undefined) finish();
    });
  });
}
