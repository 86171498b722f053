/** Starts bench/sandbox-child.ts and waits for its URLs. */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { SandboxOptions } from '../src/sandbox/index';

export interface SandboxProcess {
  urls: { top: string; aop: string; onebound: string };
  pid: number;
  close(): Promise<void>;
}

export function startSandboxProcess(options: SandboxOptions): Promise<SandboxProcess> {
  const child = fork(path.join(__dirname, 'sandbox-child.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the sandbox process exited with code ${code}`)));
    child.once('message', (message) => {
      const { urls } = message as { urls: SandboxProcess['urls'] };
      child.removeAllListeners('exit');
      resolve({
        urls,
        pid: child.pid as number,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.send('close');
          }),
      });
    });
  });
}
