/**
 * A user without `@opentelemetry/api` (an optional peer dependency): here every require of it fails
 * as it would when it is not installed. Calls, hooks and extra headers work as before; the module
 * is not looked for before the first traced call, nor with `tracing: false`, and only once.
 */
import { reply, memoryClient } from '../support/memory-transport';

let mockLoads = 0;
jest.mock('@opentelemetry/api', () => {
  mockLoads += 1;
  throw Object.assign(new Error("Cannot find module '@opentelemetry/api'"), { code: 'MODULE_NOT_FOUND' });
});

const OK = { alibaba_item_get_response: { item: { item_id: 1 } } };

describe('without @opentelemetry/api', () => {
  it('never looks for it with tracing: false, nor when a client is made', async () => {
    const { client, transport } = memoryClient(() => reply(200, OK), { tracing: false });
    expect(mockLoads).toBe(0);
    await client.call('alibaba.item.get');
    expect(mockLoads).toBe(0);
    expect(transport.sent[0]!.headers).toBeUndefined();
    await client.close();
  });

  it('calls as usual, with hooks and their headers, and looks for the module once', async () => {
    const types: string[] = [];
    const { client, transport } = memoryClient((_request, i) => (i === 0 ? reply(503, 'busy') : reply(200, OK)), {
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
      hooks: { onEvent: (event) => types.push(event.type), headers: () => ({ 'X-Tenant': 'acme' }) },
    });
    await expect(client.call('alibaba.item.get')).resolves.toEqual(OK.alibaba_item_get_response);
    await client.call('alibaba.item.get');
    expect(mockLoads).toBe(1);
    expect(transport.sent.map((sent) => sent.headers)).toEqual([
      { 'X-Tenant': 'acme' },
      { 'X-Tenant': 'acme' },
      { 'X-Tenant': 'acme' },
    ]);
    expect(types.filter((type) => type === 'call-end')).toHaveLength(2);
    expect(types).toContain('retry');
    await client.close();
  });
});
