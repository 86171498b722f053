/**
 * Logger and hooks behind one guard: a throwing hook or logger never breaks a call, and everything
 * handed to them has been redacted by the caller (this file only forwards).
 */
import { silentLogger, type Logger } from '../logger.js';
import type { Hooks } from '../options.js';

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
