/**
 * The sandbox's TMC endpoint seen from a bare WebSocket: what it refuses at the handshake (unknown app,
 * stale timestamp), other paths, and SEND frames that do not carry the session's token.
 */
import { WebSocket } from 'ws';
import { decodeFrame, encodeFrame, type TmcFrame } from '../../../src/messages/tmc-codec';
import { confirmFrame, connectFrame } from '../../../src/messages/tmc-protocol';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../../src/sandbox/index';

const { appKey, appSecret } = SANDBOX_DEFAULTS;

function exchange(url: string, frame: TmcFrame): Promise<{ ack: TmcFrame; socket: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('error', reject);
    socket.on('open', () => socket.send(encodeFrame(frame)));
    socket.once('message', (data: Buffer) => resolve({ ack: decodeFrame(data), socket }));
  });
}

describe('the sandbox TMC endpoint', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('refuses an unknown app and a stale timestamp in the CONNECTACK, then closes', async () => {
    const unknown = await exchange(
      sandbox.urls.tmc,
      connectFrame({ appKey: 'nope', appSecret, groupName: 'default', timestampMs: Date.now() }),
    );
    expect(unknown.ack).toMatchObject({
      messageType: 1,
      statusCode: 401,
      statusPhrase: expect.stringContaining('nope'),
    });
    const stale = await exchange(
      sandbox.urls.tmc,
      connectFrame({ appKey, appSecret, groupName: 'default', timestampMs: Date.now() - 11 * 60_000 }),
    );
    expect(stale.ack).toMatchObject({ statusCode: 400 });
    await new Promise((resolve) => stale.socket.once('close', resolve));
    expect(sandbox.tmc.connections()).toBe(0);
  });

  it('answers 404 to an upgrade on another path', async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(sandbox.urls.tmc.replace('/tmc', '/other'));
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });

  it('ignores a confirm that does not carry the session token', async () => {
    const id = sandbox.publishMessage({ appKey, topic: 't', content: '{}' });
    const { ack, socket } = await exchange(
      sandbox.urls.tmc,
      connectFrame({ appKey, appSecret, groupName: 'default', timestampMs: Date.now() }),
    );
    expect(ack.token).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.messageStatus(id)).toBe('delivered');
    socket.send(encodeFrame(confirmFrame('not-the-token', id)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.messageStatus(id)).toBe('delivered');
    socket.send(encodeFrame(confirmFrame(ack.token as string, id)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.messageStatus(id)).toBe('confirmed');
    socket.close();
  });
});
