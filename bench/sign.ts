/**
 * Signing speed without the peers: for each parameter set (12 and 3 params), open1688's md5,
 * HMAC-MD5, HMAC-SHA256 and AOP HMAC-SHA1 signers, each next to the raw digest of its own canonical
 * string (the physical limit of any signer) and the assembly floor, in one interleaved run. The
 * target is ≤ 1.5× the raw digest; when bench/node_modules holds the official SDK (taobao-sdk), its
 * sign is measured too, with the ≥ 1.5× faster target. `npm run bench:peers` (what `npm run bench`
 * runs) adds the community SDKs and the cross-check. Run: npm run bench:sign
 */
import { printTable } from './emit';
import { loadPeers } from './peers';
import { measureSet, OFFICIAL, RAW_DEFINITION, warmUp, type LoadedPeer } from './sign-measure';
import { SIGN_SETS } from './sign-fixtures';

console.log(RAW_DEFINITION);
const official = loadPeers().filter((p): p is LoadedPeer => p.name === OFFICIAL && p.signMd5 !== undefined);
if (official.length === 0) console.log(`${OFFICIAL} is not installed (npm ci --prefix bench): no official-SDK target`);
warmUp(SIGN_SETS, official);
for (const set of SIGN_SETS) {
  const { table, targets } = measureSet(set, official);
  printTable(table);
  for (const t of targets) console.log(`target ${t.what}: ${t.value} — ${t.met ? 'met' : 'NOT met'}`);
}
