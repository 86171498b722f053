/**
 * The axios transport, loaded when its first request is sent. Only a client given Node agents
 * (`httpAgent` / `httpsAgent`) sends through axios, so `require('open1688')` does not load axios and
 * its ~30 dependencies (about a fifth of the package's start-up) for everyone else.
 */
import type { AxiosTransportOptions } from './axios-transport.js';
import type { Transport, TransportRequest, TransportResponse, TransportSendOptions } from './transport.js';

export class LazyAxiosTransport implements Transport {
  private loaded: Promise<Transport> | undefined;

  constructor(private readonly options: AxiosTransportOptions) {}

  async send(request: TransportRequest, options: TransportSendOptions): Promise<TransportResponse> {
    return (await this.transport()).send(request, options);
  }

  async close(): Promise<void> {
    // Nothing to release when nothing was ever sent.
    if (this.loaded !== undefined) await (await this.loaded).close?.();
  }

  private transport(): Promise<Transport> {
    this.loaded ??= import('./axios-transport.js').then(({ AxiosTransport }) => new AxiosTransport(this.options));
    return this.loaded;
  }
}
