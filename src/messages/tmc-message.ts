/**
 * A TMC data frame as a typed message. Fields as the official Java SDK's `TmcHandler.parse` reads them:
 * `id` and `userid` are Int64 (kept as decimal strings here: they exceed 2^53), `time` and `outtime`
 * Dates, `content` a string or, when the server compressed it, gzip bytes (Java and .NET unzip a
 * `byte[]` content). The content's JSON is parsed with 64-bit integers kept exact (trade ids, `tid`,
 * `oid`, are past 2^53).
 */
import { gunzipSync } from 'node:zlib';
import { parseJsonExact } from '../transport/json.js';
import type { TmcFrame, TmcValue } from './tmc-codec.js';
import { FIELD, headerMap } from './tmc-protocol.js';

/** One message of the TOP message channel. `T` is the shape of its JSON content (unchecked). */
export interface TmcMessage<T = unknown> {
  /** The topic, e.g. `taobao_trade_TradeCreate`. */
  readonly topic: string;
  /** The message id (Int64 on the wire), as a decimal string; confirm and dedupe use it. */
  readonly id: string;
  /** When the message was published. */
  readonly pubTime: Date | undefined;
  /** When the server sent it out (its latest delivery). */
  readonly outgoingTime: Date | undefined;
  /** The app key that published it. */
  readonly pubAppKey: string | undefined;
  /** The user the message is about (Int64 on the wire), as a decimal string. */
  readonly userId: string | undefined;
  readonly userNick: string | undefined;
  /** The content parsed as JSON with 64-bit integers as strings; the raw text when it is not JSON. */
  readonly content: T;
  /** The content exactly as received (after gunzip). */
  readonly rawContent: string;
}

/** A data frame's fields, or a reason why it cannot be one (no id, no topic). */
export function readTmcMessage(frame: TmcFrame): TmcMessage | string {
  const headers = headerMap(frame);
  const id = headers.get(FIELD.id);
  if (typeof id !== 'bigint') return 'a data message without an Int64 id';
  const topic = headers.get(FIELD.topic);
  if (typeof topic !== 'string') return `message ${id}: no topic`;
  const rawContent = contentText(headers.get(FIELD.content));
  if (rawContent === undefined) return `message ${id}: content is neither text nor gzip bytes`;
  return {
    topic,
    id: id.toString(),
    pubTime: dateOf(headers.get(FIELD.pubTime)),
    outgoingTime: dateOf(headers.get(FIELD.outgoingTime)),
    pubAppKey: stringOf(headers.get(FIELD.publisher)),
    userId: idOf(headers.get(FIELD.userId)),
    userNick: stringOf(headers.get(FIELD.userNick)),
    content: parseContent(rawContent),
    rawContent,
  };
}

function contentText(value: TmcValue | undefined): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) {
    try {
      return gunzipSync(value).toString('utf8');
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function parseContent(text: string): unknown {
  if (text === '') return text;
  try {
    return parseJsonExact(text);
  } catch {
    return text;
  }
}

function dateOf(value: TmcValue | undefined): Date | undefined {
  return value instanceof Date ? value : undefined;
}

function stringOf(value: TmcValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function idOf(value: TmcValue | undefined): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  // Some publishers send the user id as text; keep it when it is all digits.
  return typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
}
