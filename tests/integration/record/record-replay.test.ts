/**
 * Record and replay over real sockets: a client with `recorder` writes each answer of a sandbox that
 * holds a user's item and shop; a new sandbox that holds only those files (its seed data would answer
 * "not found") gives a client the same mapped results. The files hold no credential.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError, SignatureError, type OpenClient } from '../../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox, type SandboxFixtures } from '../../../src/sandbox/index';
import { AxiosTransport } from '../../../src/transport/axios-transport';
import type { Transport } from '../../../src/transport/transport';
import { failure, sandboxClient, type DialectName } from '../../support/sandbox-clients';

const DIALECTS: DialectName[] = ['top', 'aop', 'onebound'];
const USER_ITEM = '880000000001';
const USER_SHOP = 'my-own-shop';
const MISSING_ITEM = '880000000099';

const userData: SandboxFixtures = {
  items: [
    {
      id: USER_ITEM,
      title: '自有商品 帆布袋',
      price: 12.5,
      tiers: [
        { minQuantity: 10, price: 12.5 },
        { minQuantity: 100, price: 11 },
      ],
      skus: [
        { skuId: '990001', spec: { 颜色: '白色', 尺码: 'M' }, quantity: 40 },
        { skuId: '990002', spec: { 颜色: '黑色', 尺码: 'L' }, price: 13, quantity: 60 },
      ],
    },
  ],
  shops: [
    {
      sellerNick: USER_SHOP,
      name: '我的店',
      items: [
        { id: '880000000011', title: '保温杯 大号', price: 30, sales: 5 },
        { id: '880000000012', title: '保温杯 小号', price: 20, sales: 50 },
        { id: '880000000013', title: '数据线', price: 8, sales: 500 },
      ],
    },
  ],
};

/** A transport that remembers every signature it sent, to prove none reaches a file. */
function signatureTap(): { transport: Transport; signatures: string[]; close: () => void } {
  const inner = new AxiosTransport({ maxBodyBytes: 1 << 20, userAgent: 'test' });
  const signatures: string[] = [];
  return {
    signatures,
    close: () => inner.close?.(),
    transport: {
      send: (request, options) => {
        const query = new URL(request.url).searchParams;
        const form = new URLSearchParams(request.body ?? '');
        for (const name of ['sign', '_aop_signature']) {
          const value = query.get(name) ?? form.get(name);
          if (value) signatures.push(value);
        }
        return inner.send(request, options);
      },
    },
  };
}

let dir: string;
let recordingSandbox: Sandbox;
const tap = signatureTap();
const recorded: Record<string, unknown> = {};

async function exercise(client: OpenClient, dialect: DialectName): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  out.item = await client.getItem(USER_ITEM);
  out.missing = await failure(client.getItem(MISSING_ITEM));
  if (dialect === 'top') out.call = await client.call('alibaba.item.get', { item_id: USER_ITEM });
  if (dialect !== 'aop') out.page = await client.searchShopItems({ sellerNick: USER_SHOP, sort: 'price', pageSize: 2 });
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'open1688-record-'));
  recordingSandbox = await startSandbox({ limits: false, fixtures: userData });
  for (const dialect of DIALECTS) {
    const client = sandboxClient(recordingSandbox, dialect, { recorder: { dir }, transport: tap.transport });
    try {
      recorded[dialect] = await exercise(client, dialect);
    } finally {
      await client.close();
    }
  }
});

afterAll(async () => {
  tap.close();
  await recordingSandbox.close();
  await rm(dir, { recursive: true, force: true });
});

describe('recording', () => {
  it('writes one pretty-printed file per dialect, API and parameters', async () => {
    const names = (await readdir(dir)).sort();
    // top: item, missing item, shop page (the call repeats getItem's request: one file);
    // aop: item, missing item; onebound: item, missing item, shop page.
    expect(names).toHaveLength(8);
    for (const name of names) expect(name).toMatch(/^(top|aop|onebound)\.[A-Za-z0-9._-]+\.[0-9a-f]{16}\.json$/);
    const text = await readFile(
      join(
        dir,
        names.find((n) => n.startsWith('top.alibaba.item.get'))!,
      ),
      'utf8',
    );
    expect(text).toMatch(
      /^\{\n {2}"format": "open1688-fixture\/1",\n {2}"dialect": "top",\n {2}"api": "alibaba\.item\.get"/,
    );
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'dialect', 'api', 'params', 'status', 'body']);
  });

  it('keeps error answers with their HTTP status (AOP 404)', async () => {
    const files = await Promise.all((await readdir(dir)).map((name) => readFile(join(dir, name), 'utf8')));
    const aopMissing = files
      .map((text) => JSON.parse(text))
      .find((f) => f.dialect === 'aop' && f.params.productID === MISSING_ITEM);
    expect(aopMissing.status).toBe(404);
    expect(JSON.parse(aopMissing.body).error_code).toBe('gw.ResourceNotFound');
  });

  it('writes no credential: secret, session, tokens, signatures or their names', async () => {
    // TOP signs 4 requests, AOP 2; OneBound sends its secret instead (in the list below).
    expect(tap.signatures).toHaveLength(6);
    const secrets = [
      SANDBOX_DEFAULTS.appSecret,
      SANDBOX_DEFAULTS.session,
      SANDBOX_DEFAULTS.accessToken,
      SANDBOX_DEFAULTS.refreshToken,
      ...tap.signatures,
    ];
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), 'utf8');
      for (const secret of secrets) expect(text).not.toContain(secret);
      const { params } = JSON.parse(text);
      for (const key of [
        'app_key',
        'key',
        'secret',
        'sign',
        'session',
        'timestamp',
        'access_token',
        '_aop_signature',
      ]) {
        expect(params).not.toHaveProperty(key);
      }
    }
  });
});

describe('replaying in a sandbox that holds only the recordings', () => {
  let replaySandbox: Sandbox;
  beforeAll(async () => {
    replaySandbox = await startSandbox({ limits: false, fixtures: { dir } });
  });
  afterAll(() => replaySandbox.close());

  it.each(DIALECTS)('%s: the same mapped results as when recorded', async (dialect) => {
    const client = sandboxClient(replaySandbox, dialect);
    try {
      const replayed = await exercise(client, dialect);
      expect(replayed).toEqual(recorded[dialect]);
      expect(replayed.missing).toBeInstanceOf(NotFoundError);
    } finally {
      await client.close();
    }
  });

  it('the seed data alone would not know the item; unrecorded calls get the normal behaviour', async () => {
    const plain = await startSandbox({ limits: false });
    const client = sandboxClient(plain, 'top');
    const replayClient = sandboxClient(replaySandbox, 'top');
    try {
      expect(await failure(client.getItem(USER_ITEM))).toBeInstanceOf(NotFoundError);
      // Not recorded: the seed item comes from the seed data.
      expect((await replayClient.getItem('610947572360')).id).toBe('610947572360');
    } finally {
      await Promise.all([client.close(), replayClient.close(), plain.close()]);
    }
  });

  it('still checks the signature before serving a recording', async () => {
    const client = sandboxClient(replaySandbox, 'top', { appSecret: 'not-the-secret', retry: false });
    try {
      expect(await failure(client.getItem(USER_ITEM))).toBeInstanceOf(SignatureError);
    } finally {
      await client.close();
    }
  });
});
