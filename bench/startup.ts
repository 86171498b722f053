/**
 * Start-up: fresh node processes, each command many times in interleaved rounds (so that a change in
 * the machine's load moves every command alike), the median of each and of the per-round ratios.
 * - `node -e 0`: what any command pays;
 * - the runtime dependencies alone, exactly the modules that `require('open1688')` loads from
 *   node_modules (found by loading the package in a child first: its own modules' direct children),
 *   required by their resolved paths — so `date-fns/format`, not all of date-fns;
 * - the runtime dependencies required whole (`require('axios'); require('zod'); …`, as issue 17 words the
 *   target: every package.json dependency but ioredis and ws, which only Redis and TMC users load);
 * - `require('open1688')` (the built dist through the exports map);
 * - `open1688 --help` (dist/cjs/cli/bin.js).
 * Targets: the package adds at most 20% over its runtime dependencies (required whole, and, stricter,
 * over exactly the files it loads); `--help` at most 1.3× `node -e 0`.
 * Times are the CPU (user + system) each process used by its exit, read by a preloaded probe
 * (startup-probe.cjs): on a shared machine the wall clock of a 100 ms process measures the neighbours
 * as much as the process. The wall time since the process started is printed next to it.
 * Run: npm run build && tsx bench/startup.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBuilt } from './built';
import { emit, printTable, ratio, type PartResult } from './emit';
import { median } from './measure';

const root = path.resolve(__dirname, '..');
const probe = path.join(__dirname, 'startup-probe.cjs');
const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 15);
const PACKAGE_TARGET = 1.2;
const CLI_TARGET = 1.3;
/** Loaded only by the users of a Redis quota or cache (ioredis) or of TMC messages (ws). */
const ON_DEMAND = ['ioredis', 'ws'];

/** The package's runtime dependencies that any user's process loads (package.json). */
function runtimeDependencies(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return Object.keys(manifest.dependencies).filter((name) => !ON_DEMAND.includes(name));
}

interface Command {
  name: string;
  args: string[];
}

interface Sample {
  cpuMs: number;
  wallMs: number;
}

/** What `require('open1688')` loads: its own module count, and the files it loads from node_modules directly. */
function rootLoads(): { own: number; total: number; deps: string[]; packages: string[] } {
  const script = `
    require('open1688');
    const own = Object.values(require.cache).filter((m) => !m.id.includes('/node_modules/'));
    const deps = new Set();
    for (const m of own) for (const c of m.children) if (c.id.includes('/node_modules/')) deps.add(c.id);
    console.log(JSON.stringify({ own: own.length, total: Object.keys(require.cache).length, deps: [...deps] }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as {
    own: number;
    total: number;
    deps: string[];
  };
  const packages = [
    ...new Set(out.deps.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file)),
  ].sort();
  return { ...out, packages };
}

function runOnce(command: Command): Sample {
  const result = spawnSync(process.execPath, ['-r', probe, ...command.args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command.name} exited with ${result.status}: ${result.stderr}`);
  const line = result.stderr.split('\n').find((l) => l.startsWith('@@startup '));
  if (!line) throw new Error(`${command.name}: the probe did not report`);
  return JSON.parse(line.slice('@@startup '.length)) as Sample;
}

function main(): void {
  loadBuilt(); // refuses a missing or stale dist/
  const loads = rootLoads();
  const wholeDeps = runtimeDependencies();
  const requireAll = (specifiers: string[]) => specifiers.map((s) => `require(${JSON.stringify(s)})`).join(';');
  const commands: Command[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: `its dependencies as it loads them (${loads.deps.length} files)`, args: ['-e', requireAll(loads.deps)] },
    {
      name: `its runtime dependencies, whole packages (${wholeDeps.join(', ')})`,
      args: ['-e', requireAll(wholeDeps)],
    },
    { name: "require('open1688')", args: ['-e', "require('open1688')"] },
    { name: 'open1688 --help', args: ['dist/cjs/cli/bin.js', '--help'] },
  ];
  const [bare, deps, whole, pkg, cli] = commands as [Command, Command, Command, Command, Command];
  for (const c of commands) runOnce(c); // the file system cache, once
  const samples = new Map<Command, Sample[]>(commands.map((c) => [c, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // A rotating order, so that no command always follows the same one.
    for (let i = 0; i < commands.length; i++) {
      const c = commands[(i + round) % commands.length] as Command;
      samples.get(c)?.push(runOnce(c));
    }
  }
  const of = (c: Command) => samples.get(c) as Sample[];
  const cpu = (c: Command) => median(of(c).map((s) => s.cpuMs));
  const wall = (c: Command) => median(of(c).map((s) => s.wallMs));
  // Per round: the package over its dependencies; the CLI over node -e 0.
  const pairedCpu = (a: Command, b: Command) => median(of(a).map((s, i) => s.cpuMs / (of(b)[i] as Sample).cpuMs));
  const packageRatio = pairedCpu(pkg, whole);
  const strictRatio = pairedCpu(pkg, deps);
  const cliRatio = pairedCpu(cli, bare);

  const table = {
    title: `Start-up: fresh processes, median of ${ROUNDS} interleaved rounds (CPU used by exit; wall time since the process started)`,
    header: ['command', 'CPU ms', 'wall ms', 'CPU vs node -e 0'],
    rows: commands.map((c) => [
      c.name,
      cpu(c).toFixed(0),
      wall(c).toFixed(0),
      ratio(median(of(c).map((s, i) => s.cpuMs / (of(bare)[i] as Sample).cpuMs))),
    ]),
  };
  printTable(table);
  // Each loads only for the users who need it: ioredis for a Redis quota or cache, ws for TMC, axios for Node agents.
  const unneeded = ['ioredis', 'ws', 'axios'].filter((name) => loads.packages.includes(name));
  const targets: PartResult['targets'] = [
    {
      what: `require('open1688') ≤ ${PACKAGE_TARGET}× its runtime dependencies alone, whole packages (CPU)`,
      value: ratio(packageRatio),
      met: packageRatio <= PACKAGE_TARGET,
    },
    {
      // Stricter: only the dependency files it loads, so the Node built-ins that axios used to load
      // for everyone (http, https, zlib, stream…) now count as the package's own.
      what: `require('open1688') ≤ ${PACKAGE_TARGET}× exactly the dependency files it loads (CPU)`,
      value: ratio(strictRatio),
      met: strictRatio <= PACKAGE_TARGET,
    },
    { what: `open1688 --help ≤ ${CLI_TARGET}× node -e 0 (CPU)`, value: ratio(cliRatio), met: cliRatio <= CLI_TARGET },
    {
      what: "require('open1688') loads neither ioredis, nor ws, nor axios",
      value: loads.packages.join(', '),
      met: unneeded.length === 0,
    },
  ];
  emit({
    part: 'startup',
    title: 'Start-up',
    tables: [table],
    notes: [
      `require('open1688') loads ${loads.total} modules, ${loads.own} of them its own; from node_modules directly: ${loads.packages.join(', ')}`,
      'CPU: user + system time of the process by its exit (a preloaded probe), which leaves out the time spent waiting for a core on a shared machine; ratios are medians of the per-round ratios',
    ],
    targets,
    data: { rounds: ROUNDS, loads, samples: commands.map((c) => ({ command: c.name, samples: of(c) })) },
  });
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
