/**
 * Signing next to the peers, for each parameter set (12 and 3 params; sign-measure.ts): open1688's
 * four signers next to the raw digests of their canonical strings, the assembly floor, and each peer
 * SDK's own md5 sign function, all interleaved in one run per set. Prints ops/s, the time against the
 * raw digest, the speedup over the official SDK (taobao-sdk) and met / NOT met for every target.
 * Before anything is reported, every loaded peer's md5 signature is checked against ours on 1 000
 * random parameter sets: independent implementations as a cross-check. Any mismatch stops the run
 * (exit 1).
 * Run: npm run bench:peers
 */
import { emit, printTable, type PartResult } from './emit';
import { loadPeers, peerLabel } from './peers';
import { SIGN_SETS } from './sign-fixtures';
import { measureSet, OFFICIAL, RAW_DEFINITION, sdk, warmUp, type LoadedPeer } from './sign-measure';

const CROSS_CHECK_SETS = 1_000;

// A small seeded generator (mulberry32): the same 1 000 sets on every run, so a mismatch reproduces.
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Values mix ASCII, punctuation that URL encoding would change, CJK, and astral characters (emoji,
// so UTF-16 surrogate pairs), because the signature covers the raw UTF-8 text.
const VALUE_PIECES = [
  'a',
  'Z',
  '0',
  '9',
  ' ',
  '&',
  '=',
  '+',
  '%',
  '/',
  '?',
  '"',
  '纯',
  '棉',
  '批',
  '发',
  '¥',
  '😀',
  '𠮷',
  '-',
];
const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz_0123456789ABC.';

/**
 * One random parameter set within what every implementation defines the same way: non-empty string
 * values (ours drops empty values, the peers sign them), no `sign` key (ours ignores it), keys that
 * share prefixes (`a`, `ab`) so that the sort order matters.
 */
function randomParams(next: () => number): Record<string, string> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const params: Record<string, string> = {};
  const count = 1 + Math.floor(next() * 20);
  for (let i = 0; i < count; i++) {
    let key = '';
    const keyLength = 1 + Math.floor(next() * 10);
    for (let k = 0; k < keyLength; k++) key += pick(KEY_CHARS.split(''));
    if (key === 'sign' || key === '__proto__') continue;
    if (next() < 0.2) {
      const existing = Object.keys(params);
      if (existing.length > 0) key = pick(existing) + key.slice(0, 2); // a prefix of an existing key
    }
    let value = '';
    const valueLength = 1 + Math.floor(next() * 40);
    for (let v = 0; v < valueLength; v++) value += pick(VALUE_PIECES);
    params[key] = value;
  }
  return params;
}

function crossCheck(peers: readonly LoadedPeer[]): number {
  const next = generator(1688);
  for (let set = 0; set < CROSS_CHECK_SETS; set++) {
    const params = randomParams(next);
    const secret = `secret-${Math.floor(next() * 1e9).toString(36)}`;
    const ours = sdk.signTop(params, secret, 'md5');
    for (const peer of peers) {
      const theirs = peer.signMd5(params, secret);
      if (theirs !== ours) {
        console.error(`\nSIGNATURE MISMATCH with ${peerLabel(peer)} on random set ${set}:`);
        console.error(JSON.stringify({ secret, params }, null, 2));
        console.error(`open1688: ${ours}\n${peer.name}: ${theirs}`);
        throw new Error(`md5 signature cross-check failed against ${peerLabel(peer)}`);
      }
    }
  }
  return CROSS_CHECK_SETS;
}

function main(): void {
  const peers = loadPeers();
  const loaded = peers.filter((p): p is LoadedPeer => p.signMd5 !== undefined);
  const notes: string[] = [RAW_DEFINITION];
  for (const p of peers) {
    if (p.problem) notes.push(`${peerLabel(p)}: ${p.problem}`);
    else notes.push(`${peerLabel(p)} signs via ${p.via}`);
  }
  // Without a single peer there is nothing to cross-check against: that is a failure, not a pass.
  if (loaded.length === 0)
    throw new Error('no peer SDK loaded (run `npm install --prefix bench`): nothing to cross-check');
  if (!loaded.some((p) => p.name === OFFICIAL)) {
    notes.push(`${OFFICIAL} not loaded: the "faster than the official SDK" target could not be checked`);
  }

  warmUp(SIGN_SETS, loaded);
  const results = SIGN_SETS.map((set) => measureSet(set, loaded));
  // The cross-check runs after the timing on purpose: 1 000 ever-new key sets make the signers' call
  // sites megamorphic, while a client sends the same few request shapes. Nothing is reported before
  // it has passed.
  const checked = crossCheck(loaded);
  const checkedWith = loaded.map(peerLabel).join(', ');
  notes.push(`cross-check: ${checked} random parameter sets, md5 signature identical to ${checkedWith}`);
  notes.push(
    'the peers implement md5 only: the speedup column of the HMAC rows compares them with the official md5 sign, ' +
      'and only signTop md5 has a target against it',
  );
  for (const r of results) printTable(r.table);

  const targets: PartResult['targets'] = results.flatMap((r) => r.targets);
  emit({
    part: 'peers',
    title: 'Signing vs the raw digest and the peer SDKs',
    tables: results.map((r) => r.table),
    notes,
    targets,
    data: {
      crossCheckSets: checked,
      sets: SIGN_SETS.map((set, i) => ({ set: set.name, measurements: results[i]?.measurements })),
    },
  });
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
