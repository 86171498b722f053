/**
 * The conventions a script relies on, on the built CLI spawned as a user runs it: --version, one
 * meaning for --json, JSON lines into a pipe, `-` for stdin and stdout, several item ids, secrets
 * from a file or stdin (never printed), status on stderr, help per command, exit codes 0/1/2,
 * NO_COLOR / FORCE_COLOR, and `--help` loading none of the SDK.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { parseCsv } from '../support/parse-csv';
import { cleanEnv, ROOT, runCli, startCli } from './run-cli';

const SEED_ITEM = '610947572360';
const TIER_ITEM = '61234567890';
const MISSING_ITEM = '999';
const SHOP = 'b2b-2200733087881719de';
const WRONG_SECRET = 'wrong-secret-from-a-file-5f2e';

let sandbox: Sandbox;
let dir: string;

// Several runs of the CLI in one test, each a Node start-up: slow on a busy machine.
jest.setTimeout(30_000);

/** The sandbox's TOP demo app, every credential but the secret. */
function topWithoutSecret(target: Sandbox = sandbox): string[] {
  return [
    ...['--dialect', 'top', '--app-key', SANDBOX_DEFAULTS.appKey, '--session', SANDBOX_DEFAULTS.session],
    ...['--base-url', target.urls.top],
  ];
}
const top = (): string[] => [...topWithoutSecret(), '--app-secret', SANDBOX_DEFAULTS.appSecret];

