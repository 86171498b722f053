/**
 * One parameter set, every signer side by side: open1688's four signers, each interleaved with the
 * raw digest of its own canonical string and with its assembly floor (sign-fixtures.ts), and md5
 * also with each peer SDK's sign. "Raw" is the cheapest native digest of the already-built canonical string (RAW_DEFINITION,
 * printed with the tables): what any signer must pay at least, once it has the string.
 */
import { hash } from 'node:crypto';
import { loadBuilt } from './built';
import { ratio, type PartResult, type Table } from './emit';
import { compare, consume, formatRate, pairedRatio, type Contender, type Measurement } from './measure';
import { peerLabel, type Peer, type PeerSign } from './peers';
import { AOP_PATH, assemblyFloor, rawHmac, same, SECRET, type SignKind, type SignSet } from './sign-fixtures';

export const RAW_TARGET = 1.5; // each signer may take at most 1.5× its raw digest
export const OFFICIAL_TARGET = 1.5; // and signTop md5 must be at least 1.5× faster than the official SDK
export const OFFICIAL = 'taobao-sdk';

export const RAW_DEFINITION =
  "raw = the cheapest native digest of the already-built canonical string: crypto.hash('md5', canonical, 'hex') " +
  "for md5 (one shot, no Hash object), createHmac(algorithm, secret).update(canonical, 'utf8').digest('hex') for " +
  'the HMACs; lowercase hex, so the upper-casing every signer needs is on the signer side';

export type LoadedPeer = Peer & { signMd5: PeerSign };

/** The SDK as built (built.ts): what users run. */
export const sdk = loadBuilt();
const { canonicalAop, canonicalTop, signAop, signTop } = sdk;

interface Pair {
  label: string;
  ours: Contender;
  raw: Contender;
  /** The assembly floor of this algorithm (sign-fixtures.ts), for reference. */
  floor: Contender;
}

const FLOOR_NAME = 'floor: pre-sorted pieces appended + digest + upper-case (reference)';

/** Our signer, its raw digest and its floor for one algorithm; throws if they disagree. */
function pair(set: SignSet, label: string, kind: SignKind): Pair {
  const floor: Contender = { name: FLOOR_NAME, run: assemblyFloor(set, kind) };
  let ours: Contender;
  let raw: Contender;
  if (kind === 'aop') {
    const canonical = canonicalAop(AOP_PATH, set.aop);
    ours = { name: `open1688 ${label}`, run: () => signAop(AOP_PATH, set.aop, SECRET) };
    raw = { name: 'raw HMAC-SHA1 of its canonical string', run: () => rawHmac('sha1', canonical) };
  } else {
    const canonical = canonicalTop(set.top, SECRET, kind);
    ours = { name: `open1688 ${label}`, run: () => signTop(set.top, SECRET, kind) };
    raw =
      kind === 'md5'
        ? { name: 'raw one-shot md5 of the canonical string', run: () => hash('md5', canonical, 'hex') }
        : kind === 'hmac'
          ? { name: 'raw HMAC-MD5 of its canonical string', run: () => rawHmac('md5', canonical) }
          : { name: 'raw HMAC-SHA256 of its canonical string', run: () => rawHmac('sha256', canonical) };
  }
  same(raw.run() as string, ours.run() as string, `${label} and its raw digest`);
  same(floor.run() as string, ours.run() as string, `${label} and its floor`);
  return { label, ours, raw, floor };
}

export interface SetResult {
  table: Table;
  targets: PartResult['targets'];
  measurements: Measurement[];
}

interface Prepared {
  pairs: Pair[];
  md5: Pair;
  peers: Contender[];
}

/** Every contender of a set, each checked against the others (same digest) before any timing. */
function prepare(set: SignSet, peers: readonly LoadedPeer[]): Prepared {
  const pairs = [
    pair(set, 'signTop md5', 'md5'),
    pair(set, 'signTop hmac (HMAC-MD5)', 'hmac'),
    pair(set, 'signTop hmac-sha256', 'hmac-sha256'),
    pair(set, 'signAop (HMAC-SHA1)', 'aop'),
  ];
  for (const p of peers) same(p.signMd5(set.top, SECRET), signTop(set.top, SECRET, 'md5'), `${p.name} and signTop`);
  return {
    pairs,
    md5: pairs[0] as Pair,
    peers: peers.map((p) => ({ name: `${peerLabel(p)} sign`, run: () => p.signMd5(set.top, SECRET) })),
  };
}

