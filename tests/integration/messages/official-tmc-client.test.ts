/**
 * The sandbox's TMC endpoint speaks the official protocol: taobao-sdk's own TmcClient (bench/), run
 * unchanged in a child process, connects with its signature, receives a published message with its
 * 64-bit id intact and confirms it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../../src/sandbox/index';
import { describeWithOfficialSdk, OFFICIAL_SDK_DIR } from '../../support/official-sdk';
import { waitFor } from '../../support/wait-for';

const { appKey, appSecret } = SANDBOX_DEFAULTS;
const CHILD = join(__dirname, '..', '..', 'fixtures', 'official', 'tmc-client.cjs');

describeWithOfficialSdk('the official TmcClient against the sandbox', () => {
  let sandbox: Sandbox;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill();
    await sandbox.close();
  });

  it('connects, receives a published message and confirms it', async () => {
    sandbox = await startSandbox();
    const output: string[] = [];
    child = spawn(process.execPath, [CHILD, OFFICIAL_SDK_DIR, sandbox.urls.tmc, appKey, appSecret, 'default'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      output.push(...lines);
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(`stderr: ${chunk.toString('utf8')}`));

    await waitFor(
      () => sandbox.tmc.connections() === 1,
      () => `no connection yet; output: ${output.join(' | ')}`,
    );
    const id = sandbox.publishMessage({
      appKey,
      topic: 'taobao_trade_TradeCreate',
      content: { tid: 2237938826932135493n, status: 'WAIT_BUYER_PAY' },
      userNick: 'sandbox-seller',
    });
    await waitFor(
      () => output.some((line) => line.startsWith('MESSAGE ')),
      () => `no message; output: ${output.join(' | ')}`,
    );
    const message = JSON.parse(output.find((line) => line.startsWith('MESSAGE '))!.slice(8)) as Record<string, unknown>;
    expect(message).toMatchObject({
      messageType: 2,
      __kind: 3,
      id,
      topic: 'taobao_trade_TradeCreate',
      content: '{"tid":2237938826932135493,"status":"WAIT_BUYER_PAY"}',
      nick: 'sandbox-seller',
    });
    await waitFor(
      () => sandbox.messageStatus(id) === 'confirmed',
      () => `status ${sandbox.messageStatus(id)}`,
    );
    expect(output.join('\n')).toContain('top message channel connect success');
  });
});
