/**
 * Every command of the built CLI, spawned as a user runs it, against a sandbox in this process:
 * output formats, piping, exit codes 0/1/2, one-line errors with hints, and no secret in any output.
 */
import { beijingTimestamp } from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { parseCsv } from '../support/parse-csv';
import { main } from '../../src/cli/main';
import { cleanEnv, cliCommand, runCli, runShell, type CliResult } from './run-cli';

const SEED_ITEM = '610947572360';
const TIER_ITEM = '61234567890';
const SHOP = 'b2b-2200733087881719de';
const WRONG_SECRET = 'not-the-sandbox-secret-91c3';

let sandbox: Sandbox;
let top: string[];

/** The credential flags of the sandbox's demo app on its TOP gateway. */
function topArgs(target: Sandbox): string[] {
  return [
    ...['--dialect', 'top', '--app-key', SANDBOX_DEFAULTS.appKey, '--app-secret', SANDBOX_DEFAULTS.appSecret],
    ...['--session', SANDBOX_DEFAULTS.session, '--base-url', target.urls.top],
  ];
}

beforeAll(async () => {
  // Many short-lived clients share the demo app here, at once: the sandbox's limits are not under test.
  sandbox = await startSandbox({ limits: false });
  top = topArgs(sandbox);
});
afterAll(() => sandbox.close());

/** main() with captured output, as bin.js runs it but without a process of its own. */
async function runMain(argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: cleanEnv() };
  const code = await main(argv, io);
  return { code, signal: null, stdout, stderr };
}

