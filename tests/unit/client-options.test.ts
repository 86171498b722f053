import { inspect } from 'node:util';
import { InvalidRequestError, OpenClient } from '../../src/index';
import { clientOptionsFromEnv, resolveOptions } from '../../src/options';

const base = { dialect: 'top' as const, appKey: '10000001', appSecret: 'sandbox-secret' };

function rejection(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected InvalidRequestError');
}

describe('client options', () => {
  it('fills the defaults of each dialect', () => {
    expect(resolveOptions(base)).toMatchObject({
      baseUrl: 'https://gw.api.taobao.com/router/rest',
      backupUrls: [],
      timeoutMs: 15_000,
      signMethod: 'md5',
      retry: { retries: 3, minDelayMs: 100, maxDelayMs: 5_000 },
    });
    expect(resolveOptions({ ...base, dialect: 'aop' }).baseUrl).toBe('https://gw.open.1688.com/openapi/');
    const onebound = resolveOptions({ ...base, dialect: 'onebound' });
    expect(onebound.baseUrl).toBe('https://api-gw.onebound.cn/');
    expect(onebound.backupUrls).toEqual(['https://api-1.onebound.cn/']);
  });

  it('never defaults a production backup next to a custom base URL', () => {
    expect(resolveOptions({ ...base, dialect: 'onebound', baseUrl: 'http://127.0.0.1:9/' }).backupUrls).toEqual([]);
  });

  it('turns retry: false into zero retries', () => {
    expect(resolveOptions({ ...base, retry: false }).retry.retries).toBe(0);
  });

  it.each([
    [{ dialect: 'soap' }, 'dialect'],
    [{ appKey: '' }, 'appKey'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ baseUrl: 'ftp://x' }, 'baseUrl'],
    [{ backupUrls: ['nope'] }, 'backupUrls[0]'],
    [{ signMethod: 'sha1' }, 'signMethod'],
    [{ retry: { retries: -2 } }, 'retry'],
    [{ limits: { qps: 0 } }, 'limits'],
    [{ logger: { info() {} } }, 'logger'],
    [{ hooks: { onRetry: 'x' } }, 'hooks.onRetry'],
    [{ hooks: { headers: {} } }, 'hooks.headers'],
    [{ hooks: { onSpan: () => {} } }, 'hooks'],
    [{ tracing: 'yes' }, 'tracing'],
    [{ lang: 'de' }, 'lang'],
    [{ surprise: 1 }, '(options)'],
  ])('rejects %j naming %s', (bad, name) => {
    const error = rejection(() => new OpenClient({ ...base, ...(bad as object) }));
    expect(error.message).toContain(name === '(options)' ? 'surprise' : `"${name}`);
  });

  it('never echoes the value of a bad option', () => {
    const error = rejection(() => new OpenClient({ ...base, appSecret: 12345678 as unknown as string }));
    expect(error.message).toContain('appSecret');
    expect(error.message).not.toContain('12345678');
  });

  it('fromEnv reads every option from OPEN1688_* variables, the overrides winning', () => {
    const env = {
      OPEN1688_DIALECT: 'onebound',
      OPEN1688_APP_KEY: 'env-key',
      OPEN1688_APP_SECRET: 'env-secret',
      OPEN1688_BASE_URL: 'http://127.0.0.1:1/',
      OPEN1688_BACKUP_URLS: 'http://127.0.0.1:2/, http://127.0.0.1:3/',
      OPEN1688_TIMEOUT_MS: '2500',
      OPEN1688_RETRIES: '1',
      OPEN1688_LIMITS: 'false',
      OPEN1688_LANG: 'en',
      OPEN1688_CACHE: 'no',
    };
    const resolved = resolveOptions(clientOptionsFromEnv({ appKey: 'explicit-key' }, env));
    expect(resolved).toMatchObject({
      dialect: 'onebound',
      appKey: 'explicit-key',
      appSecret: 'env-secret',
      baseUrl: 'http://127.0.0.1:1/',
      backupUrls: ['http://127.0.0.1:2/', 'http://127.0.0.1:3/'],
      timeoutMs: 2500,
      limits: false,
      lang: 'en',
      cache: false,
    });
    expect(resolved.retry.retries).toBe(1);
  });

  it('fromEnv names the variable a bad value came from, never its value', () => {
    const error = rejection(() => OpenClient.fromEnv(base, { OPEN1688_TIMEOUT_MS: 'soon-123' }));
    expect(error.message).toContain('timeoutMs');
    expect(error.message).toContain('OPEN1688_TIMEOUT_MS');
    expect(error.message).not.toContain('soon-123');
    const url = rejection(() => OpenClient.fromEnv({}, { ...envOf(base), OPEN1688_BASE_URL: 'ftp://secret-host' }));
    expect(url.message).toContain('OPEN1688_BASE_URL');
    expect(url.message).not.toContain('secret-host');
  });

  it('fromEnv blames no variable for a bad override', () => {
    const error = rejection(() => OpenClient.fromEnv({ timeoutMs: -1 }, { ...envOf(base), OPEN1688_TIMEOUT_MS: '5' }));
    expect(error.message).toContain('"timeoutMs"');
    expect(error.message).not.toContain('OPEN1688_TIMEOUT_MS');
  });

  it('an explicit client reads no environment: not the session, token, URL nor anything else', () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      OPEN1688_SESSION: 'another-sellers-session',
      OPEN1688_ACCESS_TOKEN: 'another-sellers-token',
      OPEN1688_REFRESH_TOKEN: 'another-sellers-refresh',
      OPEN1688_BASE_URL: 'http://127.0.0.1:9/elsewhere',
      OPEN1688_TIMEOUT_MS: '1234',
    });
    try {
      const resolved = resolveOptions({ ...base, dialect: 'aop' });
      expect(resolved.session).toBeUndefined();
      expect(resolved.accessToken).toBeUndefined();
      expect(resolved.refreshToken).toBeUndefined();
      expect(resolved.baseUrl).toBe('https://gw.open.1688.com/openapi/');
      expect(resolved.timeoutMs).toBe(15_000);
      // …while fromEnv, reading process.env by default, picks them up.
      const fromEnv = resolveOptions(clientOptionsFromEnv({ ...base, dialect: 'aop' }, process.env));
      expect(fromEnv).toMatchObject({ accessToken: 'another-sellers-token', timeoutMs: 1234 });
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('refuses the former env option, pointing at fromEnv', () => {
    const error = rejection(() => new OpenClient({ ...base, env: {} } as unknown as typeof base));
    expect(error.message).toContain('OpenClient.fromEnv');
  });

  it('does not show the secret in util.inspect or JSON of a client', async () => {
    const client = new OpenClient(base);
    expect(inspect(client, { depth: 10 })).not.toContain('sandbox-secret');
    expect(JSON.stringify(client)).not.toContain('sandbox-secret');
    await client.close();
  });
});

function envOf(options: { dialect: string; appKey: string; appSecret: string }): Record<string, string> {
  return {
    OPEN1688_DIALECT: options.dialect,
    OPEN1688_APP_KEY: options.appKey,
    OPEN1688_APP_SECRET: options.appSecret,
  };
}
