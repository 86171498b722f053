/**
 * Logger and hooks behind one guard: a throwing hook or logger never breaks a call, and everything
 * handed to them has been redacted by the caller (this file only forwards).
 */
import { silentLogger, type Logger } from '../logger.js';

/** Receives one event of the client's life (its fields are redacted: no credential ever reaches a hook). */
export type HookListener = (event: Record<string, unknown>) => void;

/** The `hooks` option: listeners for a call's attempts, retries, failures and rate-limit pauses. */
export interface Hooks {
  /** Before each attempt is sent: the API, the attempt number and the redacted request. */
  beforeRequest?: HookListener | undefined;
  /** After each answer arrived: HTTP status, duration and request id. */
  afterResponse?: HookListener | undefined;
  /** Before a retry waits: the failed attempt's error, the delay and whether it fails over. */
  onRetry?: HookListener | undefined;
  /** When a call fails for good. */
  onError?: HookListener | undefined;
  /** When the gateway or the queue said "too many". */
  onRateLimited?: HookListener | undefined;
}

export type HookName = keyof Hooks;

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

  has(name: HookName): boolean {
    return this.hooks?.[name] !== undefined;
  }

  emit(name: HookName, event: Record<string, unknown>): void {
    const hook = this.hooks?.[name];
    if (hook === undefined) return;
    try {
      const result = hook(event) as unknown;
      // An async hook's rejection must not become an unhandled rejection.
      if (result instanceof Promise) result.catch((error: unknown) => this.hookFailed(name, error));
    } catch (error) {
      this.hookFailed(name, error);
    }
  }

  log(level: keyof Logger, object: Record<string, unknown>, message: string): void {
    if (!this.logging) return;
    try {
      this.logger[level](object, message);
    } catch {
      // A broken logger must not break calls.
    }
  }

  private hookFailed(name: HookName, error: unknown): void {
    const message = this.redact(error instanceof Error ? error.message : String(error));
    this.log('warn', { hook: name, error: message }, `open1688: the ${name} hook threw; the call goes on`);
  }
}
