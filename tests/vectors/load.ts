/** Reads the signing vector files of this folder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type VectorAlgorithm = 'top-md5' | 'top-hmac' | 'top-hmac-sha256' | 'aop-hmac-sha1';

export interface SigningVector {
  name: string;
  algorithm: VectorAlgorithm;
  secret: string;
  params: Record<string, string>;
  urlPath?: string;
  canonical?: string;
  sign: string;
  source?: string;
}

export function loadVectors(file: 'signing.json' | 'edge-cases.json'): SigningVector[] {
  return JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as SigningVector[];
}

export const TOP_METHOD_OF = { 'top-md5': 'md5', 'top-hmac': 'hmac', 'top-hmac-sha256': 'hmac-sha256' } as const;

/** A case of normalize-cases.json (make_normalize_vectors.py): tagged params and what they become. */
export interface NormalizeVector {
  name: string;
  params: Record<string, unknown>;
  /** Accepted cases: the params as sent, and the signatures over them. */
  normalized?: Record<string, string>;
  secret?: string;
  urlPath?: string;
  canonical?: string;
  sign?: string;
  aopCanonical?: string;
  aopSign?: string;
  /** Refused cases: the path that the InvalidRequestError names. */
  refused?: string;
}

export function loadNormalizeVectors(): NormalizeVector[] {
  return JSON.parse(readFileSync(join(__dirname, 'normalize-cases.json'), 'utf8')) as NormalizeVector[];
}

/** The JavaScript value a tagged JSON value stands for (`{"$date": ISO}`, `{"$bigint": digits}`…). */
export function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [tag, arg] = entries[0] ?? [];
  if (entries.length === 1 && typeof tag === 'string' && tag.startsWith('$')) {
    switch (tag) {
      case '$date':
        return new Date(arg as string);
      case '$bigint':
        return BigInt(arg as string);
      case '$number':
        return Number(arg as string);
      case '$undefined':
        return undefined;
      case '$function':
        return { [arg as string]: () => undefined }[arg as string];
      case '$symbol':
        return Symbol(arg as string);
      case '$map':
        return new Map(arg as [unknown, unknown][]);
      case '$set':
        return new Set(arg as unknown[]);
      default:
        throw new Error(`unknown tag ${tag}`);
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, untag(v)]));
}
