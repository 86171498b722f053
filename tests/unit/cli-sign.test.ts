import { createHash } from 'node:crypto';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/args';

function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const SECRET = 'cli-s3cret-value';

describe('open1688 sign', () => {
  it('prints the masked canonical string and the md5 signature', async () => {
    const c = capture();
    const code = await main(['sign', '--secret', SECRET, 'method=alibaba.item.get', 'item_id=1', 'q=a=b'], c.io);
    expect(code).toBe(0);
    const canonical = `${SECRET}item_id1methodalibaba.item.getqa=b${SECRET}`;
    const expected = createHash('md5').update(canonical).digest('hex').toUpperCase();
    expect(c.out()).toBe(`canonical: «secret»item_id1methodalibaba.item.getqa=b«secret»\nsign:      ${expected}\n`);
    expect(c.out()).not.toContain(SECRET);
  });

  it('reads the secret from OPEN1688_APP_SECRET and params from --params-json, masking session values', async () => {
    const c = capture({ OPEN1688_APP_SECRET: SECRET });
    const code = await main(['sign', '--method', 'hmac', '--params-json', '{"session":"sess-123","n":5}', 'a=1'], c.io);
    expect(code).toBe(0);
    expect(c.out()).toContain('canonical: a1n5session«session»\n');
    expect(c.out()).not.toContain('sess-123');
    expect(c.out()).not.toContain(SECRET);
  });

  it('signs AOP requests with --path and masks the access token', async () => {
    const c = capture();
    const path = 'param2/1/com.alibaba.product/alibaba.product.get/12345678';
    const code = await main(
      ['sign', '--secret', SECRET, '--method', 'aop', '--path', path, 'access_token=tok-9', 'b=2'],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out()).toContain(`canonical: ${path}access_token«access_token»b2\n`);
    expect(c.out()).toMatch(/sign: {6}[0-9A-F]{40}\n$/);
  });

  it('masks whole values only: a secret of 1 leaves every other 1 in the canonical string', async () => {
    const c = capture();
    const code = await main(['sign', '--secret', '1', 'method=alibaba.item.get', 'item_id=610947572361', 'v=1'], c.io);
    expect(code).toBe(0);
    expect(c.out()).toMatch(/^canonical: «secret»item_id610947572361methodalibaba\.item\.getv1«secret»\n/);
    const expected = createHash('md5').update('1item_id610947572361methodalibaba.item.getv11').digest('hex');
    expect(c.out()).toContain(expected.toUpperCase());
  });

  it('masks a credential value where it stands, not where the same text appears in another value', async () => {
    const c = capture();
    const argv = ['sign', '--secret', SECRET, '--method', 'hmac', 'session=abcd', 'q=xabcdx', 'n=abcd'];
    expect(await main(argv, c.io)).toBe(0);
    expect(c.out()).toContain('canonical: nabcdqxabcdxsession«session»\n');
  });

  it('keeps the AOP order, where a credential value decides it, with the value masked', async () => {
    const c = capture();
    const path = 'param2/1/com.alibaba.product/alibaba.product.get/12345678';
    // access_token+value sorts after access_tokenX only because of the value ('~' > 'X').
    const argv = [
      'sign',
      '--secret',
      SECRET,
      '--method',
      'aop',
      '--path',
      path,
      'access_token=~tok',
      'access_tokenX=1',
    ];
    expect(await main(argv, c.io)).toBe(0);
    expect(c.out()).toContain(`canonical: ${path}access_tokenX1access_token«access_token»\n`);
  });

  it.each([
    [
      ['sign', 'a=1'],
      /^UsageError: missing secret: pass --app-secret, --app-secret-file or --app-secret-stdin, or set OPEN1688_APP_SECRET( \(hint: open1688 sign --help shows the usage\))\n$/,
    ],
    [
      ['sign', '--secret', 'x', '--bogus'],
      /^UsageError: Unknown option '--bogus'( \(hint: open1688 sign --help shows the usage\))\n$/,
    ],
    [['sign', '--secret', 'x', '--method', 'sha1'], /^UsageError: --method must be one of md5, hmac, hmac-sha256, aop/],
    [['sign', '--secret', 'x', '--method', 'aop', 'a=1'], /^UsageError: --method aop needs --path/],
    [
      ['sign', '--secret', 'x', 'novalue'],
      /^UsageError: expected key=value, got "novalue"( \(hint: open1688 sign --help shows the usage\))\n$/,
    ],
    [
      ['sign', '--secret', 'x', '--params-json', '{oops'],
      /^UsageError: --params-json is not valid JSON( \(hint: open1688 sign --help shows the usage\))\n$/,
    ],
    // --json used to take the parameters: the old use names the new flag.
    [
      ['sign', '--secret', 'x', '--json', '{"a":1}'],
      /^UsageError: --json now means JSON output: pass the parameters with --params-json '\{…\}' \(hint: /,
    ],
    [['sign', '--secret', 'x', '--json={"a":1}'], /^UsageError: --json now means JSON output/],
    [['sign', '--secret', 'x', '--app-secret', 'y', 'a=1'], /^UsageError: give the secret once/],
    [['nosuchcommand'], /^UsageError: unknown command "nosuchcommand"/],
  ])('%j is a one-line usage error with exit code 2', async (argv, message) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(message);
    expect(c.err().trim().split('\n')).toHaveLength(1);
    expect(c.out()).toBe('');
  });

  it('reports a value that cannot be signed in one line, exit 2', async () => {
    const c = capture();
    expect(await main(['sign', '--secret', 'x', '--method', 'aop', '--path', '/openapi/x', 'a=1'], c.io)).toBe(2);
    expect(c.err()).toMatch(/^InvalidRequestError: AOP urlPath must look like/);
  });
});

describe('open1688 --help', () => {
  it('lists every command with an example', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('open1688 sign');
    expect(c.out()).toContain('example: open1688 sign --app-secret');
    expect(c.out()).toContain('example: open1688 demo');
  });

  it('shows the usage of one command', async () => {
    const c = capture();
    expect(await main(['sign', '--help'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^open1688 sign /);
  });
});
