/**
 * The headers a user's `hooks.headers` adds to an attempt, checked before anything is sent. The
 * client owns the headers that frame the request or carry its identity (Host, Content-Type and the
 * length, User-Agent, Accept, credentials): a hook that set them could break the signature's form
 * body or smuggle a second request (CR/LF in a value), so such a header is refused, by name only
 * (a value may be a secret and is never quoted).
 */
import { InvalidRequestError, type Dialect } from '../errors.js';
import { quote } from '../text/quote.js';

/** RFC 9110 `token`: what a header name may be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What Node's HTTP client itself refuses in a value (its checkInvalidHeaderChar): CR, LF, NUL, other controls. */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const RESERVED = new Set([
  'host',
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'user-agent',
  'accept',
  'accept-encoding',
  'authorization',
  'proxy-authorization',
  'cookie',
]);
/** Names that claim to carry a credential: the client signs in the parameters, never in a header. */
const CREDENTIAL_LIKE = /signature|secret|^sign$/i;
const MAX_HEADERS = 32;
const MAX_VALUE_LENGTH = 8192;

/** Where the headers are for: the error names the call. */
export interface HeadersOwner {
  dialect: Dialect;
  apiName: string;
}

/** The hook's answer as headers to send; throws `InvalidRequestError` (code `invalid-header`) naming the first bad one. */
export function checkExtraHeaders(value: unknown, owner: HeadersOwner): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw headerError('hooks.headers must return an object of header names to string values, or undefined', owner);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_HEADERS) throw headerError(`hooks.headers returned more than ${MAX_HEADERS} headers`, owner);
  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, text] of entries) {
    const problem = headerProblem(name, text, seen);
    if (problem !== undefined) throw headerError(`hooks.headers: header ${quote(name, 64)} ${problem}`, owner);
    seen.add(name.toLowerCase());
    headers[name] = text as string;
  }
  return headers;
}

export function headerError(message: string, owner: HeadersOwner, cause?: unknown): InvalidRequestError {
  return new InvalidRequestError({ message, code: 'invalid-header', ...owner, cause });
}

function headerProblem(name: string, value: unknown, seen: ReadonlySet<string>): string | undefined {
  const lower = name.toLowerCase();
  if (!TOKEN.test(name)) return 'is not a valid header name';
  if (RESERVED.has(lower) || lower.startsWith('proxy-')) return 'is set by the client itself and cannot be replaced';
  if (CREDENTIAL_LIKE.test(name)) return 'looks like a credential; the client signs requests itself';
  if (seen.has(lower)) return 'is given twice (header names are case-insensitive)';
  if (typeof value !== 'string') return 'must have a string value';
  if (value.length > MAX_VALUE_LENGTH) return `has a value longer than ${MAX_VALUE_LENGTH} characters`;
  if (BAD_VALUE.test(value)) return 'has a value with CR, LF or another control character';
  return undefined;
}
