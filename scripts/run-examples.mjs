// `npm run examples`: runs every example in examples/ one after the other (tsx for the scripts, jest
// for the smoke test) against the built package, as a user's project would import it, and prints a
// pass/fail line with the time of each. Exits 1 if any fails.
//
// 'open1688' resolves to dist/ through the package's exports map: tsx is pointed at a tsconfig
// without the `paths` that map it to src/ for type-checking. So dist/ is rebuilt first when missing
// or older than src/ (CI has just built it for `npm test`).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const TIMEOUT_MS = 60_000;

const SCRIPTS = ['order-total.ts', 'crawl-shop-to-csv.ts', 'filter-suppliers.ts', 'shared-quota.ts', 'messages.ts'];
const JEST_TESTS = ['sandbox-smoke.test.ts'];
// Files that support the examples without being examples themselves.
const HELPERS = ['gateway.ts', 'shared-quota-worker.ts', 'jest.config.ts'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const built = join(root, 'dist', 'cjs', 'index.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(root, 'src'))) return;
  console.log('dist/ is missing or older than src/: npm run build');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}

/** An example added to examples/ but not to the lists above would silently never run. */
function unlisted() {
  const known = new Set([...SCRIPTS, ...JEST_TESTS, ...HELPERS]);
  return readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.ts') && !known.has(name));
}

function run(name, args) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'examples', 'tsconfig.dist.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(killed after ${TIMEOUT_MS / 1000} s)`;
      child.kill();
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      resolve({ name, ok: code === 0, status: code ?? signal, seconds, output });
    });
  });
}

function report(result) {
  const body = result.output.trimEnd();
  if (body) console.log(body.replace(/^/gm, '    '));
  const mark = result.ok ? 'pass' : `FAIL (exit ${result.status})`;
  console.log(`${mark}  ${result.name}  ${result.seconds.toFixed(1)} s\n`);
}

const started = performance.now();
const stray = unlisted();
if (stray.length > 0) {
  console.error(
    `examples/ has files npm run examples does not know: ${stray.join(', ')} (list them in ${fileURLToPath(import.meta.url)})`,
  );
  process.exit(1);
}
ensureBuilt();
const where =
  process.env.OPEN1688_APP_KEY && process.env.OPEN1688_APP_SECRET ? 'the gateway from OPEN1688_*' : 'the sandbox';
console.log(`Running ${SCRIPTS.length + JEST_TESTS.length} examples against ${where}\n`);

const results = [];
for (const script of SCRIPTS) {
  const result = await run(script, ['--import', 'tsx', join('examples', script)]);
  report(result);
  results.push(result);
}
for (const test of JEST_TESTS) {
  const jest = require.resolve('jest/bin/jest');
  const result = await run(test, [jest, '--config', join('examples', 'jest.config.ts'), join('examples', test)]);
  report(result);
  results.push(result);
}

const failed = results.filter((result) => !result.ok);
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${results.length - failed.length} of ${results.length} examples passed in ${total} s`);
if (failed.length > 0) {
  console.log(`failed: ${failed.map((result) => result.name).join(', ')}`);
  process.exitCode = 1;
}
