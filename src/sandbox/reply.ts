/** What a dialect handler answers: the HTTP response and what the request log records about it. */

export interface Reply {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  outcome: 'ok' | 'rate-limited' | 'error';
  /** The dialect's error code when not ok. */
  code?: string;
  appKey?: string;
  api?: string;
}

/** One incoming call, already parsed: what the dialect handlers see. */
export interface IncomingCall {
  httpMethod: string;
  /** The URL path, decoded segments not yet split. */
  path: string;
  params: Record<string, string>;
  /** Keys sent more than once (ambiguous for signing: refused). */
  duplicateKeys: string[];
  /** The body went over the 1 MB limit. */
  tooLarge: boolean;
  /** The body could not be read as its content type says (e.g. broken JSON). */
  badBody: boolean;
  /** The limiter's time for this request. */
  clockMs: number;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function jsonReply(status: number, body: string, fields: Omit<Reply, 'status' | 'body'>): Reply {
  return { status, body, contentType: JSON_TYPE, ...fields };
}
