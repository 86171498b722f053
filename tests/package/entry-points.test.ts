/**
 * The package's three entry points as users load them (the built dist/, through the exports map):
 * a small root that loads neither the sandbox nor ioredis, and the sandbox, limiter and auth subpaths,
 * each through require and import, with errors recognised across the two builds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const run = (fixture: string) =>
  JSON.parse(execFileSync(process.execPath, [join(__dirname, 'fixtures', fixture)], { cwd: root, encoding: 'utf8' }));

describe('entry points', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cjs', 'sandbox', 'index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    }
  });

  it('the root holds at most 60 runtime values and loads neither the sandbox, nor ioredis, nor axios', () => {
    const result = run('entry-points.cjs');
    expect(result.rootValues.length).toBeLessThanOrEqual(60);
    expect(result.rootValues).toEqual(expect.arrayContaining(['OpenClient', 'signTop', 'signAop', 'beijingTimestamp']));
    expect(result.rootValues).not.toContain('startSandbox');
    const loaded: string[] = result.loadedByRoot;
    expect(loaded.filter((path) => /[\\/]node_modules[\\/]ioredis[\\/]/.test(path))).toEqual([]);
    // axios serves only clients given Node agents: it loads with their first request.
    expect(loaded.filter((path) => /[\\/]node_modules[\\/]axios[\\/]/.test(path))).toEqual([]);
    expect(loaded.filter((path) => /[\\/]dist[\\/]cjs[\\/]sandbox[\\/]/.test(path))).toEqual([]);
    expect(loaded.filter((path) => /[\\/]dist[\\/]cjs[\\/]limiter[\\/]redis/.test(path))).toEqual([]);
  });

  it('open1688/sandbox, open1688/limiter and open1688/auth load through require', () => {
    const result = run('entry-points.cjs');
    expect(result.authValues).toEqual(expect.arrayContaining(['authorizeUrl', 'exchangeCode']));
    expect(result.rootValues).not.toContain('exchangeCode');
    expect(result.sandboxValues).toEqual(expect.arrayContaining(['startSandbox', 'SANDBOX_DEFAULTS']));
    expect(result.limiterValues).toEqual(expect.arrayContaining(['createScheduler', 'maxInSlidingWindow']));
    expect(result.limiterClosedIsRootClass).toBe(true);
  });

  it('open1688/auth holds the token stores and loads ioredis only when a store connects', () => {
    const result = run('entry-points.cjs');
    expect(result.authValues).toEqual(expect.arrayContaining(['MemoryTokenStore', 'RedisTokenStore']));
    const loaded: string[] = result.loadedByAuth;
    expect(loaded.filter((path) => /[\\/]node_modules[\\/]ioredis[\\/]/.test(path))).toEqual([]);
  });

  it('the subpaths work through import, and an ESM error is an instance of the CommonJS classes', () => {
    const result = run('entry-points.mjs');
    expect(result).toEqual({
      esmSignatureError: true,
      cjsSignatureError: true,
      scheduled: 'ran',
      authorizeHost: 'auth.1688.com',
    });
  });

  it('every map carries its sources and the ESM build holds no CLI', () => {
    const map = JSON.parse(readFileSync(join(root, 'dist', 'esm', 'client.js.map'), 'utf8'));
    expect(map.sourcesContent?.[0]).toContain('class OpenClient');
    expect(existsSync(join(root, 'dist', 'esm', 'cli'))).toBe(false);
    expect(existsSync(join(root, 'dist', 'cjs', 'cli', 'bin.js'))).toBe(true);
  });
});
