/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and prints where the time went: the top functions
 * by self time, and the share of each part (axios, undici, open1688's own code, signing, JSON,
 * Node's HTTP and socket internals, garbage collection, idle).
 * Run: tsx bench/profile-summary.ts PROFILE.cpuprofile
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The part a frame belongs to; the first rule that matches wins. */
const PARTS: Array<[string, (fn: string, url: string) => boolean]> = [
  ['idle', (fn) => fn === '(idle)'],
  ['garbage collection', (fn) => fn === '(garbage collector)'],
  [
    'socket I/O (native writev / reads)',
    (fn, url) =>
      url === '' && /^(writev|writeBuffer|writeUtf8String|writeLatin1String|onStreamRead|readStart)$/.test(fn),
  ],
  // parseJsonExact's regex that quotes long integers shows as a frame of its own.
  ['JSON (parse, stringify, src/transport/json.ts)', (fn) => fn.startsWith('RegExp:') && fn.includes('d{16,}')],
  ['signing (src/signing, node:crypto)', (fn, url) => /src\/signing\//.test(url) || /crypto/.test(url)],
  [
    'JSON (parse, stringify, src/transport/json.ts)',
    (fn, url) => (/^JSON\.|^(parse|stringify)$/.test(fn) && url === '') || /transport\/json/.test(url),
  ],
  ['axios', (_fn, url) => /node_modules\/axios\//.test(url)],
  ['undici', (_fn, url) => /node_modules\/undici\//.test(url)],
  ['other dependencies', (_fn, url) => /node_modules\//.test(url)],
  ['open1688 (src/)', (_fn, url) => /\/src\//.test(url)],
  [
    'Node HTTP / net / streams',
    (_fn, url) =>
      /^node:(_?http|net|_stream|stream|internal\/(streams|http|net|stream_base))/.test(url) ||
      /^node:internal\/(streams|http)/.test(url),
  ],
  ['other Node internals', (_fn, url) => url.startsWith('node:')],
  ['native / program', () => true],
];

const file = process.argv[2];
if (file === undefined) throw new Error('usage: tsx bench/profile-summary.ts FILE.cpuprofile');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const total = [...self.values()].reduce((a, b) => a + b, 0);
const busy =
  total - [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
const functions = new Map<string, number>();
const parts = new Map<string, number>();
for (const [id, micros] of self) {
  const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
  const where = url.replace(/^.*\/(node_modules|src)\//, '$1/').replace(/^file:\/\//, '');
  const key = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
  functions.set(key, (functions.get(key) ?? 0) + micros);
  const part = (PARTS.find(([, test]) => test(functionName, url)) as (typeof PARTS)[0])[0];
  parts.set(part, (parts.get(part) ?? 0) + micros);
}
const pct = (micros: number, of: number) => `${((micros / of) * 100).toFixed(1)}%`;
console.log(`${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy\n\nshare of busy time:`);
for (const [part, micros] of [...parts].sort((a, b) => b[1] - a[1])) {
  if (part !== 'idle') console.log(`  ${pct(micros, busy).padStart(6)}  ${part}`);
}
console.log('\ntop 20 functions by self time (share of busy time):');
for (const [key, micros] of [...functions]
  .sort((a, b) => b[1] - a[1])
  .filter(([k]) => !k.startsWith('(idle)'))
  .slice(0, 20)) {
  console.log(`  ${pct(micros, busy).padStart(6)}  ${key}`);
}
