// Preloaded (node -r) into every process that bench/startup.ts times: at exit it reports the CPU the
// process used and the time since it started, on stderr after a marker, so that the parent can read
// both without the spawn's own cost. Plain CommonJS with no imports, so that it costs every
// command the same.
const { performance } = require('node:perf_hooks');

process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stderr.write(
    `\n@@startup ${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() })}\n`,
  );
});
