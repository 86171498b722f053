/**
 * Runs a method spec: the dialect's binding (or its refusal), the caller's input and call options
 * checked once, the parameters built once, then one read through the response cache whose load
 * validates and maps the payload once (a malformed answer is never stored).
 */
import { checkCallOptions } from '../call-options.js';
import { invalidRequest } from '../errors.js';
import { readCall } from './cached-call.js';
import type { MethodHost } from './host.js';
import { bindingFor } from './method-request.js';
import type { MethodSpec } from './spec.js';
import { parseRequest } from './validate.js';

export async function runMethod<In, Out>(
  host: MethodHost,
  spec: MethodSpec<In, Out>,
  rawInput: unknown,
  rawCallOptions: unknown,
): Promise<Out> {
  const binding = bindingFor(spec, host.dialect);
  const input = parseRequest(spec.input, rawInput ?? {}, spec.name);
  const callOptions = checkCallOptions(rawCallOptions, spec.name);
  const scope = await host.scopeFor(callOptions, spec.name);
  if (spec.actsForSeller && scope === undefined) {
    throw invalidRequest(`${spec.name}: this API acts for a seller: give the client or the call a \`session\``);
  }
  const apiName = typeof binding.api === 'string' ? binding.api : binding.api(input);
  const params = binding.params(input, { dialect: host.dialect, lang: host.lang });
  const context = { dialect: host.dialect, apiName };
  try {
    return await readCall(host, apiName, params, callOptions, {
      scope,
      map: (payload) => binding.map(payload, context),
    });
  } catch (error) {
    const answer = binding.answerFor?.(error, input);
    if (answer !== undefined) return answer;
    throw error;
  }
}
