/**
 * `defineApi`: a typed method for any other API of the gateways, in a dozen lines of the user's
 * code. The parameters are checked by the user's zod schema before anything is sent (an
 * `InvalidRequestError` naming the field), the payload by the response schema (a `ResponseError`
 * naming the path), and the method runs on any client whose dialect serves the API.
 */
import type { z } from 'zod';
import { DIALECTS, invalidRequest, type Dialect } from '../errors.js';
import type { CallApiOptions, RequestOptions } from '../call-options.js';
import { parseRequest } from './validate.js';

/** What a defined API needs from a client: its dialect and `call` (any `OpenClient`). */
export interface ApiClient {
  readonly dialect: Dialect;
  /** `OpenClient.call` with a payload schema: the payload validated and typed as the schema's output. */
  call<S extends z.ZodType>(
    apiName: string,
    params: Readonly<Record<string, unknown>>,
    options: CallApiOptions<S> & { schema: S },
  ): Promise<z.output<S>>;
}

/** The description of an API for `defineApi`. */
export interface ApiDefinition<P extends z.ZodType, R extends z.ZodType> {
  /** The API's name as the gateway knows it: `com.alibaba.product/alibaba.category.get`, `alibaba.item.get`. */
  name: string;
  /** The dialects whose gateway serves it. */
  dialects: readonly Dialect[];
  /** Where one of those dialects names the API differently. */
  apiNames?: Partial<Record<Dialect, string>>;
  /** The parameters, as the gateway takes them (their output is normalised and sent). */
  params: P;
  /** The payload as the API documents it. */
  response: R;
  /** Safe to repeat after an unclear failure (default: guessed from the name, as for `call`). */
  idempotent?: boolean;
}

/** A typed method made by `defineApi`. */
export type DefinedApi<P extends z.ZodType, R extends z.ZodType> = (
  client: ApiClient,
  params: z.input<P>,
  options?: RequestOptions,
) => Promise<z.output<R>>;

/**
 * A typed method for another API: `const getCategory = defineApi({ name, dialects, params, response })`,
 * then `await getCategory(client, params)`. See the README's "Typed calls for any API".
 */
export function defineApi<P extends z.ZodType, R extends z.ZodType>(definition: ApiDefinition<P, R>): DefinedApi<P, R> {
  const { name, dialects, params, response, idempotent } = definition;
  if (typeof name !== 'string' || name === '') throw invalidRequest('defineApi: name must be the API name');
  if (!Array.isArray(dialects) || dialects.length === 0 || !dialects.every((d) => DIALECTS.includes(d))) {
    throw invalidRequest(`defineApi(${name}): dialects must list some of ${DIALECTS.join(', ')}`);
  }
  return async (client, input, options = {}) => {
    if (!dialects.includes(client.dialect)) {
      throw invalidRequest(
        `${name} is served by the ${dialects.join(' / ')} gateway, and this client speaks ${client.dialect}`,
      );
    }
    const checked = parseRequest(params, input, name) as Record<string, unknown>;
    const apiName = definition.apiNames?.[client.dialect] ?? name;
    return client.call(apiName, checked, {
      ...(idempotent === undefined ? {} : { idempotent }),
      ...options,
      schema: response,
    });
  };
}
