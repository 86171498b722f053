/**
 * The sandbox in its own process, for benchmarks that measure the client: the gateway's CPU time
 * and memory must not be counted against the client's. Started by sandbox-process.ts with the
 * options as JSON in argv[2]; answers with its URLs over IPC and closes when the parent says so or
 * goes away.
 */
import { startSandbox, type SandboxOptions } from '../src/sandbox/index';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
  const sandbox = await startSandbox(options);
  const close = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'close') void close();
  });
  process.on('disconnect', () => void close());
  process.send?.({ urls: sandbox.urls });
}

void main();
