/**
 * Reading a request: the body up to 1 MB (beyond that it is drained and dropped, and the dialect
 * answers with its error), and the parameters from the query string and a form, url-encoded or multipart (or, for OneBound,
 * a JSON) body. Nothing here throws on bad input: malformed input becomes flags for the dialects.
 */
import type { IncomingMessage } from 'node:http';
import { multipartFields } from './multipart.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ReadBody {
  body: Buffer;
  tooLarge: boolean;
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0; // keep draining, stop keeping
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', done);
    req.on('error', done);
    req.on('close', done);
  });
}

export interface ParsedParams {
  params: Record<string, string>;
  duplicateKeys: string[];
  badBody: boolean;
}

/** Query + body parameters. A key sent twice keeps its first value and is reported. */
export function parseParams(
  search: string,
  contentType: string | undefined,
  body: Buffer,
  allowJson: boolean,
): ParsedParams {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const duplicateKeys: string[] = [];
  let badBody = false;
  const add = (key: string, value: string) => {
    if (Object.prototype.hasOwnProperty.call(params, key)) duplicateKeys.push(key);
    else params[key] = value;
  };
  for (const [key, value] of new URLSearchParams(search)) add(key, value);
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (body.length > 0) {
    if (type === 'application/x-www-form-urlencoded') {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) add(key, value);
    } else if (type === 'multipart/form-data') {
      const fields = multipartFields(body, contentType ?? '');
      if (fields === undefined) badBody = true;
      else for (const [key, value] of fields) add(key, value);
    } else if (allowJson && type === 'application/json') {
      try {
        const value: unknown = JSON.parse(body.toString('utf8'));
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') add(key, String(v));
          else badBody = true;
        }
      } catch {
        badBody = true;
      }
    }
    // Other content types carry no parameters for these gateways: the body is ignored, as they do.
  }
  return { params: { ...params }, duplicateKeys, badBody };
}
