/** The error a typed method throws when its caller's AbortSignal fires: the client's own kind. */
import { AbortError, type Dialect } from '../errors.js';

export function abortError(dialect: Dialect, apiName: string): AbortError {
  return new AbortError({ message: `${apiName}: aborted by the caller`, code: 'ABORT_ERR', dialect, apiName });
}
