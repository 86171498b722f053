/** Anything thrown inside a call as one of our errors; a foreign error keeps a redacted message only. */
import { OpenApiError } from '../../errors.js';
import type { CallState } from '../call-state.js';
import type { CallRuntime } from '../runtime.js';

export function asOpenApiError(thrown: unknown, state: CallState, runtime: CallRuntime): OpenApiError {
  if (thrown instanceof OpenApiError) return thrown;
  // Something below us (scheduler, token provider) threw a foreign error.
  const message = runtime.redactor.text(thrown instanceof Error ? thrown.message : String(thrown));
  const code = (thrown as { code?: unknown } | null)?.code;
  return new OpenApiError({
    message: `${state.apiName}: ${message}`,
    code: typeof code === 'string' ? code : undefined,
    dialect: runtime.dialect,
    apiName: state.apiName,
  });
}
