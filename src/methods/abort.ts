/** The error a typed method throws when its caller's AbortSignal fires: the client's own kind. */
import { OpenApiError, type Dialect } from '../errors.js';

export function abortError(dialect: Dialect, apiName: string): OpenApiError {
  return new OpenApiError({ message: `${apiName}: aborted by the caller`, code: 'ABORT_ERR', dialect, apiName });
}
