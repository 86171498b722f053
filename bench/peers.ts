/**
 * The peer SDKs' own TOP sign functions, loaded from bench/node_modules (`npm install --prefix bench`):
 * never reimplemented here. Each is reached the way the peer's own request code reaches it. A peer
 * that is not installed or does not load is reported with the reason, never replaced by a stand-in.
 * All three only implement `sign_method=md5`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export type PeerSign = (params: Record<string, string>, secret: string) => string;

export interface Peer {
  /** npm name. */
  name: string;
  /** Installed version, when it could be read. */
  version?: string;
  /** How the sign function is reached (printed next to the results). */
  via: string;
  /** The md5 signer, or undefined when the peer could not be loaded. */
  signMd5?: PeerSign;
  /** Why signMd5 is missing. */
  problem?: string;
}

// Resolve from bench/package.json so that the peers come from bench/node_modules, not the library's.
export const benchRequire = createRequire(path.join(__dirname, 'package.json'));

type Loader = () => PeerSign;

interface TopClientLike {
  sign(params: Record<string, string>): string;
}

const LOADERS: Array<{ name: string; via: string; load: Loader }> = [
  {
    // The official SDK: `TopClient.prototype.sign(params)` keyed by the client's `appsecret`; its
    // `request()` calls `this.sign(args)` just before sending.
    name: 'taobao-sdk',
    via: "new (require('taobao-sdk').ApiClient)({ appkey, appsecret }).sign(params)",
    load: () => {
      const { ApiClient } = benchRequire('taobao-sdk') as {
        ApiClient: new (options: { appkey: string; appsecret: string }) => TopClientLike;
      };
      const clients = new Map<string, TopClientLike>();
      return (params, secret) => {
        let client = clients.get(secret);
        if (!client) clients.set(secret, (client = new ApiClient({ appkey: 'bench', appsecret: secret })));
        return client.sign(params);
      };
    },
  },
  {
    // topsdk does not export its signer from the package main; its request_api.js calls
    // `util.sign(secret, args2sign)` from `topsdk/util`, which is what is loaded here.
    name: 'topsdk',
    via: "require('topsdk/util').sign(secret, params) (what topsdk/request_api.js calls)",
    load: () => {
      const util = benchRequire('topsdk/util') as { sign: (secret: string, args: Record<string, string>) => string };
      return (params, secret) => util.sign(secret, params);
    },
  },
  {
    // A Babel-compiled class; `request()` calls `this.sign(args)` with the constructor's appsecret.
    name: 'node-taobao-topclient',
    via: "new (require('node-taobao-topclient').default)({ appkey, appsecret }).sign(params)",
    load: () => {
      const TopClient = (
        benchRequire('node-taobao-topclient') as {
          default: new (options: { appkey: string; appsecret: string }) => TopClientLike;
        }
      ).default;
      const clients = new Map<string, TopClientLike>();
      return (params, secret) => {
        let client = clients.get(secret);
        if (!client) clients.set(secret, (client = new TopClient({ appkey: 'bench', appsecret: secret })));
        return client.sign(params);
      };
    },
  },
];

function versionOf(name: string): string | undefined {
  try {
    return (benchRequire(`${name}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Every peer, loaded or with the reason it could not be. */
export function loadPeers(): Peer[] {
  return LOADERS.map(({ name, via, load }) => {
    const version = versionOf(name);
    const base = { name, via, ...(version === undefined ? {} : { version }) };
    if (version === undefined) return { ...base, problem: 'not installed: run `npm install --prefix bench`' };
    try {
      return { ...base, signMd5: load() };
    } catch (error) {
      return { ...base, problem: `does not load: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
}

export function peerLabel(peer: Peer): string {
  return peer.version === undefined ? peer.name : `${peer.name}@${peer.version}`;
}
