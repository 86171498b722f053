/**
 * `open1688 auth --store`: the exchanged tokens land in the RedisTokenStore that clients read with
 * `{ seller }`, and stdout shows what was stored without the tokens. When the store cannot be
 * reached, the tokens are printed instead (the one-time code cannot be exchanged again) and it exits 1.
 */
import { randomUUID } from 'node:crypto';
import { RedisTokenStore } from '../../src/auth/index';
import { TEST_REDIS_URL, describeWithRedis } from '../support/redis';
import { runCli } from '../cli/run-cli';

const SELLER = `auth-store-test-${randomUUID()}`;

describeWithRedis('open1688 auth --store', () => {
  const store = new RedisTokenStore(TEST_REDIS_URL);

  afterAll(async () => {
    // The default prefix, as the command uses it: remove what this test wrote.
    const { Redis } = await import('ioredis');
    const redis = new Redis(TEST_REDIS_URL);
    await redis.del(`open1688:tokens:tokens:${SELLER}`);
    await redis.quit();
    await store.close();
  });

  it('stores the tokens under --seller and prints what was stored without them', async () => {
    const result = await runCli([
      'auth',
      '--sandbox',
      '--port',
      '0',
      '--json',
      '--store',
      TEST_REDIS_URL,
      '--seller',
      SELLER,
    ]);
    expect(result.code).toBe(0);
    const stored = await store.get(SELLER);
    expect(stored).toMatchObject({
      accessToken: expect.stringMatching(/^token-/),
      refreshToken: expect.stringMatching(/^refresh-/),
    });
    expect(stored?.expiresAt).toBeGreaterThan(Date.now());
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({ stored: true, seller: SELLER, memberId: 'b2b-2206619673102e9470' });
    for (const token of [stored?.accessToken, stored?.refreshToken]) {
      expect(result.stdout).not.toContain(token);
      expect(result.stderr).not.toContain(token);
    }
  });
});

describe('open1688 auth --store, refused or unreachable', () => {
  it('refuses a store that is not a redis URL, and --seller without --store, before asking 1688', async () => {
    const notRedis = await runCli(['auth', '--sandbox', '--port', '0', '--store', 'http://user:pw-secret@host/']);
    expect(notRedis.code).toBe(2);
    expect(notRedis.stderr).toMatch(/--store must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(notRedis.stderr).not.toContain('pw-secret');
    expect(notRedis.stderr).not.toContain('Authorize URL');
    const sellerAlone = await runCli(['auth', '--sandbox', '--port', '0', '--seller', 'x']);
    expect(sellerAlone.code).toBe(2);
    expect(sellerAlone.stderr).toMatch(/--seller .* pass --store too/);
  });

  it('prints the tokens when the store cannot be reached, exits 1 and shows no store password', async () => {
    const result = await runCli([
      'auth',
      '--sandbox',
      '--port',
      '0',
      '--json',
      '--store',
      'redis://:pw-secret@127.0.0.1:1',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not store the tokens .*; printing them instead/);
    expect(result.stderr).not.toContain('pw-secret');
    expect(JSON.parse(result.stdout)).toMatchObject({ accessToken: expect.stringMatching(/^token-/) });
  });
});
