/**
 * Signing speed without the peers: for each parameter set (12 and 3 params), open1688's md5,
 * HMAC-MD5, HMAC-SHA256 and AOP HMAC-SHA1 signers, each next to the raw digest of its own canonical
 * string (the physical limit of any signer) and the assembly floor, in one interleaved run. The
 * target is ≤ 1.5× the raw digest. `npm run bench:peers` adds the peer SDKs and the official-SDK
 * target. Run: npm run bench:sign
 */
import { printTable } from './emit';
import { measureSet, RAW_DEFINITION, warmUp } from './sign-measure';
import { SIGN_SETS } from './sign-fixtures';

console.log(RAW_DEFINITION);
warmUp(SIGN_SETS, []);
for (const set of SIGN_SETS) {
  const { table, targets } = measureSet(set, []);
  printTable(table);
  for (const t of targets) console.log(`target ${t.what}: ${t.value} — ${t.met ? 'met' : 'NOT met'}`);
}
