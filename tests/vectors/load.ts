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
