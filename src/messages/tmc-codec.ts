/**
 * The binary frame of TOP's message channel (TMC), protocol version 2, as the official SDKs write it:
 * taobao-sdk 2.0.5 `lib/tmc/tmcCodec.js` (Node) and top-link's `MessageEncoder02` / `MessageDecoder02`
 * (Java, `com.taobao.api.internal.toplink.endpoint.protocol`). Little-endian throughout:
 *
 *   u8 protocolVersion (2) · u8 messageType · headers… · u16 0 (EndOfHeaders)
 *   header = u16 type, then: StatusCode u32 | StatusPhrase counted string | Flag u32 | Token counted
 *            string | Custom: counted-string key, u8 value format, value
 *   counted string = u32 byte length + UTF-8 bytes
 *
 * Value formats: Void (nothing), CountedString, Byte (u8), Int16, Int32, Int64 (8 bytes), Date (Int64
 * ms since the epoch), ByteArray (u32 length + bytes). Integers are read unsigned, as the Node SDK does
 * (Java reads them signed; the two agree below 2^31 / 2^63, which is all the protocol carries).
 */

/** Header types (taobao-sdk `common.js` `HeaderType`, top-link `MessageType.HeaderType`). */
export const HEADER_TYPE = { EndOfHeaders: 0, Custom: 1, StatusCode: 2, StatusPhrase: 3, Flag: 4, Token: 5 } as const;

/** Custom value formats (taobao-sdk `common.js` `ValueFormat`, top-link `MessageType.ValueFormat`). */
export const VALUE_FORMAT = {
  Void: 0,
  CountedString: 1,
  Byte: 2,
  Int16: 3,
  Int32: 4,
  Int64: 5,
  Date: 6,
  ByteArray: 7,
} as const;

/** The only protocol version the official Node and Java clients write. */
export const TMC_PROTOCOL_VERSION = 2;

/** A small integer with the width it travels in (Byte, Int16 or Int32). */
export interface TmcInt {
  format: 'byte' | 'int16' | 'int32';
  value: number;
}

/**
 * A custom header value. Each JavaScript type maps to one wire format, so a decoded frame encodes back
 * to the same bytes: null = Void, string = CountedString, bigint = Int64, Date = Date,
 * Uint8Array = ByteArray, TmcInt = Byte / Int16 / Int32.
 */
export type TmcValue = null | string | bigint | Date | Uint8Array | TmcInt;

/** One decoded frame: its type, the standard headers it carries, and its custom headers. */
export interface TmcFrame {
  messageType: number;
  statusCode?: number | undefined;
  statusPhrase?: string | undefined;
  flag?: number | undefined;
  token?: string | undefined;
  /** Custom headers in wire order. */
  headers: Array<[string, TmcValue]>;
}

/** A frame that cannot be read: too short, a length past the end, an unknown version. */
export class TmcCodecError extends Error {
  override name = 'TmcCodecError';
}

const INT_WIDTH = { byte: 1, int16: 2, int32: 4 } as const;
const INT_FORMAT = { byte: VALUE_FORMAT.Byte, int16: VALUE_FORMAT.Int16, int32: VALUE_FORMAT.Int32 } as const;
const UINT64_MAX = (1n << 64n) - 1n;

/** Encodes a frame. Header order follows the official encoders: status, phrase, flag, token, custom. */
export function encodeFrame(frame: TmcFrame): Buffer {
  const parts: Buffer[] = [Buffer.from([TMC_PROTOCOL_VERSION, frame.messageType & 0xff])];
  // Zero and empty values are left out, as both official encoders do.
  if (frame.statusCode !== undefined && frame.statusCode > 0)
    parts.push(u16(HEADER_TYPE.StatusCode), u32(frame.statusCode));
  if (frame.statusPhrase) parts.push(u16(HEADER_TYPE.StatusPhrase), countedString(frame.statusPhrase));
  if (frame.flag !== undefined && frame.flag > 0) parts.push(u16(HEADER_TYPE.Flag), u32(frame.flag));
  if (frame.token) parts.push(u16(HEADER_TYPE.Token), countedString(frame.token));
  for (const [key, value] of frame.headers) parts.push(u16(HEADER_TYPE.Custom), countedString(key), encodeValue(value));
  parts.push(u16(HEADER_TYPE.EndOfHeaders));
  return Buffer.concat(parts);
}

