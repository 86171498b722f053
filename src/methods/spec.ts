/**
 * A typed method described once, the way Stripe describes each API method: what the caller passes
 * (one zod schema), and per dialect the API it calls, the parameters it sends, and how the payload
 * is validated and mapped to the result — or why that dialect is refused. Adding a dialect or a
 * method touches the method's spec only; `runMethod` does the rest the same way for every method.
 */
import type { z } from 'zod';
import type { Dialect } from '../errors.js';
import type { ResponseContext } from './validate.js';

/** What a binding may know besides the caller's input. */
export interface MethodContext {
  dialect: Dialect;
  /** The client's default OneBound `lang`. */
  lang: string | undefined;
}

/** How one dialect serves a method. */
export interface DialectBinding<In, Out> {
  /** The API called, fixed or chosen by the input. */
  api: string | ((input: In) => string);
  /** The parameters sent (strings only: they are signed and sent as they are). */
  params(input: In, context: MethodContext): Record<string, string>;
  /** Validates the payload, once, and maps it to the result; throws `ResponseError` naming the path. */
  map(payload: unknown, context: ResponseContext): Out;
  /** A failure that is an answer for this method (OneBound `2000` on a search: an empty page). */
  answerFor?(error: unknown, input: In): Out | undefined;
}

/** A dialect the method does not serve, and why (said to the caller before anything is sent). */
export interface Refusal {
  refused: string;
}

export interface MethodSpec<In, Out> {
  /** The method's name in messages: `getItem`. */
  name: string;
  /** What the caller passes, checked before anything is sent. */
  input: z.ZodType<In>;
  /** The answer belongs to one seller (its session or token): cached under a hash of it, never shared. */
  actsForSeller?: boolean;
  dialects: Readonly<Record<Dialect, DialectBinding<In, Out> | Refusal>>;
}

export function isRefusal<In, Out>(binding: DialectBinding<In, Out> | Refusal): binding is Refusal {
  return 'refused' in binding;
}
