/**
 * Ctrl-C in the middle of `shop --all --csv`: the crawl stops, the file holds the header and whole
 * rows only, as many as the command says it wrote, and the exit code is 130. The rows go to a
 * temporary file beside it until the command ends; no temporary file is left behind.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOP_ITEM_CSV_COLUMNS } from '../../src/model/shop-item-csv';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { parseCsv } from '../support/parse-csv';
import { startCli } from './run-cli';

const SHOP = 'b2b-2200733087881719de';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  // Every page answers 100 ms late, so the 95 pages of 20 take seconds: time enough to interrupt.
  sandbox = await startSandbox({ limits: false, faults: [{ kind: 'latency', latencyMs: 100 }] });
  dir = mkdtempSync(join(tmpdir(), 'open1688-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('leaves a valid CSV of exactly the rows it reports, and exits 130', async () => {
  const csv = join(dir, 'shop.csv');
  const cli = startCli([
    ...['shop', SHOP, '--all', '--page-size', '20', '--csv', csv],
    // TOP: the aop dialect refuses the shop search (no public source shows its answer).
    ...['--dialect', 'top', '--app-key', SANDBOX_DEFAULTS.appKey, '--app-secret', SANDBOX_DEFAULTS.appSecret],
    ...['--base-url', sandbox.urls.top],
  ]);
  // Some pages in: the header and at least two pages of rows, in the temporary file: the file itself
  // appears only when the command ends.
  const temporary = (): string | undefined => readdirSync(dir).find((name) => name.endsWith('.tmp'));
  await until(() => {
    const name = temporary();
    return name !== undefined && readFileSync(join(dir, name), 'utf8').split('\n').length > 1 + 40;
  }, 10_000);
  expect(existsSync(csv)).toBe(false);
  cli.child.kill('SIGINT');
  const result = await cli.result;

  expect(result.code).toBe(130);
  expect(readdirSync(dir)).toEqual(['shop.csv']);
  const said = /^interrupted: wrote (\d+) rows to (.+) before Ctrl-C\n$/.exec(result.stderr);
  expect(said?.[2]).toBe(csv);
  const reported = Number(said?.[1]);

  const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''));
  expect(header).toEqual([...SHOP_ITEM_CSV_COLUMNS]);
  for (const row of rows) expect(row).toHaveLength(header!.length);
  expect(rows).toHaveLength(reported);
  // Stopped part-way: more than the two pages waited for, fewer than the whole shop.
  expect(reported).toBeGreaterThanOrEqual(40);
  expect(reported).toBeLessThan(1900);
  // Each item once, starting with the listing's first (seed 003's example item).
  expect(new Set(rows.map((row) => row[0])).size).toBe(rows.length);
  expect(rows[0]?.[0]).toBe('628675986215');
});
