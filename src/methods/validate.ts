/**
 * zod at the two edges of a typed method. Requests: a rejected parameter becomes an
 * `InvalidRequestError` that names the field and the rule, thrown before anything is sent.
 * Responses: a payload of an unexpected shape becomes a `ResponseError` that names the path where it
 * went wrong, so that a gateway change shows up as an error at the call, never as an `undefined`
 * three functions later.
 */
import type { z } from 'zod';
import { InvalidRequestError, ResponseError, type Dialect } from '../errors.js';

/** `sku_infos.sku_info[0].price`, or `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The parsed parameters, or `InvalidRequestError` naming the first bad one. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, method: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // An unknown key is reported at the object that holds it: name the key itself.
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = issue === undefined ? [] : unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
  const field = issue === undefined ? '(params)' : formatPath(path);
  const rule = unknownKey === undefined ? (issue?.message ?? 'rejected') : 'is not a parameter of this method';
  throw new InvalidRequestError({
    message: `${method}: invalid parameter "${field}": ${rule}`,
    code: 'invalid-parameter',
    subCode: field,
  });
}

export interface ResponseContext {
  dialect: Dialect;
  apiName: string;
  /** Where the validated value sits in the payload, prefixed to every path (`item`, `result.toReturn`). */
  at?: string;
}

/** The validated payload, or `ResponseError` naming the path of the first mismatch. */
export function parseResponse<S extends z.ZodType>(schema: S, payload: unknown, context: ResponseContext): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw unexpectedResponse(context, issue?.path ?? [], issue?.message ?? 'rejected');
}

/** A `ResponseError` for a payload that is well-formed JSON but not what the API documents. */
export function unexpectedResponse(
  context: ResponseContext,
  path: readonly PropertyKey[],
  rule: string,
): ResponseError {
  const relative = formatPath(path);
  const where = context.at === undefined ? relative : relative === '(root)' ? context.at : `${context.at}.${relative}`;
  return new ResponseError({
    message: `${context.apiName}: unexpected response at ${where}: ${rule}`,
    code: 'unexpected-shape',
    subCode: where,
    dialect: context.dialect,
    apiName: context.apiName,
  });
}
