/**
 * The default (undici) transport on real loopback sockets: compressed answers are decoded, the size
 * limit holds after decoding (a decompression bomb is cut off), redirects are not followed, and
 * what it sends carries the client's User-Agent and asks for the encodings it can decode.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { OpenClient, ResponseError, type ClientOptions } from '../../src/index';
import { loopback, type Loopback } from '../support/loopback';
import { failure } from '../support/sandbox-clients';

const OK = '{"alibaba_item_get_response":{"item":{"item_id":610947572360,"title":"半袖"}}}';
const ENCODERS: Record<string, (body: Buffer) => Buffer> = {
  gzip: gzipSync,
  deflate: deflateSync,
  'deflate (raw)': deflateRawSync,
  br: brotliCompressSync,
};

let servers: Loopback[] = [];
let clients: OpenClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
  clients = [];
  servers = [];
});

async function serve(handler: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const server = await loopback(handler);
  servers.push(server);
  return server;
}

function top(url: string, extra: Partial<ClientOptions> = {}): OpenClient {
  const client = new OpenClient({
    dialect: 'top',
    appKey: '10000001',
    appSecret: 'encoding-secret',
    baseUrl: `${url}/router/rest`,
    retry: false,
    limits: false,
    ...extra,
  });
  clients.push(client);
  return client;
}

it.each(Object.keys(ENCODERS))('decodes a %s answer', async (name) => {
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': name.split(' ')[0] as string });
    res.end((ENCODERS[name] as (b: Buffer) => Buffer)(Buffer.from(OK)));
  });
  await expect(top(server.url).call('alibaba.item.get')).resolves.toEqual({
    item: { item_id: 610947572360, title: '半袖' },
  });
});

it('asks for the encodings it decodes and sends the User-Agent', async () => {
  let headers: Record<string, unknown> = {};
  const server = await serve((req, res) => {
    headers = req.headers;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(OK);
  });
  await top(server.url, { userAgent: 'my-service/1.2' }).call('alibaba.item.get');
  expect(headers['accept-encoding']).toBe('gzip, deflate, br');
  expect(headers['user-agent']).toBe('my-service/1.2');
  expect(headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
});

it.each(['gzip', 'br'])('cuts off a %s bomb once it inflates past maxBodyBytes', async (encoding) => {
  // 1 MB of spaces inside valid JSON: a few KB compressed, far over the 64 KB limit decoded.
  const bomb = Buffer.from(`{"alibaba_item_get_response":{"x":"${' '.repeat(1_000_000)}"}}`);
  const packed = encoding === 'gzip' ? gzipSync(bomb) : brotliCompressSync(bomb);
  expect(packed.length).toBeLessThan(64_000);
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
    res.end(packed);
  });
  const error = await failure(top(server.url, { maxBodyBytes: 64_000 }).call('alibaba.item.get'));
  expect(error).toBeInstanceOf(ResponseError);
  expect((error as ResponseError).code).toBe('body-too-large');
});

it('does not follow a redirect: the 302 is the answer, and the target sees nothing', async () => {
  const target = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(OK);
  });
  const server = await serve((_req, res) => {
    res.writeHead(302, { location: `${target.url}/router/rest` });
    res.end();
  });
  const error = await failure(top(server.url).call('alibaba.item.get'));
  // An empty 302 is no envelope: the dialect reports it as a ResponseError with the status.
  expect(error).toBeInstanceOf(ResponseError);
  expect((error as ResponseError).httpStatus).toBe(302);
  expect(target.seen).toHaveLength(0);
});
