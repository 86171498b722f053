/**
 * Signing speed: `signTop` (md5) on a 12-parameter request next to the raw one-shot MD5 of the same
 * canonical string, the physical limit of any signer. Prints the ratio; the target is ≤ 1.5×.
 * The HMAC signers (TOP hmac-sha256, AOP hmac-sha1) are printed next to a raw HMAC of their own
 * canonical strings in the same way.
 * Run: npm run bench:sign
 */
import { hash } from 'node:crypto';
import { canonicalAop, canonicalTop, signAop, signTop } from '../src/index';
import { compare, formatRate, type Contender, type Measurement } from './measure';
import { AOP_PARAMS, AOP_PATH, PARAMS, rawHmac, same, SECRET } from './sign-fixtures';

const canonical = canonicalTop(PARAMS, SECRET, 'md5');
const hmacCanonical = canonicalTop(PARAMS, SECRET, 'hmac-sha256');
const aopCanonical = canonicalAop(AOP_PATH, AOP_PARAMS);
same(hash('md5', canonical, 'hex'), signTop(PARAMS, SECRET, 'md5'), 'signTop md5 and the raw hash');
same(rawHmac('sha256', hmacCanonical), signTop(PARAMS, SECRET, 'hmac-sha256'), 'signTop hmac-sha256 and raw HMAC');
same(rawHmac('sha1', aopCanonical), signAop(AOP_PATH, AOP_PARAMS, SECRET), 'signAop and raw HMAC');

// The floor of any signer that builds the string from the request: append the 24 keys and values
// (already sorted, nothing normalised, no uppercase) to the secret and hash that. It shows how much
// of the gap is the string assembly itself (V8 ropes that the hash must flatten) rather than our code.
const sortedEntries = Object.entries(PARAMS).sort(([a], [b]) => (a < b ? -1 : 1));
function assembleOnly(): string {
  let text = SECRET;
  for (const [key, value] of sortedEntries) {
    text += key;
    text += value;
  }
  return hash('md5', text + SECRET, 'hex');
}
same(assembleOnly(), signTop(PARAMS, SECRET, 'md5'), 'the assembly floor and signTop');

function report(label: string, rawLabel: string, contenders: [Contender, Contender], target?: number): Measurement[] {
  const [ours, raw] = compare(contenders) as [Measurement, Measurement];
  console.log(`${ours.name.padEnd(48)} ${formatRate(ours.opsPerSecond)}`);
  console.log(`${raw.name.padEnd(48)} ${formatRate(raw.opsPerSecond)}`);
  const ratio = raw.opsPerSecond / ours.opsPerSecond;
  const verdict =
    target === undefined ? '' : ` (target ≤ ${target.toFixed(2)}×: ${ratio <= target ? 'met' : 'NOT met'})`;
  console.log(`${label} takes ${ratio.toFixed(2)}× the time of ${rawLabel}${verdict}\n`);
  return [ours, raw];
}

console.log(`${Object.keys(PARAMS).length} params, canonical string ${Buffer.byteLength(canonical)} bytes\n`);
report(
  'signTop md5',
  'the raw hash',
  [
    { name: 'signTop md5 (12 params)', run: () => signTop(PARAMS, SECRET, 'md5') },
    { name: 'raw one-shot md5 of the canonical string', run: () => hash('md5', canonical, 'hex') },
  ],
  1.5,
);
report('assembly alone (the floor, for reference)', 'the raw hash', [
  { name: 'sorted pieces appended + one-shot md5', run: assembleOnly },
  { name: 'raw one-shot md5 of the canonical string', run: () => hash('md5', canonical, 'hex') },
]);
report('signTop hmac-sha256', 'the raw HMAC', [
  { name: 'signTop hmac-sha256 (12 params)', run: () => signTop(PARAMS, SECRET, 'hmac-sha256') },
  { name: 'raw HMAC-SHA256 of the canonical string', run: () => rawHmac('sha256', hmacCanonical) },
]);
report('signAop', 'the raw HMAC', [
  { name: 'signAop hmac-sha1 (12 params)', run: () => signAop(AOP_PATH, AOP_PARAMS, SECRET) },
  { name: 'raw HMAC-SHA1 of the canonical string', run: () => rawHmac('sha1', aopCanonical) },
]);
