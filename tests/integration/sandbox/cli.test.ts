import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/args';
import { runSandboxUntil } from '../../../src/cli/sandbox';
import { http } from './http';

jest.setTimeout(60_000);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

async function waitFor(predicate: () => boolean) {
  for (let i = 0; i < 2000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('open1688 sandbox', () => {
  it('prints the URL and the demo credentials, serves requests, stops when told, never prints a given secret', async () => {
    const c = capture();
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const run = runSandboxUntil(['--app', 'mine:my-own-secret', '--qps', '3', '--per-minute', '50'], c.io, stopped);
    await waitFor(() => c.out().includes('Ctrl-C'));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(c.out())![1]!;
    expect(c.out()).toContain('appKey 10000001  appSecret sandbox-secret');
    expect(c.out()).toContain('appKey mine');
    expect(c.out()).toContain('limits per app key: 3/s, 50/min');
    expect(c.out()).not.toContain('my-own-secret');
    const answer = await http(`${url}/1688/item_get/?key=mine&secret=my-own-secret&num_iid=610947572360`);
    expect(JSON.parse(answer.text).error_code).toBe('0000');
    stop();
    expect(await run).toBe(0);
    // A status line, so on stderr: stdout holds only what the sandbox serves at.
    expect(c.err()).toContain('sandbox stopped after 1 requests.');
    expect(c.out()).not.toContain('sandbox stopped');
    await expect(http(url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it.each([
    [['sandbox', '--port', 'x'], /--port must be 0..65535/],
    [['sandbox', '--qps', '0'], /--qps must be a positive number/],
    [['sandbox', '--app', 'nosecret'], /--app must be key:secret/],
    [['sandbox', '--bogus'], /Unknown option '--bogus'/],
  ])('%j is a one-line usage error', async (argv, message) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(message);
  });

  it('runs in the foreground as a process and exits 0 on Ctrl-C (SIGINT)', async () => {
    const root = resolve(__dirname, '../../..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'sandbox'], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.stderr.on('data', (d) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await waitFor(() => out.includes('Ctrl-C'));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect((await http(`${url}/1688/item_get/?key=10000001&secret=sandbox-secret&num_iid=1`)).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(err).toContain('sandbox stopped after 1 requests.');
  });
});
