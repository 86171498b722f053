/**
 * The built package (dist/cjs), which is what users run. The signing benchmarks measure it rather
 * than the sources through tsx: tsx's ESM interop turns every call between our modules into a
 * property getter, which the sources pay and the shipped code does not (measured: signTop md5 at
 * 2.1-2.3× its raw hash through tsx, 1.8-1.9× built, same machine and run). A build older than
 * any source file is refused, so that a stale dist/ is never measured as the current code.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as Sources from '../src/index';

type Sdk = typeof Sources;

const root = path.resolve(__dirname, '..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** `require('open1688')` as built; throws when dist/ is missing or older than src/. */
export function loadBuilt(): Sdk {
  const entry = path.join(root, 'dist/cjs/index.js');
  let builtAt: number;
  try {
    builtAt = statSync(entry).mtimeMs;
  } catch {
    throw new Error('dist/cjs is missing: run `npm run build` first (npm run bench does)');
  }
  if (newestSource(path.join(root, 'src')) > builtAt) {
    throw new Error('dist/cjs is older than src/: run `npm run build` first (npm run bench does)');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built CommonJS entry, by path
  return require(entry) as Sdk;
}
