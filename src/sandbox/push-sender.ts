/**
 * The sandbox as 1688's push sender: it POSTs `message` + `_aop_signature` as a url-encoded form, the
 * signature being HMAC-SHA1 of "message" + the text under the app secret (wzhsh90/go1688
 * `models/message/push.go`), and posts again after anything but a 200, as the platform retries.
 * The message JSON has the fields of a captured ORDER_BUYER_VIEW_ORDER_PAY push, in its order:
 * `bizKey`, `data`, `gmtBorn` (ms), `msgId`, `type`, `userInfo`; 64-bit ids in `data` go out as bare
 * JSON integers, as the platform writes `orderId`.
 */
import { aopPushSignature } from '../messages/aop-push.js';
import type { AppRegistry } from './apps.js';
import type { SandboxClock } from './clock.js';
import { RawNumber, toJsonText, withRawIntegers } from './json-text.js';

/** What `sandbox.pushAop` takes. */
export interface PushAopInput {
  /** Your endpoint, e.g. `http://127.0.0.1:3000/1688/push`. */
  url: string;
  /** A registered app: its secret signs the push. */
  appKey: string;
  /** The message type, e.g. `ORDER_BUYER_VIEW_ORDER_PAY`. */
  type: string;
  /** The business data; bigint values are written as bare JSON integers. */
  data: Record<string, unknown>;
  /** The memberId (default `b2b-sandbox-member`). */
  userInfo?: string;
  /** Default: the next id of the sandbox's sequence. */
  msgId?: string | number | bigint;
  /** Default: the sandbox clock's now. */
  gmtBorn?: number;
  bizKey?: string;
  /** Posts after the first one that did not get a 200 (default 3). */
  retries?: number;
  /** Wait between posts (default 1 000 ms). */
  retryDelayMs?: number;
}

/** How a push went: the last status seen (0 when no answer came) and the posts it took. */
export interface PushAopResult {
  msgId: string;
  delivered: boolean;
  status: number;
  attempts: number;
  /** The exact form fields sent, for replaying or tampering with in tests. */
  form: { message: string; _aop_signature: string };
}

// Ids in the range of real push msgIds (92705609220 in a captured push), below 2^53 like them.
const FIRST_MSG_ID = 92_000_000_000n;

/** The sandbox's `pushAop`, with its own msgId sequence. */
export function pushSender(apps: AppRegistry, clock: SandboxClock): (input: PushAopInput) => Promise<PushAopResult> {
  let nextMsgId = FIRST_MSG_ID;
  return (input) => pushAop(apps, clock, input, input.msgId ?? nextMsgId++);
}

async function pushAop(
  apps: AppRegistry,
  clock: SandboxClock,
  input: PushAopInput,
  id: string | number | bigint,
): Promise<PushAopResult> {
  const app = apps.get(input.appKey);
  if (!app) throw new TypeError(`pushAop: app ${input.appKey} is not registered with the sandbox`);
  if (!/^https?:\/\//.test(input.url)) throw new TypeError('pushAop: url must be an http(s) URL');
  const msgId = BigInt(id);
  const fields: Record<string, unknown> = {};
  if (input.bizKey !== undefined) fields.bizKey = input.bizKey;
  fields.data = withRawIntegers(input.data);
  fields.gmtBorn = input.gmtBorn ?? clock.now();
  fields.msgId = new RawNumber(msgId);
  fields.type = input.type;
  fields.userInfo = input.userInfo ?? 'b2b-sandbox-member';
  const message = toJsonText(fields);
  const form = { message, _aop_signature: aopPushSignature(message, app.appSecret) };
  const retries = input.retries ?? 3;
  const delayMs = input.retryDelayMs ?? 1_000;
  let status = 0;
  let attempts = 0;
  for (; attempts <= retries;) {
    if (attempts > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    attempts++;
    try {
      const response = await fetch(input.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    if (status === 200) break;
  }
  return { msgId: msgId.toString(), delivered: status === 200, status, attempts, form };
}
