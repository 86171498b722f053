/**
 * The canonical string `open1688 sign` prints, with credentials masked as whole values: the secret
 * where md5 wraps the base string in it, and the value of each credential parameter (session,
 * access_token …) where it stands. Searching and replacing would also mask the same characters inside
 * other values (`--secret 1` masked every `1`). So the string is rebuilt from its pieces, each piece
 * (key + normalised value) made by the signing module itself, in the order DESIGN.md documents: TOP
 * by key, AOP by the key+value strings. The rebuilt string must equal the real one before it is used.
 */
import { canonicalAop, canonicalTop, topBaseString, type TopSignMethod } from '../signing/index.js';
import { SENSITIVE_PARAMS } from '../transport/redact.js';
import { maskSecrets } from './mask.js';

export interface SignInput {
  method: TopSignMethod | 'aop';
  params: Readonly<Record<string, unknown>>;
  secret: string;
  /** AOP only: `param2/1/<namespace>/<apiName>/<appKey>`. */
  path?: string | undefined;
}

interface Piece {
  key: string;
  text: string;
}

/** The canonical string with the secret and every credential parameter's value masked. */
export function maskedCanonical(input: SignInput): string {
  const { method, params, secret } = input;
  const path = input.path ?? '';
  const canonical = method === 'aop' ? canonicalAop(path, params) : canonicalTop(params, secret, method);
  const pieces = Object.keys(params)
    .map((key): Piece => ({ key, text: pieceOf(input, key) }))
    .filter((piece) => piece.text !== '');
  if (method === 'aop') pieces.sort((a, b) => compare(a.text, b.text));
  else pieces.sort((a, b) => compare(a.key, b.key));
  const wrap = method === 'md5' ? secret : '';
  const head = method === 'aop' ? path : wrap;
  // The pieces must add up to the real string; if the rules ever differ, mask by value instead.
  if (head + pieces.map((piece) => piece.text).join('') + wrap !== canonical) return fallback(input, canonical);
  const masked = pieces.map((piece) => (SENSITIVE_PARAMS.has(piece.key) ? `${piece.key}«${piece.key}»` : piece.text));
  const maskedWrap = wrap === '' ? '' : '«secret»';
  return (method === 'aop' ? path : maskedWrap) + masked.join('') + maskedWrap;
}

/** One parameter's key + normalised value as the canonical string holds it ('' when left out). */
function pieceOf(input: SignInput, key: string): string {
  const one = { [key]: input.params[key] };
  if (input.method !== 'aop') return topBaseString(one);
  const path = input.path ?? '';
  return canonicalAop(path, one).slice(path.length);
}

/** By UTF-16 code unit, as `Array.prototype.sort` compares strings. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fallback(input: SignInput, canonical: string): string {
  const values = Object.entries(input.params)
    .filter(([key, value]) => SENSITIVE_PARAMS.has(key) && typeof value === 'string' && value !== '')
    .map(([key, value]) => ({ value: value as string, label: key }));
  return maskSecrets(canonical, [{ value: input.secret, label: 'secret' }, ...values]);
}
