/**
 * A method spec's two halves on their own, without a client: what it would send for an input, and
 * what it makes of a payload. The sandbox fixtures, the benchmarks and the unit tests use these to
 * check a spec against payloads directly.
 */
import { invalidRequest, type Dialect } from '../errors.js';
import { isRefusal, type DialectBinding, type MethodContext, type MethodSpec } from './spec.js';
import { parseRequest } from './validate.js';

/** The API and parameters a method sends. */
export interface MethodRequest {
  apiName: string;
  params: Record<string, string>;
}

export function bindingFor<In, Out>(
  spec: MethodSpec<In, Out>,
  dialect: Dialect,
  name = spec.name,
): DialectBinding<In, Out> {
  const binding = spec.dialects[dialect];
  if (isRefusal(binding)) throw invalidRequest(`${name}: ${binding.refused}`);
  return binding;
}

/**
 * The request for `rawInput`; throws `InvalidRequestError` (bad input, refused dialect) like the
 * method, named `name` in the message (a method built on another one names itself).
 */
export function requestFor<In, Out>(
  spec: MethodSpec<In, Out>,
  context: MethodContext,
  rawInput: unknown,
  name = spec.name,
): MethodRequest {
  const binding = bindingFor(spec, context.dialect, name);
  const input = parseRequest(spec.input, rawInput ?? {}, name);
  return {
    apiName: typeof binding.api === 'string' ? binding.api : binding.api(input),
    params: binding.params(input, context),
  };
}

/** The method's result for a payload. */
export function payloadFor<In, Out>(
  spec: MethodSpec<In, Out>,
  context: { dialect: Dialect; apiName: string },
  payload: unknown,
): Out {
  return bindingFor(spec, context.dialect).map(payload, context);
}
