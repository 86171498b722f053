/** The options of a TMC consumer, checked once (a bad value is an `InvalidRequestError` before any socket opens). */
import { invalidRequest } from '../errors.js';
import type { Dedupe } from './dedupe.js';
import { TMC_DEFAULT_URL } from './tmc-protocol.js';

/** What the consumer reports as it runs: for logs and metrics, never needed for correctness. */
export type TmcEvent =
  | { type: 'connected' }
  | { type: 'disconnected'; code: number; reason: string; error: Error | undefined }
  | { type: 'reconnecting'; attempt: number; delayMs: number; error: Error }
  | { type: 'duplicate'; id: string; state: 'processing' | 'done' }
  | { type: 'dropped'; id: string | undefined; reason: string };

/** How the consumer reconnects after a drop or a failed attempt. */
export interface TmcReconnectOptions {
  /** The backoff base: the n-th retry waits a random time in [0, min(maxDelayMs, minDelayMs · 2^(n-1))] (default 1 000). */
  minDelayMs?: number;
  /** The longest wait between two attempts (default 60 000). */
  maxDelayMs?: number;
  /** Attempts in a row before the iterator fails with a NetworkError (default: unlimited). */
  maxAttempts?: number;
}

/** The options of a `TmcConsumer` (`client.messages()` fills in `appKey` and `appSecret`). */
export interface TmcConsumerOptions {
  appKey: string;
  appSecret: string;
  /** The TMC endpoint (default `ws://mc.api.taobao.com/`, the official SDK's); the sandbox's `urls.tmc` in tests. */
  url?: string;
  /** The message group (default `default`, as the official SDKs). */
  groupName?: string;
  /** How often to ask for queued messages (default 5 000, the official Node SDK's interval). */
  pullIntervalMs?: number;
  /** WebSocket ping period; a missing pong ends the session (default 30 000). */
  heartbeatMs?: number;
  /** Longest wait for the WebSocket and the CONNECTACK (default 10 000). */
  connectTimeoutMs?: number;
  reconnect?: TmcReconnectOptions;
  /** Skips ids already handled (and confirms them again) and ids being handled elsewhere. */
  dedupe?: Dedupe;
  /** Messages held for the loop; more are left unconfirmed for the server to redeliver (default 1 000). */
  maxBuffered?: number;
  /** The largest frame accepted (default 4 MiB). */
  maxFrameBytes?: number;
  /** Aborting it closes the consumer. */
  signal?: AbortSignal;
  /** Connection news: connected, disconnected, reconnecting, duplicates and dropped messages. */
  onEvent?: (event: TmcEvent) => void;
}

export interface ResolvedTmcOptions {
  appKey: string;
  appSecret: string;
  url: string;
  groupName: string;
  pullIntervalMs: number;
  heartbeatMs: number;
  connectTimeoutMs: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  dedupe: Dedupe | undefined;
  maxBuffered: number;
  maxFrameBytes: number;
  signal: AbortSignal | undefined;
  onEvent: (event: TmcEvent) => void;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0)) throw invalidRequest(`messages: ${name} must be a positive number`);
  return value;
}

function text(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw invalidRequest(`messages: ${name} is required`);
  return value;
}

export function resolveTmcOptions(options: TmcConsumerOptions): ResolvedTmcOptions {
  const url = options.url ?? TMC_DEFAULT_URL;
  if (!/^wss?:\/\/[^\s]+$/.test(url))
    throw invalidRequest(`messages: url must be a ws:// or wss:// URL, got ${JSON.stringify(url)}`);
  const reconnect = options.reconnect ?? {};
  const resolved: ResolvedTmcOptions = {
    appKey: text('appKey', options.appKey),
    appSecret: text('appSecret', options.appSecret),
    url,
    groupName: text('groupName', options.groupName ?? 'default'),
    pullIntervalMs: positive('pullIntervalMs', options.pullIntervalMs, 5_000),
    heartbeatMs: positive('heartbeatMs', options.heartbeatMs, 30_000),
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 10_000),
    minDelayMs: positive('reconnect.minDelayMs', reconnect.minDelayMs, 1_000),
    maxDelayMs: positive('reconnect.maxDelayMs', reconnect.maxDelayMs, 60_000),
    maxAttempts: positive('reconnect.maxAttempts', reconnect.maxAttempts, Infinity),
    dedupe: options.dedupe,
    maxBuffered: Math.floor(positive('maxBuffered', options.maxBuffered, 1_000)),
    maxFrameBytes: Math.floor(positive('maxFrameBytes', options.maxFrameBytes, 4 * 1024 * 1024)),
    signal: options.signal,
    onEvent: options.onEvent ?? (() => undefined),
  };
  if (resolved.maxDelayMs < resolved.minDelayMs)
    throw invalidRequest('messages: reconnect.maxDelayMs is below minDelayMs');
  return resolved;
}