beforeAll(async () => {
  sandbox = await startSandbox({ limits: false });
  dir = mkdtempSync(join(tmpdir(), 'open1688-conventions-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('version and help', () => {
  it('--version and -V print the version of package.json, alone, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      expect(await runCli([flag])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('help <command> and <command> --help print that command’s usage on stdout, exit 0', async () => {
    const viaHelp = await runCli(['help', 'item']);
    const viaFlag = await runCli(['item', '--help']);
    expect(viaHelp).toMatchObject({ code: 0, stderr: '' });
    expect(viaHelp.stdout).toMatch(/^open1688 item <id>… \| - /);
    expect(viaHelp.stdout).not.toContain('open1688 shop');
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
    const unknown = await runCli(['help', 'frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^UsageError: unknown command "frobnicate"/);
  });

  it('--help documents the exit codes and lists the environment variables the CLI reads', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toMatch(/exit codes: 0 ok, 1 runtime failure .*port in use/);
    expect(stdout).toMatch(/2 usage error .*130 interrupted \(Ctrl-C\)/);
    for (const variable of ['OPEN1688_DIALECT', 'OPEN1688_APP_KEY', 'OPEN1688_APP_SECRET', 'OPEN1688_BASE_URL']) {
      expect(stdout).toContain(variable);
    }
    for (const variable of [
      'OPEN1688_SESSION',
      'OPEN1688_ACCESS_TOKEN',
      'OPEN1688_TMC_URL',
      'NO_COLOR',
      'FORCE_COLOR',
    ]) {
      expect(stdout).toContain(variable);
    }
    // The dialect is required (or its variable): not shown as optional.
    expect(stdout).toContain('credentials: --dialect top|aop|onebound --app-key K');
  });

  it('--help loads none of the SDK: only the CLI’s own small modules', () => {
    const script = `
      const { main } = require(${JSON.stringify(resolve(ROOT, 'dist/cjs/cli/main.js'))});
      const io = { stdout: () => undefined, stderr: () => undefined, env: {} };
      main(['--help'], io).then((code) => console.log(JSON.stringify({ code, modules: Object.keys(require.cache) })));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const { code, modules } = JSON.parse(child.stdout) as { code: number; modules: string[] };
    expect(code).toBe(0);
    expect(modules.filter((path) => /node_modules/.test(path))).toEqual([]);
    // The error classes, to report a usage error; not the client, the transport or the sandbox.
    expect(modules.filter((path) => /[/\\](client|sandbox[/\\]index|transport[/\\]axios\w*)\.js$/.test(path))).toEqual(
      [],
    );
    expect(modules.length).toBeLessThanOrEqual(16);
  });
});

describe('--json: machine-readable output on stdout, on every command', () => {
  it('item --json prints the offer as JSON even where a table would be the default', async () => {
    const result = await runCli(['item', TIER_ITEM, '--json', ...top()]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ id: TIER_ITEM, minOrderQuantity: 5 });
    const clash = await runCli(['item', TIER_ITEM, '--json', '--table', '--sandbox']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/^UsageError: --json and --table exclude each other/);
  });

  it('call --json is accepted: the payload is JSON', async () => {
    const result = await runCli(['call', 'alibaba.item.get', `item_id=${TIER_ITEM}`, '--json', ...top()]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout).item).toMatchObject({ item_id: TIER_ITEM });
  });

  it('sign --json prints the masked canonical string and the signature as one object', async () => {
    const result = await runCli(['sign', '--app-secret', 's3cr3t-sign', '--json', 'a=1', 'b=2']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      method: 'md5',
      canonical: '«secret»a1b2«secret»',
      sign: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    expect(result.stdout).not.toContain('s3cr3t-sign');
  });
});

describe('listings and -', () => {
  it('item with several ids: one JSON line each, in order', async () => {
    const result = await runCli(['item', SEED_ITEM, TIER_ITEM, ...top()]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([SEED_ITEM, TIER_ITEM]);
  });

  it('item - reads the ids from stdin (JSON lines even for one id)', async () => {
    const result = await runCli(['item', '-', ...top()], cleanEnv(), `${TIER_ITEM}\n${SEED_ITEM}, ${TIER_ITEM}\n`);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual([TIER_ITEM, SEED_ITEM, TIER_ITEM]);
    const one = await runCli(['item', '-', ...top()], cleanEnv(), `${SEED_ITEM}\n`);
    expect(one.stdout.split('\n')).toHaveLength(2);
    const none = await runCli(['item', '-', ...top()], cleanEnv(), '\n');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^UsageError: item - read no id from stdin/);
  });

  it('an id that fails is reported on stderr; the others are printed; exit 1', async () => {
    const result = await runCli(['item', SEED_ITEM, MISSING_ITEM, TIER_ITEM, ...top()]);
    expect(result.code).toBe(1);
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual([SEED_ITEM, TIER_ITEM]);
    expect(result.stderr).toMatch(new RegExp(`^item ${MISSING_ITEM}: NotFoundError: .* \\(hint: check the id`));
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--csv - writes the CSV (no BOM) to stdout, the status to stderr, and no file named -', async () => {
    const result = await runCli(['shop', SHOP, '--page-size', '5', '--csv', '-', ...top()]);
    expect(result.code).toBe(0);
    const [header, ...rows] = parseCsv(result.stdout);
    expect(header?.[0]).toBe('offerId');
    expect(rows).toHaveLength(5);
    expect(result.stderr).toBe('wrote 5 rows to stdout, page 1 of 380 (1900 items, 5 a page)\n');
    expect(existsSync(join(ROOT, '-'))).toBe(false);
  });

  it('shop --all --csv FILE: the rows in the file, "wrote N rows" on stderr, nothing on stdout', async () => {
    const csv = join(dir, 'all.csv');
    const result = await runCli(['shop', SHOP, '--all', '--csv', csv, ...top()]);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: `wrote 1900 rows to ${csv}\n` });
    expect(parseCsv(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''))).toHaveLength(1901);
  });
});

describe('the secret from a file or stdin, never printed', () => {
  it('--app-secret-file: the call is signed with it; a wrong one is an error that never shows it', async () => {
    const good = join(dir, 'good-secret');
    const wrong = join(dir, 'wrong-secret');
    writeFileSync(good, `${SANDBOX_DEFAULTS.appSecret}\n`);
    writeFileSync(wrong, `${WRONG_SECRET}\n`);
    const ok = await runCli(['item', TIER_ITEM, '--app-secret-file', good, ...topWithoutSecret()]);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(ok.stdout).id).toBe(TIER_ITEM);

    const bad = await runCli(['item', TIER_ITEM, `--app-secret-file=${wrong}`, '--verbose', ...topWithoutSecret()]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^SignatureError: /);
    expect(bad.stdout + bad.stderr).not.toContain(WRONG_SECRET);
  });

  it('--app-secret-stdin: the secret from a pipe, masked in what the command prints', async () => {
    const ok = await runCli(
      ['item', TIER_ITEM, '--app-secret-stdin', ...topWithoutSecret()],
      cleanEnv(),
      SANDBOX_DEFAULTS.appSecret,
    );
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    const bad = await runCli(
      ['call', 'alibaba.item.get', 'item_id=1', '--app-secret-stdin', '--verbose', ...topWithoutSecret()],
      cleanEnv(),
      `${WRONG_SECRET}\n`,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).not.toContain(WRONG_SECRET);
    // sign masks it too, and says it used it: the canonical string holds it twice.
    const sign = await runCli(['sign', '--app-secret-stdin', 'a=1'], cleanEnv(), `${WRONG_SECRET}\n`);
    expect(sign).toMatchObject({ code: 0, stderr: '' });
    expect(sign.stdout).toContain('canonical: «secret»a1«secret»\n');
    expect(sign.stdout).not.toContain(WRONG_SECRET);
  });

  it('refuses two sources, an unreadable file and a stdin that also carries the ids: exit 2', async () => {
    const cases: Array<[string[], RegExp, string?]> = [
      [
        ['item', SEED_ITEM, '--app-secret', 'x', '--app-secret-stdin'],
        /^UsageError: give the secret once: --app-secret or --app-secret-stdin/,
        'y',
      ],
      [
        ['item', SEED_ITEM, '--app-secret-file', join(dir, 'nope')],
        /^UsageError: cannot read --app-secret-file .*nope: ENOENT/,
      ],
      [
        ['item', '-', '--app-secret-stdin', ...topWithoutSecret()],
        /^UsageError: stdin already gave the secret/,
        `${WRONG_SECRET}\n`,
      ],
    ];
    for (const [argv, pattern, input] of cases) {
      const result = await runCli(argv, cleanEnv(), input);
      expect([argv, result.code]).toEqual([argv, 2]);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).not.toContain(WRONG_SECRET);
    }
  });
});

describe('exit codes of runtime failures, and colour', () => {
  it('sandbox --port on a port already in use: exit 1 (a runtime failure), with a hint', async () => {
    const port = new URL(sandbox.url).port;
    const result = await runCli(['sandbox', '--port', port]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(
      /^CommandError: cannot start the sandbox: .*EADDRINUSE.* \(hint: choose another --port/,
    );
  });

  it('sandbox --json prints its URLs as one JSON line; Ctrl-C stops it with exit 0, the status on stderr', async () => {
    const running = startCli(['sandbox', '--json']);
    await new Promise<void>((done) => {
      const poll = setInterval(() => running.stdout().includes('\n') && (clearInterval(poll), done()), 20);
    });
    const info = JSON.parse(running.stdout()) as { url: string; urls: { top: string }; demo: { appKey: string } };
    expect(info.urls.top).toBe(`${info.url}/router/rest`);
    expect(info.demo.appKey).toBe(SANDBOX_DEFAULTS.appKey);
    running.child.kill('SIGINT');
    const result = await running.result;
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(/sandbox stopped after 0 requests/);
  });

  it('FORCE_COLOR colours the error line even into a pipe; NO_COLOR or no variable leaves it plain', async () => {
    const argv = ['item', SEED_ITEM, '--bogus'];
    const forced = await runCli(argv, cleanEnv({ FORCE_COLOR: '1' }));
    expect(forced.stderr.startsWith('\u001b[31mUsageError\u001b[39m: ')).toBe(true);
    for (const env of [cleanEnv(), cleanEnv({ NO_COLOR: '1' }), cleanEnv({ FORCE_COLOR: '0' })]) {
      const plain = await runCli(argv, env);
      expect(plain.code).toBe(2);
      expect(plain.stderr).toMatch(/^UsageError: /);
      expect(plain.stderr).not.toContain('\u001b');
    }
  });
});
