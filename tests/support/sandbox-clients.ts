/** Clients wired to a running sandbox, with the sandbox's demo app unless told otherwise. */
import { OpenClient, type ClientOptions } from '../../src/index';
import { demoClientOptions } from '../../src/sandbox/demo-client';
import type { Sandbox } from '../../src/sandbox/index';

export type DialectName = 'top' | 'aop' | 'onebound';

export function sandboxClient(sandbox: Sandbox, dialect: DialectName, extra: Partial<ClientOptions> = {}): OpenClient {
  return new OpenClient({
    ...demoClientOptions(sandbox, dialect),
    retry: { retries: 2, minDelayMs: 5, maxDelayMs: 50 },
    // These clients test calls, errors and retries; the limiter's own tests pass their limits.
    limits: false,
    ...extra,
  });
}

/** One read call per dialect against the seed item. */
export const SEED_CALL: Record<DialectName, [string, Record<string, string>]> = {
  top: ['alibaba.item.get', { item_id: '610947572360' }],
  aop: ['com.alibaba.product/alibaba.product.get', { productID: '610947572360' }],
  onebound: ['item_get', { num_iid: '610947572360' }],
};

export const SEED_SHOP = 'b2b-2200733087881719de';

export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
