/**
 * The transport a client makes for itself when none is given. Normally undici (undici-transport.ts),
 * straight or through the proxies of proxy-settings.ts (undici's EnvHttpProxyAgent: absolute-URI
 * requests to the proxy for http targets, a CONNECT tunnel for https ones, NO_PROXY hosts direct).
 * Node's `http.Agent`s cannot drive undici, so a client given `httpAgent` / `httpsAgent` sends with
 * axios through them: the agent then does all the connecting (its own proxy included).
 */
import type http from 'node:http';
import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent } from 'undici';
import { LazyAxiosTransport } from './lazy-axios-transport.js';
import type { ProxySettings } from './proxy-settings.js';
import type { Transport } from './transport.js';
import { UndiciTransport } from './undici-transport.js';

/** What the default transport is made from: the client's resolved options. */
export interface DefaultTransportSettings {
  maxBodyBytes: number;
  userAgent: string;
  /** Undefined: direct connections. */
  proxy: ProxySettings | undefined;
  /** PEM certificates trusted besides Node's own (for https gateways and proxies). */
  ca: string[] | undefined;
  httpAgent: http.Agent | undefined;
  httpsAgent: http.Agent | undefined;
}

export function createDefaultTransport(settings: DefaultTransportSettings): Transport {
  const { maxBodyBytes, userAgent, proxy, httpAgent, httpsAgent } = settings;
  if (httpAgent !== undefined || httpsAgent !== undefined) {
    return new LazyAxiosTransport({ maxBodyBytes, userAgent, httpAgent, httpsAgent });
  }
  // Node's list stays: `ca` alone would replace it, and then no public gateway could be verified.
  const tls = settings.ca === undefined ? undefined : { ca: [...rootCertificates, ...settings.ca] };
  return new UndiciTransport({
    maxBodyBytes,
    userAgent,
    dispatcher: ({ fresh, factory }) => {
      // pipelining 0: a new connection per request, closed after its answer (for the one repeat).
      const common = { factory, pipelining: fresh ? 0 : 1, connect: tls };
      if (proxy === undefined) return new Agent(common);
      // proxyTunnel false: an http target goes to an http proxy as an absolute-URI request, as curl
      // sends it; https targets are always tunnelled with CONNECT.
      return new EnvHttpProxyAgent({ ...common, ...proxy, requestTls: tls, proxyTls: tls, proxyTunnel: false });
    },
  });
}
