/**
 * normalizeParams never changes what it sends: over random nested values of every kind, it either
 * refuses with an InvalidRequestError (never an engine TypeError or RangeError) or writes JSON that
 * decodes to exactly the value given, by an independent model of the rules (below). And for plain
 * JSON data its text is JSON.stringify's, byte for byte.
 */
import fc from 'fast-check';
import { InvalidRequestError } from '../../src/index';
import { normalizeValue } from '../../src/signing/normalize';

const SEED = 1688;
const REFUSED = Symbol('refused');

// An independent Beijing formatter (Intl, not the date-fns code under test).
const beijing = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
function beijingText(date: Date): string {
  const part = Object.fromEntries(beijing.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** What the receiver decodes from the JSON of `value`, or REFUSED: the rules as the README states them. */
function model(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return REFUSED;
      return value === 0 ? 0 : value; // JSON has no -0
    case 'undefined':
      return undefined;
    case 'object': {
      if (value === null) return null;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? REFUSED : beijingText(value);
      if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          const item = model(value[i]);
          if (item === REFUSED) return REFUSED;
          out.push(item === undefined ? null : item);
        }
        return out;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return REFUSED;
      const out: Record<string, unknown> = {};
      for (const [name, entry] of Object.entries(value)) {
        const item = model(entry);
        if (item === REFUSED) return REFUSED;
        if (item !== undefined) Object.defineProperty(out, name, { value: item, enumerable: true, writable: true });
      }
      return out;
    }
    default:
      return REFUSED; // bigint (inside JSON), function, symbol
  }
}

class Sku {
  readonly id = 1;
}

const leaf = fc.oneof(
  { arbitrary: fc.string({ maxLength: 6 }), weight: 3 },
  { arbitrary: fc.integer(), weight: 2 },
  fc.double({ min: -1e15, max: 1e15, noNaN: true }),
  fc.maxSafeInteger(),
  fc.boolean(),
  fc.constantFrom(null, undefined, -0),
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: false }),
  // Each of these must be refused: JSON.stringify would change or drop it without a word.
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, -(2 ** 64)),
  fc.bigInt(),
  fc.constantFrom(
    () => 1,
    Symbol('s'),
    new Map([['a', 1]]),
    new Set([1]),
    new Sku(),
    new Uint8Array(1),
    Object('boxed') as object,
  ),
);
const { value: nested } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.oneof(fc.array(tie('value'), { maxLength: 4 }), fc.sparseArray(tie('value'), { maxLength: 4 })),
  object: fc.oneof(
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 4 }).map((d) => ({ ...d })),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 3, noNullPrototype: false }),
  ),
}));

describe('normalizeParams sends nested values faithfully or refuses them', () => {
  it('refuses exactly what the model refuses, and otherwise sends JSON that decodes to the model', () => {
    fc.assert(
      fc.property(nested, (value) => {
        const expected = model([value]);
        let sent: string | undefined;
        try {
          sent = normalizeValue('p', [value]);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidRequestError);
          expect(expected).toBe(REFUSED);
          expect((error as Error).message).toMatch(/^params\.p\[0\]/);
          return;
        }
        expect(expected).not.toBe(REFUSED);
        expect(JSON.parse(sent as string)).toEqual(expected);
      }),
      { numRuns: 2_000, seed: SEED },
    );
  });

  it("writes JSON.stringify's text for plain JSON data", () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.integer(),
        fc.double({ min: -1e15, max: 1e15, noNaN: true }),
        fc.boolean(),
        fc.constant(null),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(json),
          fc.dictionary(fc.string({ maxLength: 8 }), json).map((d) => ({ ...d })),
        ),
        (value) => {
          expect(normalizeValue('p', value)).toBe(JSON.stringify(value));
        },
      ),
      { numRuns: 1_000, seed: SEED },
    );
  });
});
