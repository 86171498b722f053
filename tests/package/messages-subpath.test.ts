/**
 * open1688/messages from the built package, through require and import: its names, and that loading
 * it (or the root entry) loads neither ws nor ioredis (they load when a consumer connects or a Redis
 * dedupe is first used).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const run = (fixture: string) =>
  JSON.parse(execFileSync(process.execPath, [join(__dirname, 'fixtures', fixture)], { cwd: root, encoding: 'utf8' }));

describe('the open1688/messages subpath', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cjs', 'messages', 'index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    }
  });

  it('require: exports the consumer, dedupe, push and SPI; the root has only the push check', () => {
    const result = run('messages-subpath.cjs');
    expect(result.exports).toEqual([
      'TmcConsumer',
      'aopPushHandler',
      'verifyAopPush',
      'memoryDedupe',
      'redisDedupe',
      'checkSignForSpi',
    ]);
    expect(result.rootPush).toEqual(['function', 'function']);
    expect(result.rootConsumer).toBe('undefined');
  });

  it('require: loading it pulls in neither ws nor ioredis, and the root entry no ws', () => {
    const result = run('messages-subpath.cjs');
    expect([result.messagesLoadedWs, result.messagesLoadedIoredis, result.rootLoadedWs]).toEqual([false, false, false]);
  });

  it('import: the ES module build has the same consumer and codec', () => {
    expect(run('messages-subpath.mjs')).toEqual({ consumer: 'function', roundTrip: true });
  });
});
