/**
 * What the hostile-server suites share: one read call per dialect addressed at a loopback gateway,
 * the observers that keep every error, log line and hook event as text, and the search for a
 * credential in every encoding (computed here, independently of the redactor) or for a signature.
 */
import { inspect } from 'node:util';
import type { ClientOptions, Logger } from '../../src/index';

export type Dialect = 'top' | 'aop' | 'onebound';
export const DIALECTS: readonly Dialect[] = ['top', 'aop', 'onebound'];

/** One read call per dialect (a space and an `&` in a value, so that the form encoding shows). */
export const HOSTILE_CALL: Record<Dialect, [string, Record<string, string>]> = {
  top: ['alibaba.item.get', { item_id: '610947572360', q: 'a b&c' }],
  aop: ['com.alibaba.product/alibaba.product.get', { productID: '610947572360' }],
  onebound: ['item_get', { num_iid: '610947572360' }],
};

/** The gateway path below a loopback server's root, per dialect. */
export const GATEWAY_PATH: Record<Dialect, string> = { top: '/router/rest', aop: '/openapi/', onebound: '/' };

/** The forms a credential is searched for in. */
export function encodings(value: string): string[] {
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  const json = JSON.stringify(value).slice(1, -1);
  const ascii = (upper: boolean) =>
    json.replace(/[\u007f-\uffff]/g, (c) => {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  const uri = encodeURIComponent(value);
  return [value, uri, lower(uri), form, lower(form), value.replaceAll(' ', '+'), json, ascii(false), ascii(true)];
}

/** Every credential (by name) or signature found in `texts`, with the form it was found in. */
export function leaks(
  texts: readonly string[],
  credentials: Readonly<Record<string, string>>,
  signatures: Iterable<string>,
): string[] {
  const all = texts.join('\n');
  const found: string[] = [];
  for (const [name, value] of Object.entries(credentials)) {
    for (const form of encodings(value)) if (all.includes(form)) found.push(`${name} as ${JSON.stringify(form)}`);
  }
  for (const signature of signatures) {
    if (all.includes(signature) || all.includes(signature.toLowerCase())) found.push(`signature ${signature}`);
  }
  return found;
}

/** JSON and util.inspect of a value: both views a user may print. */
export const view = (value: unknown): string => `${JSON.stringify(value)}\n${inspect(value, { depth: Infinity })}`;

/** A logger and every hook, each pushing what it receives onto `texts`. */
export function observer(texts: string[]): Partial<ClientOptions> {
  const record = (object: unknown, message?: string): void => void texts.push(view(object), message ?? '');
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  const hook = (event: unknown): void => void texts.push(view(event));
  return {
    logger,
    hooks: { beforeRequest: hook, afterResponse: hook, onRetry: hook, onError: hook, onRateLimited: hook },
  };
}

/** Every view of an error: JSON, util.inspect, stack, message, String() and its cause. */
export function keepError(texts: string[], error: unknown): void {
  if (!(error instanceof Error)) return void texts.push(view(error));
  texts.push(view(error), error.stack ?? '', error.message, String(error), inspect(error.cause, { depth: Infinity }));
}
