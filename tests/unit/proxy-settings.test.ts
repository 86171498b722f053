/** Which proxy the variables and the `proxy` option choose, and what the redactor is told to mask. */
import { InvalidRequestError } from '../../src/index';
import { proxySecrets, resolveProxy } from '../../src/transport/proxy-settings';

describe('resolveProxy', () => {
  it('goes direct when nothing is set, and with proxy: false whatever is set', () => {
    expect(resolveProxy(undefined, {})).toBeUndefined();
    expect(resolveProxy(undefined, { HTTP_PROXY: ' ', NO_PROXY: 'x' })).toBeUndefined();
    expect(resolveProxy(false, { HTTP_PROXY: 'http://p:1', HTTPS_PROXY: 'http://p:2' })).toBeUndefined();
  });

  it('reads each variable in either case, lower case first', () => {
    expect(
      resolveProxy(undefined, {
        http_proxy: 'http://lower:1',
        HTTP_PROXY: 'http://upper:1',
        HTTPS_PROXY: 'http://upper:2',
        no_proxy: 'a.example',
        NO_PROXY: 'b.example',
      }),
    ).toEqual({ httpProxy: 'http://lower:1', httpsProxy: 'http://upper:2', noProxy: 'a.example' });
  });

  it('sends https through HTTP_PROXY when HTTPS_PROXY is unset, and not the other way round', () => {
    expect(resolveProxy(undefined, { HTTP_PROXY: 'http://p:1' })).toEqual({
      httpProxy: 'http://p:1',
      httpsProxy: 'http://p:1',
      noProxy: '',
    });
    expect(resolveProxy(undefined, { HTTPS_PROXY: 'http://p:2' })).toEqual({
      httpProxy: '',
      httpsProxy: 'http://p:2',
      noProxy: '',
    });
  });

  it('takes a proxy URL without a scheme as http://, like curl', () => {
    expect(resolveProxy(undefined, { HTTPS_PROXY: 'proxy.internal:3128' })?.httpsProxy).toBe(
      'http://proxy.internal:3128',
    );
  });

  it('lets the option replace the variables for every target, NO_PROXY still applying', () => {
    expect(resolveProxy('http://chosen:8080', { HTTP_PROXY: 'http://env:1', NO_PROXY: 'localhost' })).toEqual({
      httpProxy: 'http://chosen:8080',
      httpsProxy: 'http://chosen:8080',
      noProxy: 'localhost',
    });
  });

  it.each([
    ['socks5://user:hunter22@p:1080', 'option "proxy"'],
    ['http://', 'option "proxy"'],
  ])('refuses %s naming where it came from, never quoting it', (value, named) => {
    const error = (() => {
      try {
        resolveProxy(value, {});
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(named);
    expect(error.message).not.toContain('hunter22');
  });
});

describe('proxySecrets', () => {
  it('lists the password raw and decoded, user:pass and its base64 (the Proxy-Authorization value)', () => {
    const settings = resolveProxy('http://me:p%40ss@p:1', {});
    expect(proxySecrets(settings)).toEqual(
      expect.arrayContaining(['p%40ss', 'p@ss', 'me:p@ss', Buffer.from('me:p@ss').toString('base64')]),
    );
    expect(proxySecrets(resolveProxy('http://me@p:1', {}))).toEqual([]);
    expect(proxySecrets(undefined)).toEqual([]);
  });
});