function encodeValue(value: TmcValue): Buffer {
  if (value === null) return Buffer.from([VALUE_FORMAT.Void]);
  if (typeof value === 'string')
    return Buffer.concat([Buffer.from([VALUE_FORMAT.CountedString]), countedString(value)]);
  if (typeof value === 'bigint') {
    if (value < 0n || value > UINT64_MAX) throw new RangeError(`Int64 value out of range: ${value}`);
    const out = Buffer.alloc(9);
    out[0] = VALUE_FORMAT.Int64;
    out.writeBigUInt64LE(value, 1);
    return out;
  }
  if (value instanceof Date) {
    const out = Buffer.alloc(9);
    out[0] = VALUE_FORMAT.Date;
    out.writeBigUInt64LE(BigInt(value.getTime()), 1);
    return out;
  }
  if (value instanceof Uint8Array)
    return Buffer.concat([Buffer.from([VALUE_FORMAT.ByteArray]), u32(value.length), value]);
  const width = INT_WIDTH[value.format];
  const out = Buffer.alloc(1 + width);
  out[0] = INT_FORMAT[value.format];
  out.writeUIntLE(value.value, 1, width);
  return out;
}

/** Decodes one frame; throws `TmcCodecError` on anything it cannot read completely. */
export function decodeFrame(bytes: Uint8Array): TmcFrame {
  const reader = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const version = reader.u8();
  if (version !== TMC_PROTOCOL_VERSION) throw new TmcCodecError(`unsupported TMC protocol version ${version}`);
  const frame: TmcFrame = { messageType: reader.u8(), headers: [] };
  for (let type = reader.u16(); type !== HEADER_TYPE.EndOfHeaders; type = reader.u16()) {
    if (type === HEADER_TYPE.Custom) frame.headers.push([reader.countedString(), reader.value()]);
    else if (type === HEADER_TYPE.StatusCode) frame.statusCode = reader.u32();
    else if (type === HEADER_TYPE.StatusPhrase) frame.statusPhrase = reader.countedString();
    else if (type === HEADER_TYPE.Flag) frame.flag = reader.u32();
    else if (type === HEADER_TYPE.Token) frame.token = reader.countedString();
    // Both official decoders skip an unknown header type without reading a value, which leaves them
    // mid-frame: refusing it is the only reading that cannot go wrong.
    else throw new TmcCodecError(`unknown TMC header type ${type}`);
  }
  return frame;
}

class Reader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}

  private need(bytes: number): number {
    const start = this.at;
    if (start + bytes > this.buffer.length) throw new TmcCodecError('TMC frame ends early');
    this.at += bytes;
    return start;
  }

  u8(): number {
    return this.buffer.readUInt8(this.need(1));
  }

  u16(): number {
    return this.buffer.readUInt16LE(this.need(2));
  }

  u32(): number {
    return this.buffer.readUInt32LE(this.need(4));
  }

  bytes(): Uint8Array {
    const length = this.u32();
    const start = this.need(length);
    // A plain Uint8Array copy: the frame buffer may be reused by the socket.
    return new Uint8Array(this.buffer.subarray(start, start + length));
  }

  countedString(): string {
    const length = this.u32();
    const start = this.need(length);
    return this.buffer.toString('utf8', start, start + length);
  }

  value(): TmcValue {
    const format = this.u8();
    switch (format) {
      case VALUE_FORMAT.Void:
        return null;
      case VALUE_FORMAT.Byte:
        return { format: 'byte', value: this.u8() };
      case VALUE_FORMAT.Int16:
        return { format: 'int16', value: this.u16() };
      case VALUE_FORMAT.Int32:
        return { format: 'int32', value: this.u32() };
      case VALUE_FORMAT.Int64:
        return this.buffer.readBigUInt64LE(this.need(8));
      case VALUE_FORMAT.Date:
        return new Date(Number(this.buffer.readBigUInt64LE(this.need(8))));
      case VALUE_FORMAT.ByteArray:
        return this.bytes();
      default:
        // MessageDecoder02 reads CountedString and any unknown format as a counted string.
        return this.countedString();
    }
  }
}

function u16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16LE(value);
  return out;
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value >>> 0);
  return out;
}

function countedString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u32(bytes.length), bytes]);
}
