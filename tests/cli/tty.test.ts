/**
 * What a person at a terminal sees, under a pseudo-terminal (util-linux `script`): `item` and
 * `shop` default to tables, error lines are coloured (not with NO_COLOR), `shop --all` draws its
 * progress bar, and `npm start` from a clean build runs the demo.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cleanEnv, cliCommand, ROOT, runUnderTty } from './run-cli';

const SHOP = 'b2b-2200733087881719de';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'open1688-tty-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('item prints a table on a terminal', async () => {
  const result = await runUnderTty(cliCommand(['item', '610947572360', '--sandbox']));
  expect(result.code).toBe(0);
  const out = result.stdout.replaceAll('\r\n', '\n');
  expect(out).toMatch(/^厂家直销小米有品Qin2 Pro智能手机/);
  expect(out).toMatch(/^ {2}supplier {3}深圳市多亲科技有限公司 \(qin多亲科技\)$/m);
  expect(out).toMatch(/^SKU\s+机身内存\s+颜色\s+price\s+stock$/m);
  expect(out).not.toContain('{');
});

it('item with several ids prints a table for each on a terminal', async () => {
  const result = await runUnderTty(cliCommand(['item', '610947572360', '61234567890', '--sandbox']));
  expect(result.code).toBe(0);
  const out = result.stdout.replaceAll('\r\n', '\n');
  expect(out).toMatch(/^厂家直销小米有品Qin2 Pro智能手机/);
  expect(out).toMatch(/\n\n2024新款夏季T恤 纯棉短袖 批发定制\n/);
  expect(out).not.toContain('{');
});

it('shop prints a table on a terminal, JSON lines when --json forces them', async () => {
  const table = await runUnderTty(cliCommand(['shop', SHOP, '--page-size', '3', '--sandbox']));
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^shop b2b-2200733087881719de: page 1 of 634 \(1900 items, 3 a page\)\r\n/);
  expect(table.stdout).toMatch(/^offer\s+price\s+sales\s+title\r$/m);
  const json = await runUnderTty(cliCommand(['shop', SHOP, '--page-size', '3', '--json', '--sandbox']));
  const lines = json.stdout.trimEnd().split('\r\n');
  // Three items, then the position line (stderr, merged here).
  expect(lines.slice(0, 3).map((line) => JSON.parse(line).id)).toHaveLength(3);
  expect(lines[3]).toBe('shop b2b-2200733087881719de: page 1 of 634 (1900 items, 3 a page)');
});

it('an error line is coloured on a terminal, and plain with NO_COLOR', async () => {
  const command = cliCommand(['item', '610947572360', '--bogus']);
  const coloured = await runUnderTty(command);
  expect(coloured.code).toBe(2);
  expect(coloured.stdout.startsWith("\u001b[31mUsageError\u001b[39m: Unknown option '--bogus' \u001b[2m(hint: ")).toBe(
    true,
  );
  const plain = await runUnderTty(command, cleanEnv({ NO_COLOR: '1' }));
  expect(plain.code).toBe(2);
  expect(plain.stdout).toMatch(
    /^UsageError: Unknown option '--bogus' \(hint: open1688 item --help shows the usage\)\r\n$/,
  );
});

it('--app-secret-stdin refuses a terminal, where the secret would be echoed as typed: exit 2', async () => {
  const result = await runUnderTty(cliCommand(['sign', '--app-secret-stdin', 'a=1']), cleanEnv({ NO_COLOR: '1' }));
  expect(result.code).toBe(2);
  expect(result.stdout).toMatch(/^UsageError: --app-secret-stdin reads a pipe, not a terminal/);
});

it('shop --all draws a progress bar (items, pages, rate) on a terminal and ends with a summary', async () => {
  const csv = join(dir, 'tty.csv');
  const result = await runUnderTty(cliCommand(['shop', SHOP, '--all', '--csv', csv, '--sandbox']));
  expect(result.code).toBe(0);
  // Redrawn in place: carriage return and erase-line (ESC [2K) before each state of the bar.
  expect(result.stdout).toContain('\r\u001b[2K[');
  expect(result.stdout).toMatch(/\[#*-*\] {2}\d+\/1900 items {2}\d+\/19 pages {2}\d+ items\/s {2}ETA [\d.]+ s/);
  expect(result.stdout).toMatch(/crawled 1900 of 1900 items in 19 pages, [\d.]+ s \(\d+ items\/s\)\r\n/);
  expect(result.stdout).toContain(`wrote 1900 rows to ${csv}\r\n`); // on stderr, merged here
  expect(readFileSync(csv, 'utf8').trimEnd().split('\r\n')).toHaveLength(1901);
});

it('npm start from a clean build: the seed item, the 22.00 tier price, the 1900-item crawl, exit 0', async () => {
  // A copy of the sources, so that its build (prestart) cannot disturb the dist/ other suites read.
  const project = join(dir, 'project');
  for (const entry of ['src', 'scripts', 'package.json', 'tsconfig.base.json']) {
    cpSync(resolve(ROOT, entry), join(project, entry), { recursive: true });
  }
  for (const entry of ['tsconfig.build.cjs.json', 'tsconfig.build.esm.json']) {
    cpSync(resolve(ROOT, entry), join(project, entry));
  }
  symlinkSync(resolve(ROOT, 'node_modules'), join(project, 'node_modules'));

  const result = await runUnderTty('npm start', cleanEnv(), project);
  const out = result.stdout.replaceAll('\r\n', '\n');
  expect(result.code).toBe(0);
  // npm's spinner may precede the demo's first line.
  expect(out).toMatch(/open1688 demo against the built-in sandbox at http:\/\/127\.0\.0\.1:\d+ /);
  expect(out).toContain('厂家直销小米有品Qin2 Pro智能手机学生机老人机备用机小爱同学4G');
  expect(out).toMatch(/^SKU\s+机身内存\s+颜色\s+price\s+stock$/m);
  expect(out).toContain('  200 件: 22.00 a piece, ¥4400.00 in all');
  expect(out).toMatch(/^shop b2b-2200733087881719de: page 1 of 190 \(1900 items, 10 a page\)$/m);
  expect(out).toMatch(/\[#*-*\] {2}\d+\/1900 items {2}\d+\/19 pages/);
  expect(out).toMatch(/crawled 1900 of 1900 items in 19 pages, [\d.]+ s/);
  expect(out).toMatch(/sandbox stopped after 22 requests/);
}, 180_000);
