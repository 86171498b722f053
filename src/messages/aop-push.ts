/**
 * 1688 push messages. The platform POSTs a form with `message` (the JSON text) and `_aop_signature`:
 * upper-case hex HMAC-SHA1 keyed by the app secret over the empty URL path, then `message` and the
 * message text, i.e. the AOP signature rule with urlPath "" (wzhsh90/go1688 `models/message/push.go`:
 * `Sign("", appSecret, {"message": c.Message})`, and its `utils/hmac.go`).
 *
 * The message fields: `msgId` (long), `gmtBorn` (ms since the epoch), `type`, `userInfo` (the
 * memberId) and `data` (a map), as 1688's `cn.alibaba.open:push.query.messageList-1` documents its
 * PushMessage; pushes seen in the wild also carry `bizKey`, and go1688 types `data` as a string, so a
 * JSON string is parsed too. Ids such as `orderId` exceed 2^53 (2237938826932135493 in a captured
 * ORDER_BUYER_VIEW_ORDER_PAY push), so the JSON is parsed with 64-bit integers kept exact.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertSecret } from '../signing/canonical.js';
import { parseJsonExact } from '../transport/json.js';

/** The two form fields of a push. */
export interface AopPushForm {
  message: string;
  _aop_signature: string;
}

/** A parsed 1688 push message. `T` is the shape of `data` (unchecked). */
export interface AopPushMessage<T = unknown> {
  /** The message id, as a decimal string (a long on the platform). */
  msgId: string;
  /** When the message was created (`gmtBorn`, ms since the epoch). */
  gmtBorn: Date;
  /** The message type, e.g. `ORDER_BUYER_VIEW_ORDER_PAY`. */
  type: string;
  /** The memberId the message concerns. */
  userInfo: string | undefined;
  /** The business data, with 64-bit integers as strings. */
  data: T;
  /** `bizKey` when the platform sent one. */
  bizKey: string | undefined;
  /** Every field as sent, parsed the same way. */
  raw: Record<string, unknown>;
}

/** The `_aop_signature` the platform computes for this message text. */
export function aopPushSignature(message: string, appSecret: string): string {
  assertSecret(appSecret);
  // canonicalAop with an empty urlPath and the single parameter `message`.
  return createHmac('sha1', appSecret).update(`message${message}`, 'utf8').digest('hex').toUpperCase();
}

/** True when `_aop_signature` is the signature of `message` under `appSecret` (compared in constant time). */
export function verifyAopPush(form: AopPushForm, appSecret: string): boolean {
  if (typeof form?.message !== 'string' || typeof form._aop_signature !== 'string') return false;
  const expected = Buffer.from(aopPushSignature(form.message, appSecret), 'utf8');
  const given = Buffer.from(form._aop_signature.toUpperCase(), 'utf8');
  // timingSafeEqual needs equal lengths; a wrong length reveals nothing about the secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The message text as an `AopPushMessage`, or the reason it is malformed. */
export function parseAopPush<T = unknown>(message: string): AopPushMessage<T> | string {
  let value: unknown;
  try {
    value = parseJsonExact(message);
  } catch {
    return 'message is not JSON';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'message is not a JSON object';
  const raw = value as Record<string, unknown>;
  const msgId = integerText(raw.msgId);
  if (msgId === undefined) return 'msgId is missing or not an integer';
  const born = integerText(raw.gmtBorn);
  if (born === undefined) return 'gmtBorn is missing or not a number of ms';
  if (typeof raw.type !== 'string' || raw.type === '') return 'type is missing';
  if (raw.userInfo !== undefined && typeof raw.userInfo !== 'string') return 'userInfo is not a string';
  return {
    msgId,
    gmtBorn: new Date(Number(born)),
    type: raw.type,
    userInfo: raw.userInfo as string | undefined,
    data: dataOf(raw.data) as T,
    bizKey: raw.bizKey === undefined || raw.bizKey === null ? undefined : String(raw.bizKey),
    raw,
  };
}

/** A JSON integer (a number, or a long kept as a string by parseJsonExact) as its decimal text. */
function integerText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  return undefined;
}

function dataOf(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    const parsed = parseJsonExact(data);
    return parsed !== null && typeof parsed === 'object' ? parsed : data;
  } catch {
    return data;
  }
}
