/**
 * `open1688 record` and `open1688 sandbox --fixtures` end to end, as a user's shell runs them: record
 * a user item from one gateway, serve the recordings from a CLI sandbox that has no such item, and
 * get the same output; no credential in any file or output.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { cleanEnv, runCli, startCli } from './run-cli';

const ITEM = '880000000777';
const d = SANDBOX_DEFAULTS;

function topArgs(url: string): string[] {
  return [
    ...['--dialect', 'top', '--app-key', d.appKey, '--app-secret', d.appSecret],
    ...['--session', d.session, '--base-url', url],
  ];
}

let dir: string;
let source: Sandbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'open1688-cli-record-'));
  source = await startSandbox({ limits: false, fixtures: { items: [{ id: ITEM, title: '录制的商品', price: 9.9 }] } });
});
afterAll(async () => {
  await source.close();
  await rm(dir, { recursive: true, force: true });
});

// Each test spawns several node processes of the built CLI, each a second or more on a loaded machine.
it('records with the command, then serves the recording from open1688 sandbox --fixtures', async () => {
  const recorded = await runCli([
    'record',
    '--dir',
    dir,
    'item',
    ITEM,
    '--format',
    'json',
    ...topArgs(source.urls.top),
  ]);
  expect(recorded.stderr).toBe(`recorded 1 answer file in ${dir}\n`);
  expect(recorded.code).toBe(0);
  expect(JSON.parse(recorded.stdout).title).toBe('录制的商品');
  const names = await readdir(dir);
  expect(names).toEqual([expect.stringMatching(/^top\.alibaba\.item\.get\.[0-9a-f]{16}\.json$/)]);
  const file = await readFile(join(dir, names[0]!), 'utf8');
  for (const secret of [d.appSecret, d.session, d.accessToken]) {
    expect(file).not.toContain(secret);
    expect(recorded.stdout + recorded.stderr).not.toContain(secret);
  }

  const served = startCli(['sandbox', '--port', '0', '--fixtures', dir], cleanEnv());
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(served.stdout());
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 20);
      served.result.then(
        (r) => reject(new Error(`sandbox exited ${r.code}: ${r.stderr}`)),
        (e: Error) => reject(e),
      );
    });
    expect(served.stdout()).toContain(`serving the answers recorded in ${dir}`);
    const replayed = await runCli(['item', ITEM, '--format', 'json', ...topArgs(`${url}/router/rest`)]);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toBe(recorded.stdout);
    // Not recorded, and not in the seed data: the gateway's own "not found".
    const other = await runCli(['item', '880000000778', ...topArgs(`${url}/router/rest`)]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/not.?found|不存在/i);
  } finally {
    served.child.kill('SIGINT');
    await served.result.catch(() => undefined);
  }
}, 60_000);

it('usage errors: no --dir, no command, a command that cannot be recorded; a bad fixture directory', async () => {
  for (const [args, message] of [
    [['record', 'item', '1'], /missing --dir/],
    [['record', '--dir', dir], /missing the command to record/],
    [['record', '--dir', dir, 'sign', 'a=b'], /cannot record "sign"/],
    [['sandbox', '--fixtures', join(dir, 'missing')], /cannot start the sandbox: fixtures\.dir .*missing/],
  ] as const) {
    const result = await runCli([...args], cleanEnv());
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  }
}, 60_000);