function expectOneErrorLine(result: CliResult, pattern: RegExp): void {
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('open1688 item', () => {
  it('prints JSON when stdout is a pipe (the default format follows the terminal)', async () => {
    const result = await runCli(['item', SEED_ITEM, ...top]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const offer = JSON.parse(result.stdout);
    expect(offer).toMatchObject({ id: SEED_ITEM, priceRange: { min: { text: '799.00' } } });
    expect(offer.title).toContain('Qin2 Pro');
    expect(offer.skus).toHaveLength(2);
    expect(offer).not.toHaveProperty('raw');
  });

  it('--format table: title, price and tiers, MOQ, the SKUs as a table, the supplier', async () => {
    const result = await runCli(['item', TIER_ITEM, '--format', 'table', ...top]);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out.split('\n')[0]).toBe('2024新款夏季T恤 纯棉短袖 批发定制');
    expect(out).toContain('tiers      ≥5 件: ¥25.00   ≥100 件: ¥22.00   ≥500 件: ¥19.00');
    expect(out).toContain('MOQ        5 件');
    expect(out).toContain('supplier   XX服装有限公司 (XX服装厂), credit level 5, 诚信通 8 years');
    expect(out).toMatch(/^SKU\s+颜色\s+尺码\s+price\s+stock$/m);
    expect(out).toMatch(/^123456789\s+白色\s+M\s+¥25\.00\s+3000$/m);
  });

  it('--format csv: the offer CSV header and one row', async () => {
    const result = await runCli(['item', TIER_ITEM, '--format', 'csv', ...top]);
    expect(result.code).toBe(0);
    const [header, row, ...rest] = parseCsv(result.stdout);
    expect(rest).toEqual([]);
    expect(header?.slice(0, 3)).toEqual(['offerId', 'title', 'unit']);
    const record = Object.fromEntries(header!.map((name, i) => [name, row![i]]));
    expect(record).toMatchObject({ offerId: TIER_ITEM, priceTiers: '5:25.00;100:22.00;500:19.00', trustYears: '8' });
  });

  it('--sandbox needs no credentials; --dialect picks the gateway it speaks', async () => {
    const result = await runCli(['item', SEED_ITEM, '--sandbox', '--dialect', 'onebound', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).id).toBe(SEED_ITEM);
  });

  it('reads the credentials from OPEN1688_* when no flag gives them', async () => {
    const env = cleanEnv({
      OPEN1688_DIALECT: 'aop',
      OPEN1688_APP_KEY: SANDBOX_DEFAULTS.appKey,
      OPEN1688_APP_SECRET: SANDBOX_DEFAULTS.appSecret,
      OPEN1688_ACCESS_TOKEN: SANDBOX_DEFAULTS.accessToken,
      OPEN1688_BASE_URL: sandbox.urls.aop,
    });
    const result = await runCli(['item', SEED_ITEM], env);
    expect(result.code).toBe(0);
    // AOP's productInfo names the supplier by supplierLoginId (src/methods/mappers/aop-product.ts).
    expect(JSON.parse(result.stdout).supplier.nick).toBe('qin多亲科技');
    expect(result.stdout + result.stderr).not.toContain(SANDBOX_DEFAULTS.accessToken);
  });
});

describe('open1688 shop, price, call', () => {
  it('shop --table: one page as a table (the default on a terminal)', async () => {
    const result = await runCli(['shop', SHOP, '--page-size', '5', '--table', ...top]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`shop ${SHOP}: page 1 of 380 (1900 items, 5 a page)`);
    expect(lines[1]).toMatch(/^offer\s+price\s+sales\s+title$/);
    expect(lines).toHaveLength(3 + 5);
  });

  it('shop into a pipe: JSON lines, one item a line, the page position on stderr', async () => {
    const result = await runCli(['shop', SHOP, '--page', '2', '--page-size', '7', '--sort', 'price', ...top]);
    expect(result.code).toBe(0);
    const items = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(items).toHaveLength(7);
    const fen = items.map((item: { price: { fen: number } }) => item.price.fen);
    expect(fen).toEqual([...fen].sort((a, b) => a - b));
    expect(result.stderr).toBe(`shop ${SHOP}: page 2 of 272 (1900 items, 7 a page)\n`);
    // --json asks for the same thing explicitly.
    const json = await runCli(['shop', SHOP, '--page', '2', '--page-size', '7', '--sort', 'price', '--json', ...top]);
    expect(json.stdout).toBe(result.stdout);
  });

  it('shop --all streams every item of every page to stdout', async () => {
    const result = await runCli(['shop', SHOP, '--all', '--json', ...top]);
    expect(result.code).toBe(0);
    const items = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(items).toHaveLength(1900);
    expect(new Set(items.map((item) => item.id)).size).toBe(1900);
    // Not a terminal: no progress bar, no summary.
    expect(result.stderr).toBe('');
  });

  it('shop --all into a pipe that closes early (| head): exit 0, no EPIPE trace', async () => {
    const result = await runShell(`${cliCommand(['shop', SHOP, '--all', ...top])} | head -n 2`);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('price: the tier unit price for the quantity and the total', async () => {
    const result = await runCli(['price', TIER_ITEM, '--quantity', '200', ...top]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      '2024新款夏季T恤 纯棉短袖 批发定制\n  200 件: ¥22.00 a piece (tier from 100 件)\n  total: ¥4400.00\n',
    );
    const json = await runCli(['price', TIER_ITEM, '--quantity', '500', '--sku', '123456789', '--json', ...top]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      quantity: 500,
      skuId: '123456789',
      unitPrice: { text: '19.00', fen: 1900 },
      total: { text: '9500.00', fen: 950000 },
    });
  });

  it('call: any API, the payload as raw JSON, GET or POST', async () => {
    const post = await runCli(['call', 'alibaba.item.get', `item_id=${TIER_ITEM}`, ...top]);
    expect(post.code).toBe(0);
    expect(JSON.parse(post.stdout).item).toMatchObject({
      item_id: TIER_ITEM,
      step_price: [{ quantity: 5, price: '25.00' }, {}, {}],
    });
    const get = await runCli(['call', 'alibaba.item.get', `item_id=${TIER_ITEM}`, '--get', ...top]);
    const { request_id: _getId, ...getPayload } = JSON.parse(get.stdout);
    const { request_id: _postId, ...postPayload } = JSON.parse(post.stdout);
    expect(getPayload).toEqual(postPayload);
  });
});

describe('exit codes and error lines', () => {
  it('0 for --help (on stdout), 2 for no command at all (the same help on stderr)', async () => {
    const help = await runCli(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const name of ['item', 'shop', 'price', 'call', 'sign', 'sandbox', 'demo']) {
      expect(help.stdout).toMatch(new RegExp(`^  open1688 ${name}\\b`, 'm'));
    }
    const bare = await runCli([]);
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toBe(help.stdout);
    const one = await runMain(['shop', '--help']);
    expect(one).toMatchObject({ code: 0, stderr: '' });
    expect(one.stdout).toMatch(/^open1688 shop <sellerNick>/);
  });

  it('a bad flag: exit 2 and one line from the process itself', async () => {
    const flag = await runCli(['item', SEED_ITEM, '--bogus', '--sandbox']);
    expect(flag.code).toBe(2);
    expectOneErrorLine(flag, /^UsageError: Unknown option '--bogus' \(hint: open1688 item --help shows the usage\)\n$/);
  });

  // The same path as above (main → reportError), run in this process to keep the suite fast.
  it.each([
    [
      ['item', SEED_ITEM, '--bogus', '--sandbox'],
      /^UsageError: Unknown option '--bogus' \(hint: open1688 item --help shows the usage\)\n$/,
    ],
    [['frobnicate'], /^UsageError: unknown command "frobnicate" \(hint: open1688 --help shows the usage\)\n$/],
    [['item', '--sandbox'], /^UsageError: missing the item id/],
    [
      ['item', SEED_ITEM, '--sandbox', '--format', 'xml'],
      /^UsageError: --format must be one of table, json, csv, got "xml"/,
    ],
    [['price', TIER_ITEM, '--sandbox'], /^UsageError: missing --quantity N/],
    [['price', TIER_ITEM, '--quantity', '2.5', '--sandbox'], /^UsageError: --quantity must be a whole number/],
    [['shop', SHOP, '--page', '0', '--sandbox'], /^UsageError: --page must be a whole number of at least 1/],
    [
      ['shop', SHOP, '--csv', '/nonexistent-dir/out.csv', '--sandbox'],
      /^UsageError: cannot write \/nonexistent-dir\/out\.csv: ENOENT/,
    ],
    [['call', 'alibaba.item.get', 'novalue', '--sandbox'], /^UsageError: expected key=value, got "novalue"/],
    [['call', 'alibaba.item.get', '--get', '--post', '--sandbox'], /^UsageError: --get and --post exclude each other/],
    [['item', SEED_ITEM, '--dialect', 'jd', '--sandbox'], /^UsageError: --dialect must be one of top, aop, onebound/],
  ])('%j: exit 2 and one UsageError line', async (argv, pattern) => {
    const result = await runMain(argv);
    expect(result.code).toBe(2);
    expectOneErrorLine(result, pattern);
    expect(result.stdout).toBe('');
  });

  it('a missing secret is a usage error naming the secret flags, OPEN1688_APP_SECRET and --sandbox', async () => {
    const result = await runCli(['item', SEED_ITEM, '--app-key', '12345', '--dialect', 'top']);
    expect(result.code).toBe(2);
    expectOneErrorLine(
      result,
      /^UsageError: missing secret: pass --app-secret, --app-secret-file or --app-secret-stdin, or set OPEN1688_APP_SECRET, or try --sandbox \(hint: /,
    );
  });

  it('a bad argument caught before sending: the SDK’s InvalidRequestError, exit 2, nothing sent', async () => {
    // A sandbox of its own: the shared one is busy with the other tests.
    const own = await startSandbox();
    const sort = await runCli(['shop', SHOP, '--sort', 'cheapest', ...topArgs(own)]).finally(() => own.close());
    expect(sort.code).toBe(2);
    expectOneErrorLine(
      sort,
      /^InvalidRequestError: .*sort.*must be one of price, _price, sale.* \(hint: fix the value named above and run again\)\n$/,
    );
    expect(own.log).toHaveLength(0);
  });

  it('a quantity below the minimum order: exit 2 with the minimum', async () => {
    const result = await runCli(['price', TIER_ITEM, '--quantity', '2', ...top]);
    expect(result.code).toBe(2);
    expectOneErrorLine(
      result,
      /^InvalidRequestError: quantity 2 is below the minimum order quantity of 5 件 for offer 61234567890 \(hint: /,
    );
  });

  it('a signature error: exit 1, the sandbox’s own message verbatim, the hint, never the secret', async () => {
    // What the sandbox itself answers to a bad signature, asked directly.
    const query = new URLSearchParams({
      ...{ method: 'alibaba.item.get', app_key: SANDBOX_DEFAULTS.appKey, item_id: '1', sign: '00' },
      ...{ timestamp: beijingTimestamp(), v: '2.0', format: 'json', sign_method: 'md5' },
    });
    const raw = (await (await fetch(`${sandbox.urls.top}?${query}`)).json()) as { error_response: { msg: string } };
    const serverMessage = raw.error_response.msg;
    expect(serverMessage).toMatch(/signature/i);

    const args = top.map((arg) => (arg === SANDBOX_DEFAULTS.appSecret ? WRONG_SECRET : arg));
    const result = await runCli(['item', SEED_ITEM, ...args]);
    expect(result.code).toBe(1);
    expectOneErrorLine(
      result,
      new RegExp(
        `^SignatureError: alibaba\\.item\\.get failed with TOP code 25: .*\\(server said: ${serverMessage}\\) ` +
          '\\(hint: run `open1688 sign` with the same params and compare the canonical string\\)\\n$',
      ),
    );
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain(WRONG_SECRET);
    expect(result.stderr).not.toContain(SANDBOX_DEFAULTS.session);
  });

  it('--verbose adds the redacted request: method, URL, parameter names, no value of a credential', async () => {
    const args = top.map((arg) => (arg === SANDBOX_DEFAULTS.appSecret ? WRONG_SECRET : arg));
    const result = await runCli(['item', SEED_ITEM, '--verbose', ...args]);
    expect(result.code).toBe(1);
    const [line, request, params, details, ...rest] = result.stderr.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(line).toMatch(/^SignatureError: /);
    expect(request).toBe(`  request: POST ${sandbox.urls.top}`);
    expect(params).toBe(
      '  params:  app_key, format, item_id, method, session, sign, sign_method, timestamp, v (values not shown)',
    );
    expect(JSON.parse(details!.replace(/^ {2}error: {3}/, ''))).toMatchObject({
      code: '25',
      httpStatus: 200,
      apiName: 'alibaba.item.get',
    });
    for (const secret of [WRONG_SECRET, SANDBOX_DEFAULTS.session]) expect(result.stderr).not.toContain(secret);
    // Nor the signature: no 32-digit hex of an md5 sign anywhere.
    expect(result.stderr).not.toMatch(/[0-9A-F]{32}/);
  });

  it('a failure of the platform is an API error: exit 1 with its hint', async () => {
    const failing = await startSandbox({ faults: [{ kind: 'service-error', api: 'alibaba.item.get' }] });
    const result = await runCli(['item', SEED_ITEM, ...topArgs(failing)]).finally(() => failing.close());
    expect(result.code).toBe(1);
    expectOneErrorLine(result, /^ServiceError: .* \(hint: the platform failed on its side: try again later\)\n$/);
    expect(failing.log.length).toBeGreaterThan(0);
  });
});

describe('open1688 demo with credentials', () => {
  it('runs against the gateway of OPEN1688_* and says so in its first line', async () => {
    const env = cleanEnv({
      ...{ OPEN1688_DIALECT: 'onebound', OPEN1688_BASE_URL: sandbox.urls.onebound },
      ...{ OPEN1688_APP_KEY: SANDBOX_DEFAULTS.appKey, OPEN1688_APP_SECRET: SANDBOX_DEFAULTS.appSecret },
      // The gateway here has no limits; a real one keeps the defaults (10/s).
      ...{ OPEN1688_QPS: '50', OPEN1688_PER_MINUTE: '1000' },
    });
    const result = await runCli(['demo'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      `open1688 demo against the onebound gateway at ${sandbox.urls.onebound} (credentials from OPEN1688_*)`,
    );
    expect(result.stdout).toContain('  200 件: 22.00 a piece, ¥4400.00 in all');
    expect(result.stdout).toMatch(/^crawled 1900 of 1900 items in 19 pages, /m);
    expect(result.stdout).not.toContain('sandbox stopped');
    expect(result.stdout).not.toContain(SANDBOX_DEFAULTS.appSecret);
  });
});
