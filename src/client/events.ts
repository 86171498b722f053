/**
 * Logger and hooks behind one guard: a throwing hook or logger never breaks a call, and everything
 * handed to them has been redacted by the caller (this file only forwards). Each event goes to its
 * own hook and to `onEvent`; `has` lets the hot path skip building events nobody listens to.
 */
import { silentLogger, type Logger } from '../logger.js';
import type {
  CallEndEvent,
  CallErrorEvent,
  CallStartEvent,
  HookEvent,
  RateLimitedHookEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from './hook-events.js';

/** Receives one event of the client's life (redacted: no credential ever reaches a hook). May be async. */
export type HookListener<E extends HookEvent = HookEvent> = (event: E) => void;

/** Extra headers for one attempt's HTTP request (see `Hooks.headers`). */
export type HeadersHook = (
  event: RequestEvent,
) => Readonly<Record<string, string>> | undefined | Promise<Readonly<Record<string, string>> | undefined>;

/** The `hooks` option: listeners for a call's start, attempts, answers, retries, pauses and end. */
export interface Hooks {
  /** Every event below, as one discriminated union (narrow on `event.type`). */
  onEvent?: HookListener | undefined;
  /** When a call is made, before it waits for the rate limiter. */
  onCallStart?: HookListener<CallStartEvent> | undefined;
  /** Before each attempt is sent: the attempt number, its queue wait and the redacted request. */
  beforeRequest?: HookListener<RequestEvent> | undefined;
  /** After each answer arrived: HTTP status, time queued and on the wire, request id. */
  afterResponse?: HookListener<ResponseEvent> | undefined;
  /** Before a retry waits: the failed attempt's error, the delay and whether it fails over. */
  onRetry?: HookListener<RetryEvent> | undefined;
  /** When the gateway or the queue said "too many". */
  onRateLimited?: HookListener<RateLimitedHookEvent> | undefined;
  /** When a call fails for good (the `call-end` event with `outcome: 'error'`). */
  onError?: HookListener<CallErrorEvent> | undefined;
  /** When a call ends, either way. */
  onCallEnd?: HookListener<CallEndEvent> | undefined;
  /**
   * Headers to add to each attempt's HTTP request (a correlation id, W3C `baggage` …). Asked once an
   * attempt; sync or async. Names must be HTTP tokens and may not replace what the client sends
   * itself (Host, Content-Type, User-Agent, Accept, Authorization, Cookie, connection and length
   * headers, anything named like a signature); values may not hold CR, LF or other control
   * characters. A bad header, or a hook that throws, fails the call with `InvalidRequestError`
   * before anything is sent. Values are not redacted: put no secret in them.
   */
  headers?: HeadersHook | undefined;
}

/** The listener hooks (every key of `Hooks` but `headers`). */
export type HookName = Exclude<keyof Hooks, 'headers'>;

/** Which named hook each event type goes to (`onEvent` gets them all; `onError` also gets failed ends). */
const HOOK_OF: Record<HookEvent['type'], HookName> = {
  'call-start': 'onCallStart',
  request: 'beforeRequest',
  response: 'afterResponse',
  retry: 'onRetry',
  'rate-limited': 'onRateLimited',
  'call-end': 'onCallEnd',
};

export class Events {
  readonly logger: Logger;
  /** False when no logger was given: saves building log objects on the hot path. */
  readonly logging: boolean;

  constructor(
    logger: Logger | undefined,
    private readonly hooks: Hooks | undefined,
    private readonly redact: (text: string) => string,
  ) {
    this.logger = logger ?? silentLogger;
    this.logging = logger !== undefined;
  }

  /** True when some hook would receive an event of this type. */
  has(type: HookEvent['type']): boolean {
    const hooks = this.hooks;
    if (hooks === undefined) return false;
    if (hooks.onEvent !== undefined || hooks[HOOK_OF[type]] !== undefined) return true;
    return type === 'call-end' && hooks.onError !== undefined;
  }

  emit(event: HookEvent): void {
    const hooks = this.hooks;
    if (hooks === undefined) return;
    const name = HOOK_OF[event.type];
    this.call(name, hooks[name] as HookListener | undefined, event);
    if (event.type === 'call-end' && event.outcome === 'error') this.call('onError', hooks.onError, event);
    this.call('onEvent', hooks.onEvent, event);
  }

  log(level: keyof Logger, object: Record<string, unknown>, message: string): void {
    if (!this.logging) return;
    try {
      this.logger[level](object, message);
    } catch {
      // A broken logger must not break calls.
    }
  }

  private call<E extends HookEvent>(name: HookName, hook: HookListener<E> | undefined, event: E): void {
    if (hook === undefined) return;
    try {
      const result = hook(event) as unknown;
      // An async hook's rejection must not become an unhandled rejection.
      if (result instanceof Promise) result.catch((error: unknown) => this.hookFailed(name, error));
    } catch (error) {
      this.hookFailed(name, error);
    }
  }

  private hookFailed(name: HookName, error: unknown): void {
    const message = this.redact(error instanceof Error ? error.message : String(error));
    this.log('warn', { hook: name, error: message }, `open1688: the ${name} hook threw; the call goes on`);
  }
}
