/**
 * One worker of examples/shared-quota.ts (started by it with child_process.fork, not on its own).
 * A client like any other, configured from OPEN1688_* by `OpenClient.fromEnv` (the parent sets them for the sandbox), whose
 * `limits.redis` makes it take every call's slot from the quota it shares with the other workers.
 */
import { OpenClient, type LimitsOptions } from 'open1688';

export interface WorkerJob {
  limits: LimitsOptions;
  calls: number;
  itemId: string;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; sent: number; requestTimesMs: number[]; closeMs: number }
  | { type: 'failed'; error: string };

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send?.(message, () => resolve()));
}

async function run(job: WorkerJob): Promise<void> {
  const requestTimesMs: number[] = [];
  const client = OpenClient.fromEnv({
    limits: job.limits,
    // Called when the limiter has admitted an attempt, just before it is sent.
    hooks: { beforeRequest: () => requestTimesMs.push(Date.now()) },
  });
  await send({ type: 'ready' });
  await new Promise((resolve) => process.once('message', resolve)); // "go": all workers start together
  try {
    // Every call at once: the shared limiter decides when each may go.
    await Promise.all(Array.from({ length: job.calls }, () => client.getItem(job.itemId)));
  } finally {
    const closing = performance.now();
    // Quits Redis; the slots of this worker's calls come back to the shared quota one window after each call.
    await client.close();
    const closeMs = performance.now() - closing;
    await send({ type: 'done', sent: requestTimesMs.length, requestTimesMs, closeMs });
  }
}

process.once('message', (job: WorkerJob) => {
  run(job)
    .catch((error: unknown) =>
      send({ type: 'failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
    )
    .finally(() => process.disconnect());
});
