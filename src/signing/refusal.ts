/**
 * How normalisation refuses a value: an `InvalidRequestError` that names where the value sits, as a
 * reader would write it (`params.sku[2].price`), and shows at most a bounded quote of it. The path and
 * the quote are bounded (a 10 MiB key or value gives a short message), and the value of a credential
 * parameter (`session`, `access_token`…) is never shown, only its name.
 */
import { invalidRequest, type InvalidRequestError } from '../errors.js';
import { describeValue, quote } from '../text/quote.js';
import { REDACTED, SENSITIVE_PARAMS } from '../transport/redact.js';

/** A property name or an array index below a parameter. */
export type PathStep = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// A name longer than this is quoted in part: the path must stay readable whatever the keys are.
const NAME_LIMIT = 40;
// Deeper paths keep their first and last steps around an ellipsis.
const PATH_LIMIT = 200;

/** `params.item_id`, `params.sku[2].price`, `params["item-id"]`: bounded whatever the input. */
export function formatPath(key: string, steps: readonly PathStep[] = []): string {
  const parts = [stepText(key)];
  for (const s of steps) parts.push(stepText(s));
  let length = 'params'.length;
  for (const part of parts) length += part.length;
  if (length <= PATH_LIMIT) return `params${parts.join('')}`;
  // Keep the parameter itself and as many of the innermost steps as fit.
  const head = `params${parts[0] as string}…`;
  let tail = '';
  for (let i = parts.length - 1; i > 0; i--) {
    const part = parts[i] as string;
    if (head.length + tail.length + part.length > PATH_LIMIT) break;
    tail = part + tail;
  }
  return head + tail;
}

function stepText(s: PathStep): string {
  if (typeof s === 'number') return `[${s}]`;
  return s.length <= NAME_LIMIT && IDENTIFIER.test(s) ? `.${s}` : `[${quote(s, NAME_LIMIT)}]`;
}

/** The refused value as the message shows it: bounded, and masked under a credential's name. */
export function shown(key: string, value: unknown): string {
  return isSensitive(key) ? REDACTED : describeValue(value);
}

function isSensitive(key: string): boolean {
  return SENSITIVE_PARAMS.has(key) || SENSITIVE_PARAMS.has(key.toLowerCase());
}

/** `<path> <problem>`, e.g. `params.sku[2].price is NaN, which JSON cannot carry`. */
export function refuse(key: string, steps: readonly PathStep[], problem: string): InvalidRequestError {
  return invalidRequest(`${formatPath(key, steps)} ${problem}`);
}
