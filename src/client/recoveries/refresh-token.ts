/**
 * A rejected 1688 access token: refresh it once (one refresh shared with every concurrent call that
 * saw the same stale token) and repeat the call: the client's own token, or the seller's from the
 * token store when the call names one. A failed refresh ends the call with its own error.
 */
import { isTokenProblem } from '../../dialects/aop-codes.js';
import { AuthenticationError } from '../../errors.js';
import { firstTime } from '../call-state.js';
import { OAUTH_API } from '../tokens.js';
import { asOpenApiError } from './as-error.js';
import type { Recovery } from './decision.js';

export const refreshTokenOnce: Recovery = async (error, state, runtime) => {
  if (!(error instanceof AuthenticationError) || !isTokenProblem(error.code)) return undefined;
  // A call's own token is the caller's to renew: there is nothing to refresh it from.
  if (state.apiName === OAUTH_API || state.callToken !== undefined) return undefined;
  const { tokens, sellers } = runtime;
  const seller = state.seller;
  const refresh =
    seller !== undefined && sellers !== undefined
      ? () => sellers.refresh(seller, state.token)
      : tokens !== undefined && tokens.canRefresh()
        ? () => tokens.refresh(state.token)
        : undefined;
  if (refresh === undefined || !firstTime(state, 'refresh-token')) return undefined;
  runtime.events.log(
    'info',
    { apiName: state.apiName, code: error.code },
    'open1688: access token rejected, refreshing once',
  );
  try {
    // The next attempt sends the new token (a seller's is read from the store again, written by now).
    await refresh();
  } catch (refreshError) {
    return { kind: 'fail', error: asOpenApiError(refreshError, state, runtime) };
  }
  return { kind: 'again' };
};