/**
 * Runs every contender of every set before anything is timed: measured cold, the first set paid
 * for the engine's warm-up of the signing path (about 0.4× more than the same set measured again),
 * and a client that signs thousands of requests runs the optimised code with every shape it uses.
 */
export function warmUp(sets: readonly SignSet[], peers: readonly LoadedPeer[], calls = 20_000): void {
  const all = sets.map((set) => prepare(set, peers));
  for (let round = 0; round < 2; round++) {
    for (const p of all) {
      for (const c of [...p.pairs.flatMap((x) => [x.ours, x.raw, x.floor]), ...p.peers]) {
        for (let i = 0; i < calls / 2; i++) consume(c.run());
      }
    }
  }
}

/** Measures one set: each signer interleaved with its raw digest (and md5 with the floor and the peers). */
export function measureSet(set: SignSet, peers: readonly LoadedPeer[]): SetResult {
  const { pairs, md5, peers: peerRuns } = prepare(set, peers);
  // One interleaved group per algorithm: ours, its raw digest and its floor (and for md5 the
  // peers). Interleaving createHmac's objects and key buffers with the md5 signers measurably slows
  // whichever md5 contender allocates most (GC work they leave behind), which is not a property of
  // that contender.
  const groups: Contender[][] = [
    [md5.ours, md5.raw, md5.floor, ...peerRuns],
    ...pairs.slice(1).map((p) => [p.ours, p.raw, p.floor]),
  ];
  const contenders = groups.flat();
  const measured = groups.flatMap((group) => compare(group, { rounds: 15, roundMs: 60, clock: 'cpu' }));
  const of = new Map(measured.map((m, i) => [contenders[i] as Contender, m]));
  const get = (c: Contender) => of.get(c) as Measurement;
  const official = peers.find((p) => p.name === OFFICIAL);
  const officialRun = official && measured.find((m) => m.name === `${peerLabel(official)} sign`);
  const md5Group = new Set((groups[0] as Contender[]).map(get));

  const table: Table = {
    title: `Signing, ${set.name}: ops per CPU second (median of 15 rounds, each signer interleaved with its raw digest; ratios: median of the per-round ratios)`,
    header: ['signer', 'ops/s', 'time vs its raw digest', `speedup over ${OFFICIAL} sign (md5)`, 'target'],
    rows: [],
  };
  const targets: PartResult['targets'] = [];
  // Rounds pair up within a group only; across groups (the HMAC rows) the medians are compared.
  const speedup = (m: Measurement) =>
    officialRun === undefined
      ? 'n/a'
      : ratio(md5Group.has(m) ? pairedRatio(m, officialRun) : m.opsPerSecond / officialRun.opsPerSecond);
  const ourRow = (p: Pair) => {
    const timeVsRaw = pairedRatio(get(p.raw), get(p.ours));
    const met = timeVsRaw <= RAW_TARGET;
    targets.push({ what: `${p.label} ≤ ${RAW_TARGET}× its raw digest (${set.name})`, value: ratio(timeVsRaw), met });
    const verdicts = [`≤ ${RAW_TARGET}× raw: ${met ? 'met' : 'NOT met'}`];
    if (p === md5 && officialRun !== undefined) {
      const faster = pairedRatio(get(p.ours), officialRun);
      const fasterMet = faster >= OFFICIAL_TARGET;
      targets.push({
        what: `signTop md5 ≥ ${OFFICIAL_TARGET}× faster than ${OFFICIAL} sign (${set.name})`,
        value: ratio(faster),
        met: fasterMet,
      });
      verdicts.push(`≥ ${OFFICIAL_TARGET}× ${OFFICIAL}: ${fasterMet ? 'met' : 'NOT met'}`);
    }
    const ours = get(p.ours);
    table.rows.push([ours.name, formatRate(ours.opsPerSecond), ratio(timeVsRaw), speedup(ours), verdicts.join('; ')]);
  };
  const otherRow = (m: Measurement, raw: Measurement) =>
    table.rows.push([m.name, formatRate(m.opsPerSecond), ratio(pairedRatio(raw, m)), speedup(m), '']);

  for (const p of pairs) {
    ourRow(p);
    otherRow(get(p.raw), get(p.raw));
    otherRow(get(p.floor), get(p.raw));
    if (p === md5) for (const c of peerRuns) otherRow(get(c), get(p.raw));
  }
  return { table, targets, measurements: measured };
}
