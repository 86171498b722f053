/**
 * A rejected 1688 access token: refresh it once (one refresh shared with every concurrent call that
 * saw the same stale token) and repeat the call. A failed refresh ends the call with its own error.
 */
import { isTokenProblem } from '../../dialects/aop-codes.js';
import { AuthenticationError } from '../../errors.js';
import { firstTime } from '../call-state.js';
import { OAUTH_API } from '../tokens.js';
import { asOpenApiError } from './as-error.js';
import type { Recovery } from './decision.js';

export const refreshTokenOnce: Recovery = async (error, state, runtime) => {
  const { tokens } = runtime;
  if (!(error instanceof AuthenticationError) || !isTokenProblem(error.code)) return undefined;
  if (tokens === undefined || !tokens.canRefresh() || state.apiName === OAUTH_API) return undefined;
  if (!firstTime(state, 'refresh-token')) return undefined;
  runtime.events.log(
    'info',
    { apiName: state.apiName, code: error.code },
    'open1688: access token rejected, refreshing once',
  );
  try {
    await tokens.refresh(state.token);
  } catch (refreshError) {
    return { kind: 'fail', error: asOpenApiError(refreshError, state, runtime) };
  }
  return { kind: 'again' };
};
