/**
 * The TMC consumer against the sandbox's TMC endpoint over real WebSockets: typed messages with exact
 * ids, confirm by id, redelivery of what was not confirmed, a refused handshake, and a clean close.
 */
import { AuthenticationError, NetworkError, OpenClient } from '../../../src/index';
import { memoryDedupe, TmcConsumer, type TmcEvent } from '../../../src/messages/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../../src/sandbox/index';
import { waitFor } from '../../support/wait-for';

const { appKey, appSecret } = SANDBOX_DEFAULTS;
const FAST = { pullIntervalMs: 200, reconnect: { minDelayMs: 20, maxDelayMs: 100 } };

describe('TmcConsumer against the sandbox', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ tmc: { redeliveryMs: 300 } });
  });
  afterEach(() => sandbox.close());

  it('yields a typed message with 64-bit ids exact, and confirm() marks it confirmed on the server', async () => {
    const consumer = new TmcConsumer({ appKey, appSecret, url: sandbox.urls.tmc, ...FAST });
    const id = sandbox.publishMessage({
      appKey,
      topic: 'taobao_trade_TradeCreate',
      content: { tid: 4_611_686_018_427_387_904n, buyer_nick: '买家', payment: '12.50' },
      userNick: 'sandbox-seller',
      userId: 2n ** 55n + 7n,
    });
    expect(sandbox.messageStatus(id)).toBe('pending');
    for await (const message of consumer) {
      expect(message).toMatchObject({
        topic: 'taobao_trade_TradeCreate',
        id,
        userNick: 'sandbox-seller',
        userId: String(2n ** 55n + 7n),
        pubAppKey: appKey,
        content: { tid: '4611686018427387904', buyer_nick: '买家', payment: '12.50' },
      });
      expect(message.rawContent).toContain('"tid":4611686018427387904');
      expect(message.pubTime).toBeInstanceOf(Date);
      expect(sandbox.messageStatus(id)).toBe('delivered');
      await message.confirm();
      break;
    }
    await waitFor(() => sandbox.messageStatus(id) === 'confirmed');
  });

  it('a message left unconfirmed comes back after the redelivery timeout; a confirmed one does not', async () => {
    const consumer = new TmcConsumer({ appKey, appSecret, url: sandbox.urls.tmc, ...FAST });
    const id = sandbox.publishMessage({ appKey, topic: 't', content: '{"n":1}' });
    const iterator = consumer[Symbol.asyncIterator]();
    const first = await iterator.next(); // not confirmed: the handler "failed"
    const again = await iterator.next(); // redelivered 300 ms later
    expect([first.value.id, again.value.id]).toEqual([id, id]);
    await again.value.confirm();
    await waitFor(() => sandbox.messageStatus(id) === 'confirmed');
    const third = await Promise.race([
      iterator.next(),
      new Promise((resolve) => setTimeout(() => resolve('none'), 800)),
    ]);
    expect(third).toBe('none');
    await consumer.close();
  });

  it('refuses a wrong secret with the server phrase, and never shows the secret', async () => {
    const secret = 'wrong-secret-value';
    const consumer = new TmcConsumer({ appKey, appSecret: secret, url: sandbox.urls.tmc, ...FAST });
    const failure = await (async () => {
      try {
        for await (const message of consumer) void message;
      } catch (error) {
        return error as AuthenticationError;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect(failure?.serverMessage).toBe('invalid signature');
    expect(failure?.code).toBe('401');
    expect(JSON.stringify(failure) + String(failure?.stack)).not.toContain(secret);
  });

  it('backs off with growing attempts while the endpoint is down, and gives up after maxAttempts', async () => {
    sandbox.tmc.setAvailable(false);
    const events: TmcEvent[] = [];
    const consumer = new TmcConsumer({
      appKey,
      appSecret,
      url: sandbox.urls.tmc,
      reconnect: { minDelayMs: 5, maxDelayMs: 40, maxAttempts: 4 },
      onEvent: (event) => events.push(event),
    });
    await expect(consumer[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(NetworkError);
    const attempts = events.flatMap((e) => (e.type === 'reconnecting' ? [e] : []));
    expect(attempts.map((e) => e.attempt)).toEqual([1, 2, 3]);
    for (const e of attempts) expect(e.delayMs).toBeLessThanOrEqual(Math.min(40, 5 * 2 ** (e.attempt - 1)));
    expect(String(attempts[0]?.error.message)).toMatch(/503|closed during the handshake/);
  });

  it('close() ends the loop; a confirm that could not be sent any more rejects', async () => {
    const consumer = new TmcConsumer({ appKey, appSecret, url: sandbox.urls.tmc, ...FAST });
    sandbox.publishMessage({ appKey, topic: 't', content: '{}' });
    const iterator = consumer[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    sandbox.tmc.setAvailable(false);
    sandbox.tmc.disconnectAll();
    await waitFor(() => !consumer.connected);
    const confirm = first.value.confirm();
    await consumer.close();
    await expect(confirm).rejects.toThrow(/closed before the confirm/);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    expect(sandbox.tmc.connections()).toBe(0);
  });

  it('client.messages() builds the consumer from the client credentials (TOP only)', async () => {
    const client = new OpenClient({ dialect: 'top', appKey, appSecret, baseUrl: sandbox.urls.top });
    const consumer = client.messages({ url: sandbox.urls.tmc, groupName: 'default', ...FAST });
    const id = sandbox.publishMessage({ appKey, topic: 'taobao_item_ItemAdd', content: '{"num_iid":1}' });
    for await (const message of consumer) {
      expect(message.id).toBe(id);
      await message.confirm();
      break;
    }
    await client.close();
    const aop = new OpenClient({ dialect: 'aop', appKey, appSecret, baseUrl: sandbox.urls.aop });
    expect(() => aop.messages()).toThrow(/TOP's message channel/);
    await aop.close();
  });

  it('with a dedupe store, a redelivery of a message already handled is confirmed, not yielded', async () => {
    const dedupe = memoryDedupe();
    const events: TmcEvent[] = [];
    const id = sandbox.publishMessage({ appKey, topic: 't', content: '{}' });
    await dedupe.begin(id);
    await dedupe.complete(id); // handled by another consumer, whose confirm was lost
    const consumer = new TmcConsumer({
      appKey,
      appSecret,
      url: sandbox.urls.tmc,
      dedupe,
      ...FAST,
      onEvent: (e) => events.push(e),
    });
    const iterator = consumer[Symbol.asyncIterator]();
    const next = iterator.next();
    await waitFor(() => sandbox.messageStatus(id) === 'confirmed');
    expect(events).toContainEqual({ type: 'duplicate', id, state: 'done' });
    await consumer.close();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
  });

  it('with a dedupe store, release() after a failed handler lets the redelivery through', async () => {
    const consumer = new TmcConsumer({ appKey, appSecret, url: sandbox.urls.tmc, dedupe: memoryDedupe(), ...FAST });
    const id = sandbox.publishMessage({ appKey, topic: 't', content: '{}' });
    const iterator = consumer[Symbol.asyncIterator]();
    const first = await iterator.next();
    await first.value.release(); // the handler failed
    const again = await iterator.next(); // redelivered after 300 ms, and not skipped as "being handled"
    expect([first.value.id, again.value.id]).toEqual([id, id]);
    await again.value.confirm();
    await waitFor(() => sandbox.messageStatus(id) === 'confirmed');
    await consumer.close();
  });
});
