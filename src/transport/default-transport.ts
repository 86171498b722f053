/**
 * The transport a client makes for itself when none is given: undici (undici-transport.ts).
 */
import { Agent } from 'undici';
import type { Transport } from './transport.js';
import { UndiciTransport } from './undici-transport.js';

/** What the default transport is made from: the client's resolved options. */
export interface DefaultTransportSettings {
  maxBodyBytes: number;
  userAgent: string;
}

export function createDefaultTransport(settings: DefaultTransportSettings): Transport {
  return new UndiciTransport({
    maxBodyBytes: settings.maxBodyBytes,
    userAgent: settings.userAgent,
    // pipelining 0: a new connection per request, closed after its answer (the one repeat).
    dispatcher: ({ fresh, factory }) => new Agent({ factory, pipelining: fresh ? 0 : 1 }),
  });
}
