/**
 * `open1688 demo` (behind `npm start`): until the live demo against the sandbox exists, it shows a
 * signed TOP request for the seed item 610947572360, with the secret masked.
 */
import { beijingTimestamp } from '../clock.js';
import { canonicalTop, signTop } from '../signing/index.js';
import type { CliIo } from './args.js';
import { maskSecrets } from './mask.js';

export const demoUsage = `open1688 demo
  Shows a signed request for the seed item 610947572360 (what npm start runs).
  example: open1688 demo`;

// The demo credentials of the built-in sandbox: not a real app.
const DEMO_APP_KEY = '10000001';
const DEMO_APP_SECRET = 'sandbox-secret';
const DEMO_GATEWAY = 'https://gw.api.taobao.com/router/rest';

// Always the demo app: a real secret's signature must never be printed by a demo.
export function runDemo(_args: string[], io: CliIo): number {
  const appKey = DEMO_APP_KEY;
  const secret = DEMO_APP_SECRET;
  const params = {
    method: 'alibaba.item.get',
    app_key: appKey,
    timestamp: beijingTimestamp(),
    format: 'json',
    v: '2.0',
    sign_method: 'md5',
    item_id: '610947572360',
  };
  const sign = signTop(params, secret, 'md5');
  const query = new URLSearchParams({ ...params, sign });
  const credentials = [{ value: secret, label: 'secret' }];
  io.stdout(`open1688: a signed alibaba.item.get request for the seed item 610947572360 (demo app ${appKey})\n\n`);
  io.stdout(
    `canonical string (md5, secret masked):\n  ${maskSecrets(canonicalTop(params, secret, 'md5'), credentials)}\n\n`,
  );
  io.stdout(`request:\n  POST ${DEMO_GATEWAY}\n  ${query.toString()}\n\n`);
  io.stdout(
    `Check it yourself: open1688 sign --secret <your secret> ${Object.entries(params)
      .map(([k, v]) => `'${k}=${v}'`)
      .join(' ')}\n`,
  );
  return 0;
}
