/**
 * The official TOP Node SDK (`taobao-sdk` 2.0.5), installed in bench/ (`npm ci --prefix bench`), as
 * the outside truth for the TMC codec, the connect signature and spiUtil. CI installs bench/ first,
 * so there the suites must run: a missing bench/node_modules fails them. Locally they are skipped
 * with one line saying how to install it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const OFFICIAL_SDK_DIR = join(__dirname, '..', '..', 'bench', 'node_modules', 'taobao-sdk');
export const officialSdkPresent = existsSync(join(OFFICIAL_SDK_DIR, 'package.json'));

/** A message as taobao-sdk's TmcCodec writes and reads it. */
export interface OfficialTmcMessage {
  protocolVersion?: number;
  messageType: number;
  statusCode?: number;
  statusPhase?: string;
  flag?: number;
  token?: string;
  content?: Record<string, string | number>;
  [field: string]: unknown;
}

export interface OfficialCodec {
  writeMessage(message: OfficialTmcMessage): Buffer;
  readMessage(buffer: Buffer): OfficialTmcMessage | null;
}

export interface OfficialTmcClient {
  _token: string;
  createConnectMessage(): Buffer;
  createPullMessage(): Buffer;
  createConfirmMessage(id: string): Buffer;
  createSign(timestamp: number): string;
}

export interface OfficialSpiUtil {
  checkSignForSpi(url: string, body: string, headers: Record<string, string>, secret: string): boolean;
}

/** `require` from inside the official package (its own dependencies resolve from bench/node_modules). */
export function requireOfficial<T>(path: string): T {
  return createRequire(join(OFFICIAL_SDK_DIR, 'index.js'))(path) as T;
}

export function officialCodec(): OfficialCodec {
  const { TmcCodec } = requireOfficial<{ TmcCodec: new () => OfficialCodec }>('./lib/tmc/tmcCodec.js');
  return new TmcCodec();
}

/** `describe` when bench/ is installed; a failing suite in CI without it; a skipped one (and one line) locally. */
export function describeWithOfficialSdk(name: string, body: () => void): void {
  if (officialSdkPresent) return describe(name, body);
  if (process.env.CI) {
    describe(name, () => {
      it('needs the official SDK in bench/node_modules', () => {
        throw new Error('bench/node_modules is missing: .ci/run must run `npm ci --prefix bench --no-audit --no-fund`');
      });
    });
    return;
  }
  console.log(`skipped "${name}": bench/node_modules is absent (npm ci --prefix bench --no-audit --no-fund)`);
  describe.skip(name, body);
}
