/**
 * npm run bench: every part in its own child process (one part's heap, JIT state and sockets do not
 * leak into the next), one after another so that they do not
 * compete for the two cores. Collects bench/results.json (not committed) and bench/RESULTS.md
 * (committed: the latest table), copies the table into the README, and exits non-zero when a part
 * fails (the peer signature cross-check among them) or the whole run exceeds its time budget.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PartResult } from './emit';
import { describeMachine, loadAverage } from './machine';
import { writeCharts } from './charts';
import { printTable } from './emit';
import { renderMarkdown, summaryTable, updateReadme, writeMarkdown, type PartOutcome, type RunResults } from './report';

interface Part {
  part: string;
  script: string;
  nodeArgs?: string[];
  /** Seconds before the part is stopped. */
  timeout: number;
}

const PARTS: Part[] = [
  // Two parameter sets, each signer against its raw digest, on CPU time: about 25 s on a loaded machine.
  { part: 'peers', script: 'bench/sign-peers.ts', timeout: 90 },
  // 15 rounds of five fresh processes: about 20 s on a loaded machine.
  { part: 'startup', script: 'bench/startup.ts', timeout: 90 },
  { part: 'e2e', script: 'bench/e2e.ts', timeout: 120 },
  // About 40 s: the burst table, then two runs of three processes sharing a quota through Redis.
  { part: 'limiter', script: 'bench/limiter.ts', timeout: 90 },
  // Three crawls of 48 pages at 10/s, each against a fresh sandbox process: about 35 s.
  { part: 'crawl', script: 'bench/crawl.ts', timeout: 90 },
  // memory.ts forks each crawl with --expose-gc itself.
  { part: 'memory', script: 'bench/memory.ts', timeout: 90 },
];
// About 3 minutes on two quiet cores; the budget leaves room for a loaded machine.
const BUDGET_SECONDS = 300;

/**
 * The timeouts and the budget are for a quiet machine. On a shared one that is already busy, every
 * part takes longer by about the load over the cores (the CPU-time measurements do not change, the
 * wall clock does), so they stretch by that factor (at most 8×), and the stretch is printed.
 */
function slowdown(): number {
  const [oneMinute = 0] = os.loadavg();
  return Math.min(8, Math.max(1, oneMinute / os.availableParallelism()));
}

const root = path.resolve(__dirname, '..');
const only = process.argv.slice(2);

function runPart(part: Part, resultFile: string, stretch: number): Promise<{ code: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(part.nodeArgs ?? []), '--import', 'tsx', part.script], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULT_FILE: resultFile },
    });
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      part.timeout * stretch * 1000,
    );
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const startedAt = new Date();
  const t0 = performance.now();
  console.log(
    `open1688 benchmarks on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ` +
      `load average ${machine.loadAverage.join(' / ')} (1/5/15 min)`,
  );
  const stretch = slowdown();
  if (stretch > 1) {
    console.log(`the machine is busy: timeouts and the ${BUDGET_SECONDS} s budget stretched ${stretch.toFixed(1)}×`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'open1688-bench-'));
  const outcomes: PartOutcome[] = [];
  try {
    for (const part of PARTS.filter((p) => only.length === 0 || only.includes(p.part))) {
      console.log(`\n=== ${part.part}: ${part.script}`);
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      if (!existsSync(path.join(root, part.script))) {
        const failure = `${part.script} is not on this branch yet`;
        console.log(failure);
        outcomes.push({ part: part.part, script: part.script, failure, seconds: 0 });
        continue;
      }
      const file = path.join(dir, `${part.part}.json`);
      const { code, timedOut } = await runPart(part, file, stretch);
      if (timedOut) {
        outcomes.push({
          part: part.part,
          script: part.script,
          failure: `stopped after ${(part.timeout * stretch).toFixed(0)} s`,
          seconds: seconds(),
        });
      } else if (code !== 0) {
        outcomes.push({
          part: part.part,
          script: part.script,
          failure: `exited with code ${code}`,
          seconds: seconds(),
        });
      } else if (!existsSync(file)) {
        outcomes.push({
          part: part.part,
          script: part.script,
          failure: 'finished without a result',
          seconds: seconds(),
        });
      } else {
        const result = JSON.parse(readFileSync(file, 'utf8')) as PartResult;
        outcomes.push({ part: part.part, script: part.script, result, seconds: seconds() });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const seconds = (performance.now() - t0) / 1000;
  const run: RunResults = {
    startedAt: startedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
    seconds,
    machine,
    loadAverageAtEnd: loadAverage(),
    command: only.length === 0 ? 'npm run bench' : `npm run bench -- ${only.join(' ')}`,
    parts: outcomes,
  };
  writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(run, null, 2)}\n`);
  const markdown = renderMarkdown(run);
  // The hand-written profile of the end-to-end loop (bench/PROFILE.md) follows the measured tables.
  const profile = path.join(root, 'bench/PROFILE.md');
  const analysis = existsSync(profile) ? `\n${readFileSync(profile, 'utf8')}` : '';
  await writeMarkdown(path.join(root, 'bench/RESULTS.md'), `# Benchmark results\n\n${markdown}${analysis}`);
  // Both READMEs carry the same table (the Chinese one says it is the English output).
  const readme = await updateReadme(path.join(root, 'README.md'), markdown);
  const readmeZh = await updateReadme(path.join(root, 'README.zh-CN.md'), markdown);

  const charts = writeCharts(outcomes, root);

  console.log('\n=== summary');
  for (const o of outcomes) {
    const status = o.result ? 'ok' : `FAILED: ${o.failure}`;
    console.log(`${o.part.padEnd(8)} ${o.seconds.toFixed(1).padStart(6)} s  ${status}`);
  }
  const summary = summaryTable(run);
  printTable(summary);
  const missed = summary.rows.filter((row) => row[3] !== 'met').length;
  console.log(`\n${summary.rows.length - missed} of ${summary.rows.length} targets met`);
  console.log(
    `total ${seconds.toFixed(1)} s (budget ${(BUDGET_SECONDS * stretch).toFixed(0)} s); load average at end ${run.loadAverageAtEnd.join(' / ')}`,
  );
  console.log(
    `wrote bench/results.json, bench/RESULTS.md${readme ? ', README.md' : ''}${readmeZh ? ', README.zh-CN.md' : ''}` +
      charts.map((file) => `, ${file}`).join(''),
  );
  const failed = outcomes.filter((o) => !o.result);
  if (failed.length > 0) {
    console.error(`\n${failed.length} part(s) did not produce a result: ${failed.map((o) => o.part).join(', ')}`);
    process.exitCode = 1;
  }
  if (seconds > BUDGET_SECONDS * stretch) {
    console.error(`\nthe run took ${seconds.toFixed(0)} s, over the ${(BUDGET_SECONDS * stretch).toFixed(0)} s budget`);
    process.exitCode = 1;
  }
}

void main();
