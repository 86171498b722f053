/**
 * The TMC codec against the official one (taobao-sdk 2.0.5 `lib/tmc/tmcCodec.js`), in both
 * directions: our frames are the bytes the official encoder writes, the official decoder reads our
 * frames (also the ones past its 256-byte write buffer), and we read what it writes.
 */
import fc from 'fast-check';
import { decodeFrame, encodeFrame, TmcCodecError, type TmcFrame } from '../../../src/messages/tmc-codec';
import { confirmFrame, connectFrame, pullFrame, tmcConnectSign } from '../../../src/messages/tmc-protocol';
import {
  describeWithOfficialSdk,
  officialCodec,
  requireOfficial,
  type OfficialCodec,
  type OfficialTmcClient,
} from '../../support/official-sdk';

const BIG_ID = '1152921504607846977'; // 2^60 + 1 000 001: past 2^53, so a double would lose it

describeWithOfficialSdk('TMC codec, byte for byte with the official taobao-sdk codec', () => {
  let official: OfficialCodec;
  let client: OfficialTmcClient;
  beforeAll(() => {
    official = officialCodec();
    const { TmcClient } = requireOfficial<{ TmcClient: new (k: string, s: string, g: string) => OfficialTmcClient }>(
      './lib/tmc/tmcClient.js',
    );
    client = new TmcClient('12345678', 'app-secret', 'default');
    client._token = 'f1e2d3c4-token';
  });

  it('pull and confirm frames are the bytes the official TmcClient sends', () => {
    expect(encodeFrame(pullFrame('f1e2d3c4-token'))).toEqual(client.createPullMessage());
    expect(encodeFrame(confirmFrame('f1e2d3c4-token', BIG_ID))).toEqual(client.createConfirmMessage(BIG_ID));
  });

  it('the connect signature is the official createSign, both ways round', () => {
    const timestampMs = 1_796_000_000_123;
    const ours = tmcConnectSign({ appKey: '12345678', appSecret: 'app-secret', groupName: 'default', timestampMs });
    expect(ours).toBe(client.createSign(timestampMs));
    // The official connect message carries Date.now(): decode it and check its sign with our rule.
    const theirs = decodeFrame(client.createConnectMessage());
    const field = (key: string) => theirs.headers.find(([k]) => k === key)?.[1];
    expect(theirs.messageType).toBe(0);
    const sent = Number(field('timestamp'));
    expect(field('sign')).toBe(
      tmcConnectSign({ appKey: '12345678', appSecret: 'app-secret', groupName: 'default', timestampMs: sent }),
    );
    // And the official reader reads our connect frame with the fields its server-side peer expects.
    const read = official.readMessage(
      encodeFrame(connectFrame({ appKey: '12345678', appSecret: 'app-secret', groupName: 'default', timestampMs })),
    );
    expect(read).toMatchObject({
      messageType: 0,
      app_key: '12345678',
      group_name: 'default',
      timestamp: String(timestampMs),
      sign: ours,
    });
  });

  it('status code, flag, token and Int64 numbers encode as the official writer encodes them', () => {
    const message = { messageType: 1, statusCode: 401, flag: 7, token: 'tk', content: { n: 42, name: '淘宝' } };
    const frame: TmcFrame = {
      messageType: 1,
      statusCode: 401,
      flag: 7,
      token: 'tk',
      headers: [
        ['n', 42n],
        ['name', '淘宝'],
      ],
    };
    expect(encodeFrame(frame)).toEqual(official.writeMessage(message));
  });

  it('the official reader reads our data frames, ids exact, content of any length', () => {
    const content = JSON.stringify({ tid: 'x'.repeat(600), nick: '买家 测试' });
    const pubTime = new Date(1_796_000_000_000);
    const frame: TmcFrame = {
      messageType: 2,
      token: 'tk',
      headers: [
        ['__kind', { format: 'byte', value: 3 }],
        ['id', BigInt(BIG_ID)],
        ['topic', 'taobao_trade_TradeCreate'],
        ['content', content],
        ['time', pubTime],
        ['userid', 2n ** 62n],
        ['small', { format: 'int16', value: 65535 }],
        ['mid', { format: 'int32', value: 4_000_000_000 }],
      ],
    };
    expect(official.readMessage(encodeFrame(frame))).toEqual({
      protocolVersion: 2,
      messageType: 2,
      token: 'tk',
      __kind: 3,
      id: BIG_ID,
      topic: 'taobao_trade_TradeCreate',
      content,
      time: pubTime.getTime(),
      userid: String(2n ** 62n),
      small: 65535,
      mid: 4_000_000_000,
    });
  });

  it('the official reader reads a refused CONNECTACK: status code and phrase', () => {
    const bytes = encodeFrame({ messageType: 1, statusCode: 401, statusPhrase: 'invalid signature', headers: [] });
    expect(official.readMessage(bytes)).toEqual({
      protocolVersion: 2,
      messageType: 1,
      statusCode: 401,
      statusPhase: 'invalid signature',
    });
  });

  it('we read every frame the official writer produces, and write it back to the same bytes', () => {
    // Within the official encoder's limits: a 256-byte buffer, and no empty string (it writes a Void
    // format byte without advancing, so the next header overwrites it).
    const key = fc.stringMatching(/^[a-z_]{1,8}$/).filter((k) => k !== 'id' && k !== '__kind');
    const value = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.nat({ max: 2 ** 32 - 1 }));
    const message = fc.record({
      messageType: fc.integer({ min: 0, max: 3 }),
      statusCode: fc.option(fc.integer({ min: 1, max: 2 ** 31 }), { nil: undefined }),
      flag: fc.option(fc.integer({ min: 1, max: 2 ** 31 }), { nil: undefined }),
      token: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
      content: fc.dictionary(key, value, { maxKeys: 5 }),
    });
    fc.assert(
      fc.property(message, (m) => {
        const bytes = official.writeMessage(m);
        const ours = decodeFrame(bytes);
        expect(ours.messageType).toBe(m.messageType);
        expect(ours.token).toBe(m.token);
        expect(ours.headers.map(([k]) => k)).toEqual(Object.keys(m.content));
        for (const [k, v] of ours.headers)
          expect(v).toEqual(typeof m.content[k] === 'number' ? BigInt(m.content[k]) : m.content[k]);
        expect(encodeFrame(ours)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('TMC codec on its own', () => {
  const frame: TmcFrame = {
    messageType: 2,
    statusCode: 5,
    statusPhrase: 'phrase',
    flag: 9,
    token: 'tok',
    headers: [
      ['void', null],
      ['empty', ''],
      ['bytes', new Uint8Array([1, 2, 3])],
      ['when', new Date(1_700_000_000_000)],
      ['b', { format: 'byte', value: 255 }],
    ],
  };

  it('decodes what it encodes, every value format included', () => {
    expect(decodeFrame(encodeFrame(frame))).toEqual(frame);
  });

  it('a frame cut short anywhere is a TmcCodecError, never a RangeError', () => {
    const bytes = encodeFrame(frame);
    for (let length = 0; length < bytes.length; length++) {
      expect(() => decodeFrame(bytes.subarray(0, length))).toThrow(TmcCodecError);
    }
  });

  it('refuses other protocol versions and unknown header types', () => {
    expect(() => decodeFrame(Buffer.from([1, 2, 0, 0]))).toThrow(/protocol version 1/);
    expect(() => decodeFrame(Buffer.from([2, 2, 9, 0, 0, 0]))).toThrow(/header type 9/);
  });

  it('refuses an Int64 it cannot write', () => {
    expect(() => encodeFrame({ messageType: 2, headers: [['id', -1n]] })).toThrow(RangeError);
  });
});
