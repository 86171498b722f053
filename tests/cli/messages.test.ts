/**
 * `open1688 listen` and `open1688 push-verify`, run from the built bin as a user's shell runs them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aopPushSignature } from '../../src/messages/aop-push';
import { cleanEnv, runCli } from './run-cli';

const SECRET = 'cli-push-secret';
const MESSAGE = JSON.stringify({
  data: { orderId: 1 },
  gmtBorn: Date.now(),
  msgId: 92705609220,
  type: 'ORDER_BUYER_VIEW_ORDER_PAY',
  userInfo: 'b2b-1',
}).replace('"orderId":1', '"orderId":2237938826932135493');
const form = (message: string, signature: string) =>
  new URLSearchParams({ message, _aop_signature: signature }).toString();

describe('open1688 listen', () => {
  it('prints sandbox messages as JSON lines into a pipe, ids exact, and stops after --count', async () => {
    const result = await runCli(['listen', '--sandbox', '--count', '2']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      topic: 'taobao_trade_TradeCreate',
      id: '1152921504607846976',
      content: { tid: '2237938826932135493' },
    });
    expect(result.stderr).toContain('connected to the message channel');
  });

  it('is a usage error without credentials, naming the way out', async () => {
    const result = await runCli(['listen'], cleanEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--app-key.*--sandbox/);
  });
});

describe('open1688 push-verify', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'open1688-push-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says valid and shows the message of a well-signed push file, without printing signature or secret', async () => {
    const signature = aopPushSignature(MESSAGE, SECRET);
    const file = join(dir, 'push.txt');
    writeFileSync(file, form(MESSAGE, signature));
    const result = await runCli(['push-verify', '--secret', SECRET, file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('signature: valid');
    expect(result.stdout).toContain('msgId:     92705609220');
    expect(result.stdout).toContain('"orderId":"2237938826932135493"');
    expect(result.stdout + result.stderr).not.toContain(signature);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('exits 1 on a tampered push given with --body, and takes the secret from the environment', async () => {
    const signature = aopPushSignature(MESSAGE, SECRET);
    const tampered = MESSAGE.replace('2237938826932135493', '2237938826932135494');
    const result = await runCli(
      ['push-verify', '--body', form(tampered, signature)],
      cleanEnv({ OPEN1688_APP_SECRET: SECRET }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('signature: INVALID');
  });

  it('is a usage error without a push or without its fields', async () => {
    expect((await runCli(['push-verify', '--secret', SECRET])).code).toBe(2);
    const result = await runCli(['push-verify', '--secret', SECRET, '--body', 'message=x']);
    expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('_aop_signature')]);
  });
});
