import { credentialsOf, exitCodeFor, hintFor, reportError } from '../../src/cli/error-report';
import { UsageError } from '../../src/cli/args';
import {
  AuthenticationError,
  InvalidRequestError,
  NetworkError,
  OpenApiError,
  RateLimitError,
  SignatureError,
  TimestampError,
} from '../../src/errors';

function capture() {
  let err = '';
  return { io: { stdout: () => undefined, stderr: (t: string) => void (err += t), env: {} }, err: () => err };
}

describe('CLI error lines', () => {
  it('gives each class its own hint, and a generic one to any other', () => {
    const hints = [
      new SignatureError({ message: 'x' }),
      new AuthenticationError({ message: 'x' }),
      new TimestampError({ message: 'x' }),
      new RateLimitError({ message: 'x' }),
      new RateLimitError({ message: 'x', local: true }),
      new NetworkError({ message: 'x' }),
      new OpenApiError({ message: 'x' }),
    ].map(hintFor);
    expect(hints[0]).toBe('run `open1688 sign` with the same params and compare the canonical string');
    expect(hints[1]).toMatch(/--session.*--access-token/);
    expect(hints[2]).toMatch(/clock/);
    expect(hints[3]).not.toBe(hints[4]);
    expect(hints[5]).toMatch(/--base-url/);
    expect(hints[6]).toBe('rerun with --verbose to see the request');
    expect(new Set(hints).size).toBe(hints.length);
  });

  it('exit 2 for an InvalidRequestError of our own checks, 1 when the gateway refused', () => {
    expect(exitCodeFor(new InvalidRequestError({ message: 'bad', code: 'invalid-parameter' }))).toBe(2);
    const request = { method: 'POST' as const, url: 'http://127.0.0.1/router/rest', paramNames: ['q'] };
    expect(exitCodeFor(new InvalidRequestError({ message: 'bad', httpStatus: 200, request }))).toBe(1);
    expect(exitCodeFor(new SignatureError({ message: 'bad' }))).toBe(1);
  });

  it('masks the credentials of the command line and the environment in whatever it prints', () => {
    const argv = ['item', '1', '--app-secret', 'flag-secret-1', '--session=sess-value-2', '--app-key', 'key-3'];
    const credentials = credentialsOf(argv, { OPEN1688_ACCESS_TOKEN: 'env-token-4', OPEN1688_APP_KEY: 'key-5' });
    expect(credentials.map((c) => c.value).sort()).toEqual(['env-token-4', 'flag-secret-1', 'sess-value-2']);

    const c = capture();
    const leaky = new NetworkError({ message: 'oops flag-secret-1 sess-value-2 env-token-4' });
    expect(reportError(leaky, c.io, { command: 'item', verbose: false, credentials })).toBe(1);
    expect(c.err()).toBe(
      'NetworkError: oops «secret» «session» «access_token» (hint: check the network and the gateway URL (--base-url / OPEN1688_BASE_URL))\n',
    );
  });

  it('a usage error names the command whose --help to read; anything unexpected is rethrown', () => {
    const c = capture();
    expect(reportError(new UsageError('nope'), c.io, { command: 'shop', verbose: false, credentials: [] })).toBe(2);
    expect(c.err()).toBe('UsageError: nope (hint: open1688 shop --help shows the usage)\n');
    const bug = new TypeError('a bug');
    expect(() => reportError(bug, c.io, { command: 'shop', verbose: false, credentials: [] })).toThrow(bug);
  });
});
