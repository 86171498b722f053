/**
 * A gateway that echoes the request back (as some proxies and error pages do) must not put a
 * credential into a fixture file: the recorder masks every known credential in every form, and any
 * value next to a credential's name, in the body it writes and in the parameters.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRecorder } from '../../../src/sandbox/index';
import { PLAIN_APP, plainClient, plainGateway, type PlainGateway } from '../../support/plain-gateway';

let dir: string;
let gateway: PlainGateway;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'open1688-record-echo-'));
  gateway = await plainGateway((seen) => {
    const echo = new URLSearchParams(seen.params).toString();
    if (seen.params.method !== undefined) {
      // TOP: the whole request, as a query string and as JSON, inside an ordinary success.
      return { body: JSON.stringify({ alibaba_echo_get_response: { query: echo, seen: seen.params } }) };
    }
    return { body: JSON.stringify({ error_code: '0000', error: '', reason: '', item: { echo, args: seen.params } }) };
  });
});

afterAll(async () => {
  await gateway.close();
  await rm(dir, { recursive: true, force: true });
});

it('masks the echoed session, signature and secret in the body and keeps the rest verbatim', async () => {
  const recorder = new FileRecorder(dir);
  const top = plainClient(gateway, 'top', { recorder, session: 'echoed-session~key 1' });
  const onebound = plainClient(gateway, 'onebound', { recorder });
  try {
    await top.call('alibaba.echo.get', { item_id: '610947572360', note: 'keep me' });
    await onebound.call('item_get', { num_iid: '610947572360' });
  } finally {
    await Promise.all([top.close(), onebound.close()]);
  }
  const sign = gateway.seen[0]!.params.sign!;
  expect(sign).toMatch(/^[0-9A-F]{32}$/);
  expect(recorder.written).toHaveLength(2);
  expect((await readdir(dir)).sort()).toEqual(recorder.written.map((path) => path.slice(dir.length + 1)).sort());

  const texts = await Promise.all(recorder.written.map((path) => readFile(path, 'utf8')));
  for (const text of texts) {
    for (const secret of [PLAIN_APP.appSecret, 'echoed-session', encodeURIComponent('echoed-session~key 1'), sign]) {
      expect(text).not.toContain(secret);
    }
  }
  const [topFile, oneBoundFile] = texts.map((text) => JSON.parse(text));
  expect(topFile.params).toEqual({ item_id: '610947572360', note: 'keep me' });
  const topBody = JSON.parse(topFile.body).alibaba_echo_get_response;
  expect(topBody.seen).toMatchObject({
    session: '[redacted]',
    sign: '[redacted]',
    note: 'keep me',
    app_key: '12345678',
  });
  expect(topBody.query).toContain('session=[redacted]');
  expect(JSON.parse(oneBoundFile.body).item.args).toMatchObject({ secret: '[redacted]', num_iid: '610947572360' });
  expect(oneBoundFile.params).toEqual({ num_iid: '610947572360' });
});

it('a recorder that fails is logged (redacted) and does not fail the call', async () => {
  const warnings: unknown[] = [];
  const quiet = () => undefined;
  const client = plainClient(gateway, 'top', {
    logger: { debug: quiet, info: quiet, error: quiet, warn: (object: unknown) => warnings.push(object) },
    recorder: {
      record: () => {
        throw new Error(`disk full while writing ${PLAIN_APP.appSecret}`);
      },
    },
  });
  try {
    await expect(client.call('alibaba.echo.get', {})).resolves.toHaveProperty('query');
    expect(warnings).toEqual([{ apiName: 'alibaba.echo.get', error: 'disk full while writing [redacted]' }]);
  } finally {
    await client.close();
  }
});
