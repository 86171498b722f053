/**
 * Hostile input, fuzzed: API names that would address another path, inputs of 10 MiB, and bodies
 * too large to send. Each is an `InvalidRequestError` raised before anything is sent, whose message
 * quotes at most 200 characters of what the caller gave.
 */
import fc from 'fast-check';
import {
  InvalidRequestError,
  type OpenClient,
  parseMoney,
  unitPriceFor,
  type ClientOptions,
  type Dialect,
} from '../../src/index';
import { memoryClient, reply } from '../support/memory-transport';
import { seedOffer } from '../support/seed-offer';

const SEED = 1688;
const HUGE = '9'.repeat(10 * 1024 * 1024);
// The longest message a bad input may give: our sentence plus 200 quoted characters and the length.
const MAX_MESSAGE = 600;
const OK: Record<Dialect, unknown> = {
  top: { alibaba_item_get_response: { item: {} } },
  aop: { result: {} },
  onebound: { error_code: '0000', item: {} },
};

let clients: OpenClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((client) => client.close()));
  clients = [];
});

function client(dialect: Dialect, extra: Partial<ClientOptions> = {}) {
  const made = memoryClient(() => reply(200, OK[dialect]), {
    dialect,
    accessToken: dialect === 'aop' ? 'hostile-token-0123' : undefined,
    baseUrl: 'http://gateway.test/',
    retry: { retries: 3, minDelayMs: 1, maxDelayMs: 1 },
    ...extra,
  });
  clients.push(made.client);
  return made;
}

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<InvalidRequestError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('AOP API names', () => {
  it.each(['../..', 'ns/..', './x', 'ns/.', '.ns/x', 'ns/.name', '/x', 'ns/x/y', 'ns\\..', '%2e%2e/x'])(
    '%j is refused before signing',
    async (name) => {
      const { client: c, transport } = client('aop');
      const error = await refusal(c.call(name));
      expect(error.message).toContain('<namespace>/<name>');
      expect(transport.sent).toHaveLength(0);
    },
  );

  it('sends any accepted name to the path it names, never above it', async () => {
    const part = fc.string({ unit: fc.constantFrom('a', '1', '.', '-', '_', '/', '%', '\\'), maxLength: 8 });
    const { client: c, transport } = client('aop');
    await fc.assert(
      fc.asyncProperty(part, part, async (namespace, name) => {
        const apiName = `${namespace}/${name}`;
        const before = transport.sent.length;
        try {
          await c.call(apiName);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidRequestError);
          expect(transport.sent).toHaveLength(before);
          return;
        }
        const path = transport.sent[before]!.path;
        expect(path).toBe(`/param2/1/${apiName}/10000001`);
        expect(path.split('/')).not.toContain('..');
        expect(path.split('/')).not.toContain('.');
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('messages quote at most 200 characters of the input', () => {
  it.each(['top', 'aop', 'onebound'] as const)('a 10 MiB API name (%s)', async (dialect) => {
    const error = await refusal(client(dialect).client.call(`x/${HUGE}!`));
    expect(error.message.length).toBeLessThan(MAX_MESSAGE);
    expect(error.message).toContain(`(${HUGE.length + 3} characters)`);
  });

  it('a 10 MiB item id, as text and as a bigint', async () => {
    const { client: c, transport } = client('top');
    const text = await refusal(c.getItem(`${HUGE}x`));
    expect(text.message.length).toBeLessThan(MAX_MESSAGE);
    expect(text.message).toContain('9'.repeat(150));
    const bigint = await refusal(c.getItem(7n ** 100_000n));
    expect(bigint.message.length).toBeLessThan(MAX_MESSAGE);
    expect(bigint.message).toMatch(/a bigint of \d+ bits/);
    expect(transport.sent).toHaveLength(0);
  });

  it('a 10 MiB option name, field name, amount and SKU id', async () => {
    const { client: c } = client('top');
    const messages = [
      (await refusal(c.call('alibaba.item.get', {}, { [HUGE]: 1 } as never))).message,
      (await refusal(c.getItem('1', { fields: [HUGE] }))).message,
      (await refusal(() => parseMoney(`${HUGE}.001`))).message,
      (await refusal(() => unitPriceFor(seedOffer(), 10, HUGE))).message,
    ];
    for (const message of messages) expect(message.length).toBeLessThan(MAX_MESSAGE);
  });

  it('never cuts a character in half', async () => {
    // The 200th character is the first half of 😀: the quote stops before it.
    const name = `x/${'手'.repeat(197)}😀${'手'.repeat(10)}`;
    const error = await refusal(client('top').client.call(name));
    expect(error.message).toContain(`${'手'.repeat(197)}…`);
    expect(error.message).not.toMatch(/\\ud83d|[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('a request larger than maxBodyBytes', () => {
  it.each([
    ['top', 'POST'],
    ['aop', 'POST'],
    ['onebound', 'GET'],
    ['onebound', 'POST'],
  ] as const)('is refused before sending, never retried (%s %s)', async (dialect, httpMethod) => {
    const { client: c, transport } = client(dialect, { maxBodyBytes: 4_096 });
    const api = { top: 'alibaba.item.get', aop: 'com.alibaba.product/alibaba.product.get', onebound: 'item_get' };
    const error = await refusal(c.call(api[dialect], { q: 'x'.repeat(5_000) }, { httpMethod }));
    expect(error.code).toBe('request-too-large');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/more than maxBodyBytes \(4096\)/);
    expect(transport.sent).toHaveLength(0);
    // Just under the limit goes out.
    await c.call(api[dialect], { q: 'x'.repeat(3_000) }, { httpMethod });
    expect(transport.sent).toHaveLength(1);
  });
});
