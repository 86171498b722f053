/**
 * Reading an answer: body text → JSON with 64-bit ids exact → the dialect's payload, or a typed error.
 * Non-JSON bodies become `ResponseError` with a short redacted snippet; a JSON body the dialect does
 * not recognise on a 5xx or 429 is the HTTP status speaking.
 */
import { errorFromRule, ruleForStatus } from '../dialects/codes.js';
import type { DialectAdapter, PreparedRequest } from '../dialects/types.js';
import { ResponseError } from '../errors.js';
import type { TransportResponse } from '../transport/transport.js';
import { parseJsonExact } from '../transport/json.js';
import { snippet, type Redactor } from '../transport/redact.js';

export interface ReadResponseInput {
  adapter: DialectAdapter;
  apiName: string;
  prepared: PreparedRequest;
  response: TransportResponse;
  redactor: Redactor;
  /** Masks credentials (the attempt's signature included) in server text. */
  redact: (text: string) => string;
}

/** Body text → JSON (64-bit exact) → the dialect's payload, or a typed error. */
export function readResponse(input: ReadResponseInput): unknown {
  const { adapter, apiName, prepared, response, redactor, redact } = input;
  const base = { dialect: adapter.name, apiName, httpStatus: response.status, request: prepared.redacted };
  let body: unknown;
  try {
    body = parseJsonExact(response.body);
  } catch {
    const byStatus = ruleForStatus(response.status);
    const seen =
      response.body.trim() === '' ? 'an empty body' : `"${snippet(response.body, redactor, [prepared.signature])}"`;
    if (byStatus) {
      throw errorFromRule(byStatus, {
        ...base,
        message: `${apiName}: HTTP ${response.status} with ${seen}`,
        code: `HTTP_${response.status}`,
      });
    }
    // A body cut short is a transport failure: a read may be repeated. Other bad JSON is not retried.
    const truncated = looksTruncated(response.body);
    throw new ResponseError({
      ...base,
      message: `${apiName}: the gateway answered HTTP ${response.status} with ${seen}, ${truncated ? 'cut short' : 'not JSON'}`,
      code: response.body.trim() === '' ? 'empty-body' : truncated ? 'truncated-body' : 'invalid-json',
      retryable: truncated,
    });
  }
  try {
    return adapter.read({
      apiName,
      httpStatus: response.status,
      body,
      headers: response.headers,
      request: prepared.redacted,
      redact,
    });
  } catch (error) {
    // A JSON body the dialect does not recognise, on a 5xx or 429, is the status speaking.
    const byStatus = error instanceof ResponseError ? ruleForStatus(response.status) : undefined;
    if (byStatus) {
      throw errorFromRule(byStatus, {
        ...base,
        message: `${apiName}: HTTP ${response.status}`,
        code: `HTTP_${response.status}`,
      });
    }
    throw error;
  }
}

/** JSON that starts well and fails only at its very end was cut in transit. */
function looksTruncated(text: string): boolean {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return false;
  try {
    JSON.parse(trimmed);
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/Unexpected end of JSON input|Unterminated string/i.test(message)) return true;
    const position = /at position (\d+)/.exec(message);
    return position !== null && Number(position[1]) >= trimmed.length;
  }
}
