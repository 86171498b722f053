/**
 * authorizeUrl builds 1688's consent page URL as 1688's web authorisation guide prints it
 * (auth.1688.com/oauth/authorize?client_id&site=1688&redirect_uri&state), each value encoded once,
 * and refuses a bad field before anything is sent. parseTokenTimeout reads refresh_token_timeout.
 */
import { authorizeUrl, parseTokenTimeout } from '../../src/auth/index';
import { toSellerTokens } from '../../src/auth/seller-tokens';
import { InvalidRequestError, ResponseError } from '../../src/errors';

describe('authorizeUrl', () => {
  it('addresses auth.1688.com with client_id, site=1688, redirect_uri and state, in that order', () => {
    const url = authorizeUrl({ appKey: '1234567', redirectUri: 'https://app.example.com/cb', state: 'xyz' });
    expect(url).toBe(
      'https://auth.1688.com/oauth/authorize?client_id=1234567&site=1688&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=xyz',
    );
  });

  it('encodes a redirect URI with its own query and a state with reserved characters, and both come back intact', () => {
    const redirectUri = 'https://app.example.com/cb?shop=秦&next=/a b&x=1';
    const state = 'a&b=c d/é?#';
    const url = new URL(authorizeUrl({ appKey: 'k_1', redirectUri, state }));
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(url.searchParams.get('state')).toBe(state);
    expect([...url.searchParams.keys()]).toEqual(['client_id', 'site', 'redirect_uri', 'state']);
    // Nothing of the values leaks into the path or a fragment.
    expect(url.pathname).toBe('/oauth/authorize');
    expect(url.hash).toBe('');
  });

  it('leaves state out when none is given, and takes another host (a sandbox) with or without a trailing slash', () => {
    const plain = new URL(authorizeUrl({ appKey: 'k', redirectUri: 'http://127.0.0.1:9/cb' }));
    expect(plain.searchParams.has('state')).toBe(false);
    for (const baseUrl of ['http://127.0.0.1:8688', 'http://127.0.0.1:8688/']) {
      expect(authorizeUrl({ appKey: 'k', redirectUri: 'http://127.0.0.1:9/cb', baseUrl })).toMatch(
        /^http:\/\/127\.0\.0\.1:8688\/oauth\/authorize\?client_id=k&site=1688&/,
      );
    }
  });

  const url = 'https://a.example/cb';
  it.each([
    ['an empty appKey', { appKey: '', redirectUri: url }, /appKey/],
    ['an appKey with a space', { appKey: 'has space', redirectUri: url }, /appKey/],
    ['an empty redirectUri', { appKey: 'k', redirectUri: '' }, /redirectUri/],
    ['a relative redirectUri', { appKey: 'k', redirectUri: '/cb' }, /redirectUri must be an absolute/],
    ['a javascript: redirectUri', { appKey: 'k', redirectUri: 'javascript:alert(1)' }, /must be an http or https URL/],
    ['a redirectUri with a fragment', { appKey: 'k', redirectUri: `${url}#frag` }, /fragment/],
    ['an empty state', { appKey: 'k', redirectUri: url, state: '' }, /state/],
    ['a state of 513 characters', { appKey: 'k', redirectUri: url, state: 'x'.repeat(513) }, /state/],
    ['an ftp baseUrl', { appKey: 'k', redirectUri: url, baseUrl: 'ftp://auth.example' }, /baseUrl/],
  ])('refuses %s with an InvalidRequestError naming the field', (_label, options, message) => {
    const attempt = () => authorizeUrl(options as Parameters<typeof authorizeUrl>[0]);
    expect(attempt).toThrow(InvalidRequestError);
    expect(attempt).toThrow(message);
  });

  it('refuses a missing options object', () => {
    expect(() => authorizeUrl(undefined as never)).toThrow(InvalidRequestError);
  });
});

describe('parseTokenTimeout (refresh_token_timeout)', () => {
  it('reads the 14 digits of Beijing time that ZyLob/1688 parses, with or without milliseconds and offset', () => {
    const instant = '2026-05-30T03:04:05.000Z'; // 11:04:05 in Beijing
    expect(parseTokenTimeout('20260530110405')?.toISOString()).toBe(instant);
    expect(parseTokenTimeout('20260530110405+0800')?.toISOString()).toBe(instant);
    expect(parseTokenTimeout('20260530110405000+0800')?.toISOString()).toBe(instant);
    expect(parseTokenTimeout('20260530030405123+0000')?.toISOString()).toBe('2026-05-30T03:04:05.123Z');
  });

  it('gives undefined for text that is not such a time', () => {
    for (const text of ['', 'tomorrow', '2026-05-30 11:04:05', '1780110245000', '20260230110405', '20261301000000']) {
      expect(parseTokenTimeout(text)).toBeUndefined();
    }
  });
});

describe('toSellerTokens', () => {
  const received = Date.UTC(2026, 11, 1, 0, 0, 0);

  it('turns the answer into typed tokens: lifetimes as Date and ms, ids as strings', () => {
    const tokens = toSellerTokens(
      {
        access_token: 'AT',
        refresh_token: 'RT',
        expires_in: '36000',
        refresh_token_timeout: '20270530080000000+0800',
        resource_owner: 'seller-login',
        memberId: 'b2b-1',
        aliId: 2206619673102,
      },
      received,
    );
    expect(tokens).toEqual({
      accessToken: 'AT',
      accessTokenExpiresAt: new Date(received + 36_000_000),
      expiresInMs: 36_000_000,
      refreshToken: 'RT',
      refreshTokenExpiresAt: new Date('2027-05-30T00:00:00.000Z'),
      memberId: 'b2b-1',
      aliId: '2206619673102',
      resourceOwner: 'seller-login',
    });
  });

  it('refuses an answer without a lifetime rather than a token that never expires', () => {
    expect(() => toSellerTokens({ access_token: 'AT' }, received)).toThrow(ResponseError);
    expect(() => toSellerTokens({ access_token: 'AT', expires_in: 'soon' }, received)).toThrow(/expires_in/);
  });
});
