/**
 * close() stops every call, through an in-memory transport: from the moment it begins no attempt
 * starts (retries waiting in the loop, calls waiting in the limiter), a call whose attempt went out
 * ends with what that attempt got, and close() resolves only when no call is left. With and
 * without the limiter.
 */
import {
  InvalidRequestError,
  LimiterClosedError,
  type OpenClient,
  ServiceError,
  type ClientOptions,
  type OpenApiError,
} from '../../src/index';
import { memoryClient, reply, type Script } from '../support/memory-transport';

const OK = { alibaba_item_get_response: { item: { item_id: 1 } } };
const BUSY = reply(503, 'busy');

let clients: OpenClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((client) => client.close()));
  clients = [];
});

function client(script: Script, extra: Partial<ClientOptions> = {}) {
  const made = memoryClient(script, { retry: { retries: 10, minDelayMs: 40, maxDelayMs: 40 }, ...extra });
  clients.push(made.client);
  return made;
}

const later = <T>(ms: number, value: () => T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value()), ms));

/** Each call's outcome, and when it settled (Date.now()). */
function settle(call: Promise<unknown>) {
  return call.then(
    (value) => ({ ok: true as const, value, at: Date.now() }),
    (error: unknown) => ({ ok: false as const, error: error as OpenApiError, at: Date.now() }),
  );
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('close() with limits: false', () => {
  it('starts no retry after it begins; each call ends with its own last error', async () => {
    const { client: c, transport } = client(() => BUSY);
    const calls = Array.from({ length: 6 }, () => settle(c.call('alibaba.item.get')));
    await until(() => transport.sent.length >= 12);
    const closedAt = Date.now();
    const sentBefore = transport.sent.length;
    await c.close();
    const closedBy = Date.now();
    const outcomes = await Promise.all(calls);

    expect(transport.sent.filter((request) => request.atMs > closedAt)).toEqual([]);
    expect(transport.sent).toHaveLength(sentBefore);
    // The retries were waiting 40 ms: close ends the waits instead of sleeping them out.
    expect(closedBy - closedAt).toBeLessThan(30);
    let attempts = 0;
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error).toBeInstanceOf(ServiceError);
      expect(outcome.at).toBeLessThanOrEqual(closedBy);
      attempts += outcome.error.attempts;
    }
    // The attempts the errors count are exactly the requests sent.
    expect(attempts).toBe(sentBefore);
  });

  it('lets an attempt on the wire finish: its result, and close() waits for it', async () => {
    const { client: c } = client(() => later(80, () => reply(200, OK)));
    const call = settle(c.call('alibaba.item.get'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await c.close();
    const closedBy = Date.now();
    const outcome = await call;
    expect(outcome).toEqual(expect.objectContaining({ ok: true, value: { item: { item_id: 1 } } }));
    expect(outcome.at).toBeLessThanOrEqual(closedBy);
  });

  it("reports an attempt on the wire that fails with that attempt's error, not repeated", async () => {
    const { client: c, transport } = client(() => later(50, () => BUSY));
    const call = settle(c.call('alibaba.item.get'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await c.close();
    const outcome = await call;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(ServiceError);
      expect(outcome.error.attempts).toBe(1);
    }
    expect(transport.sent).toHaveLength(1);
  });

  it('refuses calls made after close, and a second close waits like the first', async () => {
    const { client: c } = client(() => later(60, () => reply(200, OK)));
    let settled = false;
    void settle(c.call('alibaba.item.get')).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const first = c.close();
    const second = c.close();
    await expect(c.call('alibaba.item.get')).rejects.toBeInstanceOf(InvalidRequestError);
    await second;
    // The second close resolved only once the call had settled too.
    expect(settled).toBe(true);
    await first;
  });
});

describe('close() with the limiter', () => {
  const slow = { limits: { qps: 1, perMinute: 100, qpsWindowMs: 500 } };

  it('rejects calls still queued as never sent, and lets the one sent finish', async () => {
    const { client: c, transport } = client(() => later(40, () => reply(200, OK)), slow);
    const calls = Array.from({ length: 4 }, () => settle(c.call('alibaba.item.get')));
    await until(() => transport.sent.length === 1);
    await c.close();
    const [first, ...queued] = await Promise.all(calls);
    expect(first?.ok).toBe(true);
    for (const outcome of queued) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error).toBeInstanceOf(LimiterClosedError);
        expect(outcome.error.attempts).toBe(0);
      }
    }
    expect(transport.sent).toHaveLength(1);
  });

  it('ends a call whose retry waits in the limiter with the error of the attempt it sent', async () => {
    const { client: c, transport } = client(() => BUSY, {
      ...slow,
      retry: { retries: 3, minDelayMs: 1, maxDelayMs: 1 },
    });
    const call = settle(c.call('alibaba.item.get'));
    await until(() => transport.sent.length === 1);
    // The retry now waits for the next window of the limiter (500 ms).
    await new Promise((resolve) => setTimeout(resolve, 30));
    await c.close();
    const outcome = await call;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(ServiceError);
      expect(outcome.error.message).not.toMatch(/closed before this call was sent/);
      expect(outcome.error.attempts).toBe(1);
    }
    expect(transport.sent).toHaveLength(1);
  });
});
