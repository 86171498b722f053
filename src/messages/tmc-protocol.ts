/**
 * What travels in TMC frames. Message types and kinds: taobao-sdk 2.0.5 `lib/tmc/common.js`; field
 * names: the official .NET SDK's `Top.Tmc.MessageFields` and the Java SDK's `TmcHandler.parse`
 * (`id`, `topic`, `content`, `time`, `publisher`, `nick`, `userid`, `outtime`); the connect frame and
 * its signature: taobao-sdk `TmcClient.createConnectMessage` / `createSign`.
 */
import { signTop } from '../signing/sign.js';
import type { TmcFrame, TmcValue } from './tmc-codec.js';

/** The frame types: CONNECT, CONNECTACK, SEND, SENDACK. */
export const MESSAGE_TYPE = { Connect: 0, ConnectAck: 1, Send: 2, SendAck: 3 } as const;
/** The `__kind` of a SEND frame: a pull request, a confirm, or a data message. */
export const MESSAGE_KIND = { None: 0, PullRequest: 1, Confirm: 2, Data: 3 } as const;

/** Custom header names of a data message and of a confirm. */
export const FIELD = {
  kind: '__kind',
  id: 'id',
  topic: 'topic',
  content: 'content',
  pubTime: 'time',
  publisher: 'publisher',
  userNick: 'nick',
  userId: 'userid',
  outgoingTime: 'outtime',
} as const;

/** The production endpoint the official clients default to. */
export const TMC_DEFAULT_URL = 'ws://mc.api.taobao.com/';

/** The `sdk` value this client announces in its connect frame. */
export const TMC_SDK_NAME = 'open1688-nodejs';

/** What the connect frame and its signature are made of. */
export interface ConnectParams {
  appKey: string;
  appSecret: string;
  groupName: string;
  /** ms since the epoch, as the official client sends `Date.now()`. */
  timestampMs: number;
}

/**
 * The connect signature: TOP's md5 rule (secret + sorted key+value + secret, upper-case hex) over
 * app_key, group_name and timestamp, exactly what taobao-sdk's `createSign` concatenates.
 */
export function tmcConnectSign(params: ConnectParams): string {
  return signTop(
    { app_key: params.appKey, group_name: params.groupName, timestamp: String(params.timestampMs) },
    params.appSecret,
    'md5',
  );
}

/** The CONNECT frame, headers in the official client's order (intranet_ip is left out). */
export function connectFrame(params: ConnectParams): TmcFrame {
  return {
    messageType: MESSAGE_TYPE.Connect,
    headers: [
      ['app_key', params.appKey],
      ['group_name', params.groupName],
      ['timestamp', String(params.timestampMs)],
      ['sign', tmcConnectSign(params)],
      ['sdk', TMC_SDK_NAME],
    ],
  };
}

/** The SEND frame that asks the server for queued messages. */
export function pullFrame(token: string): TmcFrame {
  return {
    messageType: MESSAGE_TYPE.Send,
    token,
    headers: [[FIELD.kind, { format: 'byte', value: MESSAGE_KIND.PullRequest }]],
  };
}

/** The SEND frame that confirms message `id` (a decimal string, written as an Int64). */
export function confirmFrame(token: string, id: string): TmcFrame {
  return {
    messageType: MESSAGE_TYPE.Send,
    token,
    headers: [
      [FIELD.kind, { format: 'byte', value: MESSAGE_KIND.Confirm }],
      [FIELD.id, BigInt(id)],
    ],
  };
}

/** The custom headers of a frame as a lookup (a key sent twice keeps its last value, as a map would). */
export function headerMap(frame: TmcFrame): Map<string, TmcValue> {
  return new Map(frame.headers);
}

/** A Byte / Int16 / Int32 header as a number; undefined for any other value. */
export function intOf(value: TmcValue | undefined): number | undefined {
  return value !== null && typeof value === 'object' && 'format' in value ? value.value : undefined;
}

/** The message kind of a SEND frame (`__kind`), undefined when absent. */
export function kindOf(frame: TmcFrame): number | undefined {
  return intOf(headerMap(frame).get(FIELD.kind));
}
