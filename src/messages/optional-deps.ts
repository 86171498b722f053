/**
 * Loads a dependency on first use, so that importing open1688 or open1688/messages loads neither the
 * WebSocket library nor the Redis client. The CommonJS build (and Jest, which runs the sources as
 * CommonJS and has no dynamic `import()` without --experimental-vm-modules) has `require`; the ES
 * module build has no `require` and uses `import()`.
 */
import type { Redis, RedisOptions } from 'ioredis';
import type { ClientOptions, ServerOptions, WebSocket, WebSocketServer } from 'ws';

// Only the constructors used, typed by what they build: both module systems expose these names (the
// ESM and CJS views of @types/ws differ in their static members, not in the socket).
type WsModule = {
  WebSocket: new (url: string, options?: ClientOptions) => WebSocket;
  WebSocketServer: new (options: ServerOptions) => WebSocketServer;
};
type IoredisModule = { Redis: new (url: string, options: RedisOptions) => Redis };

function load<T>(name: string, viaImport: () => Promise<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof require === 'function') return Promise.resolve(require(name) as T);
  return viaImport();
}

export const loadWs = (): Promise<WsModule> => load('ws', () => import('ws'));
export const loadIoredis = (): Promise<IoredisModule> => load('ioredis', () => import('ioredis'));
