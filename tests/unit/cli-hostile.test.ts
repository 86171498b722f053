/**
 * The CLI against hostile text and hostile files, in process (main() with captured output, gateways
 * on 127.0.0.1): no escape sequence or control from a server reaches the terminal, and `shop --csv`
 * never replaces a file without --force, checked before any request, nor leaves a file behind a
 * command that failed before its first row.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CliIo } from '../../src/cli/args';
import { main } from '../../src/cli/main';
import { renderShopPage, shopItemLine, table } from '../../src/cli/render';
import { terminalJson, terminalLine, terminalText } from '../../src/cli/terminal-text';
import { parseMoney, type ShopItem } from '../../src/index';
import { TOP_ITEM_610947572360 } from '../../src/sandbox/fixtures/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { json, loopback, type Loopback } from '../support/loopback';

// Colour, clear screen, window title (OSC 0, ended by BEL), a hyperlink (OSC 8, ended by ST), the
// one-byte CSI (U+009B), a bell, a backspace and a lone carriage return that rewrites the line.
const HOSTILE = 'A\x1b[31mred\x1b[0m\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\u009b2K\x07\bB\rC';
// What may reach the terminal: no ESC, no C1, no DEL, no C0 but tab and newline, CR only before LF.
// eslint-disable-next-line no-control-regex -- controls are what this test looks for
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/;

function capture(env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env };
  return { io, out: () => out, err: () => err };
}

const topFlags = (url: string) => [
  ...['--dialect', 'top', '--app-key', '10000001', '--app-secret', 'cli-hostile-secret'],
  ...['--base-url', `${url}/router/rest`],
];

describe('terminal text', () => {
  it('removes every escape sequence and control, in any text', () => {
    const unit = fc.constantFrom(
      'a',
      '中',
      '[',
      ']',
      ';',
      '0',
      '\\',
      '\x1b',
      '\x07',
      '\u009b',
      '\u009d',
      '\r',
      '\n',
      '\t',
      '\x00',
      '\x7f',
      '\u0085',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(terminalText(text)).not.toMatch(UNSAFE);
        expect(terminalLine(text)).not.toMatch(/[\t\r\n]/);
      }),
      { seed: 1688, numRuns: 2_000 },
    );
    expect(terminalText(HOSTILE)).toBe('AredlinkBC');
    expect(terminalText('line 1\r\n\tline 2\n')).toBe('line 1\r\n\tline 2\n');
  });

  it('writes DEL and C1 controls in JSON as escapes that read back the same', () => {
    const text = JSON.stringify({ title: HOSTILE });
    expect(terminalJson(text)).not.toMatch(UNSAFE);
    expect(JSON.parse(terminalJson(text))).toEqual({ title: HOSTILE });
  });

  it('keeps tables and listings aligned and clean', () => {
    const item: ShopItem = {
      id: '1',
      title: `${HOSTILE}\n第二行`,
      price: parseMoney('1.00'),
      sales: 3,
      shopName: HOSTILE,
      url: 'https://detail.1688.com/offer/1.html',
      image: 'https://cbu01.alicdn.com/1.jpg',
    };
    const page = { items: [item], page: 1, pageSize: 1, pageCount: 1, total: 1 };
    for (const text of [shopItemLine(item), renderShopPage(HOSTILE, page), table([{ header: HOSTILE }], [[HOSTILE]])])
      expect(text).not.toMatch(UNSAFE);
    const [header, rule] = table([{ header: HOSTILE }], [['x']]).split('\n');
    expect(header).toBe('AredlinkBC');
    expect(rule).toBe('─'.repeat('AredlinkBC'.length));
  });
});

describe('server text from a gateway', () => {
  let server: Loopback;
  afterEach(() => server.close());

  it('item, price and call print titles and payloads without their escape sequences', async () => {
    const item = { ...TOP_ITEM_610947572360, title: HOSTILE, unit: `部${HOSTILE}` };
    server = await loopback((_req, res) => json(res, 200, { alibaba_item_get_response: { item } }));
    const printed = [
      ['item', '610947572360', '--format', 'table'],
      ['item', '610947572360', '--format', 'csv'],
      ['price', '610947572360', '--quantity', '10'],
    ];
    const asJson = [
      ['item', '610947572360', '--format', 'json'],
      ['call', 'alibaba.item.get', 'item_id=610947572360'],
    ];
    for (const argv of [...printed, ...asJson]) {
      const c = capture();
      expect([argv, await main([...argv, ...topFlags(server.url)], c.io)]).toEqual([argv, 0]);
      expect([argv, UNSAFE.test(c.out() + c.err())]).toEqual([argv, false]);
      // Printed text loses the sequences; JSON keeps them as escapes that read back the same.
      if (printed.includes(argv)) expect(c.out()).toContain('AredlinkBC');
      else expect(JSON.stringify(JSON.parse(c.out()))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    }
  });

  it('an error message keeps the server text, without its escape sequences', async () => {
    server = await loopback((_req, res) =>
      json(res, 200, {
        error_response: { code: 15, msg: 'Remote service error', sub_code: 'isv.x', sub_msg: HOSTILE },
      }),
    );
    const c = capture();
    expect(await main(['call', 'alibaba.item.get', ...topFlags(server.url), '--verbose'], c.io)).toBe(1);
    expect(c.err()).toContain('AredlinkB');
    expect(c.err()).not.toMatch(UNSAFE);
  });
});

describe('shop --csv', () => {
  const SHOP = 'b2b-2200733087881719de';
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ limits: false });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'open1688-csv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // TOP: the aop dialect refuses the shop search (no public source shows its answer).
  const flags = () => [
    ...['--dialect', 'top', '--app-key', SANDBOX_DEFAULTS.appKey, '--app-secret', SANDBOX_DEFAULTS.appSecret],
    ...['--base-url', sandbox.urls.top],
  ];

  it('refuses to replace an existing file without --force, before any request', async () => {
    const csv = join(dir, 'shop.csv');
    writeFileSync(csv, 'precious');
    sandbox.reset();
    const c = capture();
    expect(await main(['shop', SHOP, '--csv', csv, ...flags()], c.io)).toBe(2);
    expect(c.err()).toMatch(/^UsageError: .*shop\.csv exists: pass --force to replace it/);
    expect(readFileSync(csv, 'utf8')).toBe('precious');
    expect(sandbox.log).toHaveLength(0);
    expect(readdirSync(dir)).toEqual(['shop.csv']);
  });

  it('replaces it with --force, through a temporary file that is gone afterwards', async () => {
    const csv = join(dir, 'shop.csv');
    writeFileSync(csv, 'old');
    const c = capture();
    expect(await main(['shop', SHOP, '--page-size', '5', '--csv', csv, '--force', ...flags()], c.io)).toBe(0);
    // A status line: on stderr, so that stdout keeps only output.
    expect(c.out()).toBe('');
    expect(c.err()).toMatch(/^wrote 5 rows to .*shop\.csv, page 1 of 380/);
    expect(readFileSync(csv, 'utf8').split('\r\n')).toHaveLength(7); // header, 5 rows, ''
    expect(readdirSync(dir)).toEqual(['shop.csv']);
  });

  it('leaves no file when the command fails before its first row', async () => {
    const csv = join(dir, 'shop.csv');
    const c = capture();
    const wrong = flags().map((flag) => (flag === SANDBOX_DEFAULTS.appSecret ? 'wrong-secret-0123' : flag));
    expect(await main(['shop', SHOP, '--all', '--csv', csv, ...wrong], c.io)).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--force without --csv is a usage error', async () => {
    const c = capture();
    expect(await main(['shop', SHOP, '--force', ...flags()], c.io)).toBe(2);
    expect(c.err()).toMatch(/--force is for --csv/);
  });
});
