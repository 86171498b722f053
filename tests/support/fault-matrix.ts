/**
 * Runs many calls per sandbox fault kind through OpenClients and records how each call ended, so
 * that the fault-matrix and leak tests can check every outcome.
 */
import { OpenApiError, type ClientOptions, type OpenClient } from '../../src/index';
import { FAULT_KINDS, type FaultKind, type Sandbox } from '../../src/sandbox/index';
import { sandboxClient, SEED_CALL, type DialectName } from './sandbox-clients';

export const DIALECTS: DialectName[] = ['top', 'aop', 'onebound'];
export const RETRIES = 2;
export const TIMEOUT_MS = 250;
export const DEADLINE_MS = 2_000;

export interface Outcome {
  kind: FaultKind;
  dialect: DialectName;
  idempotent: boolean;
  ok: boolean;
  error?: unknown;
  elapsedMs: number;
}

export interface MatrixRun {
  outcomes: Outcome[];
  /** Attempts the clients started (beforeRequest hooks), per fault kind. */
  attemptsByKind: Map<FaultKind, number>;
  /** Requests the sandbox logged, per fault kind. */
  loggedByKind: Map<FaultKind, number>;
  /** The error behind every retry (onRetry hook), per fault kind. */
  retryCauses: Array<{ kind: FaultKind; name: string; code: string | undefined }>;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export async function runFaultMatrix(
  sandbox: Sandbox,
  options: {
    callsPerDialect: (kind: FaultKind) => number;
    probability: number;
    concurrency: number;
    clientOptions?: (dialect: DialectName) => Partial<ClientOptions>;
  },
): Promise<MatrixRun> {
  const outcomes: Outcome[] = [];
  const attemptsByKind = new Map<FaultKind, number>();
  const loggedByKind = new Map<FaultKind, number>();
  const retryCauses: MatrixRun['retryCauses'] = [];
  for (const kind of FAULT_KINDS) {
    sandbox.reset();
    sandbox.faults.inject({
      kind,
      probability: options.probability,
      bytes: 2_000_000,
      latencyMs: 40,
      retryAfterSeconds: 1,
      banSeconds: 1,
    });
    let attempts = 0;
    const clients = new Map<DialectName, OpenClient>();
    for (const dialect of DIALECTS) {
      const extra = options.clientOptions?.(dialect) ?? {};
      const hooks = extra.hooks ?? {};
      clients.set(
        dialect,
        sandboxClient(sandbox, dialect, {
          timeoutMs: TIMEOUT_MS,
          deadlineMs: DEADLINE_MS,
          maxBodyBytes: 1_000_000,
          retry: { retries: RETRIES, minDelayMs: 5, maxDelayMs: 40 },
          ...extra,
          hooks: {
            ...hooks,
            beforeRequest: (event) => {
              attempts += 1;
              hooks.beforeRequest?.(event);
            },
            onRetry: (event) => {
              const error = event.error as { name: string; code?: string };
              retryCauses.push({ kind, name: error.name, code: error.code });
              hooks.onRetry?.(event);
            },
          },
        }),
      );
    }
    const tasks: Array<() => Promise<Outcome>> = [];
    for (const dialect of DIALECTS) {
      const [api, params] = SEED_CALL[dialect];
      for (let i = 0; i < options.callsPerDialect(kind); i++) {
        // Every fourth call plays a write: not known to be safe to repeat.
        const idempotent = i % 4 !== 3;
        tasks.push(async () => {
          const started = Date.now();
          try {
            await clients.get(dialect)!.call(api, params, { idempotent });
            return { kind, dialect, idempotent, ok: true, elapsedMs: Date.now() - started };
          } catch (error) {
            return { kind, dialect, idempotent, ok: false, error, elapsedMs: Date.now() - started };
          }
        });
      }
    }
    outcomes.push(...(await pool(tasks, options.concurrency)));
    await Promise.all([...clients.values()].map((c) => c.close()));
    // Let the sandbox finish requests whose client gave up (timeouts) before counting its log.
    for (let last = -1, waited = 0; sandbox.log.length !== last && waited < 3_000; waited += 100) {
      last = sandbox.log.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    attemptsByKind.set(kind, attempts);
    loggedByKind.set(kind, sandbox.log.length);
  }
  sandbox.faults.clear();
  return { outcomes, attemptsByKind, loggedByKind, retryCauses };
}

export function isTyped(error: unknown): error is OpenApiError {
  return error instanceof OpenApiError;
}

/** How a run of calls that `close()` interrupted ended. */
export interface CloseRun {
  outcomes: Array<{ ok: boolean; error?: unknown }>;
  /** Attempts started (beforeRequest) after close() began. */
  startedAfterClose: number;
  /** Calls still unsettled when close() resolved. */
  pendingAtClose: number;
  attempts: number;
}

/**
 * Under one fault kind, starts `calls` calls per dialect, closes each client after `afterMs`, and
 * records what close() left behind: attempts started after it began, calls still pending when it
 * resolved.
 */
export async function closeDuringFault(
  sandbox: Sandbox,
  kind: FaultKind,
  options: { calls: number; afterMs: number },
): Promise<CloseRun> {
  sandbox.reset();
  sandbox.faults.inject({
    kind,
    probability: 0.5,
    bytes: 2_000_000,
    latencyMs: 40,
    retryAfterSeconds: 1,
    banSeconds: 1,
  });
  const run: CloseRun = { outcomes: [], startedAfterClose: 0, pendingAtClose: 0, attempts: 0 };
  await Promise.all(
    DIALECTS.map(async (dialect) => {
      let closing = false;
      const client = sandboxClient(sandbox, dialect, {
        timeoutMs: TIMEOUT_MS,
        deadlineMs: DEADLINE_MS,
        maxBodyBytes: 1_000_000,
        retry: { retries: 5, minDelayMs: 10, maxDelayMs: 40 },
        hooks: {
          beforeRequest: () => {
            run.attempts += 1;
            if (closing) run.startedAfterClose += 1;
          },
        },
      });
      const [api, params] = SEED_CALL[dialect];
      let pending = 0;
      const calls = Array.from({ length: options.calls }, (_, i) => {
        pending += 1;
        return client
          .call(api, params, { idempotent: i % 4 !== 3 })
          .then(
            () => ({ ok: true }),
            (error: unknown) => ({ ok: false, error }),
          )
          .finally(() => (pending -= 1));
      });
      await new Promise((resolve) => setTimeout(resolve, options.afterMs));
      closing = true;
      await client.close();
      run.pendingAtClose += pending;
      run.outcomes.push(...(await Promise.all(calls)));
    }),
  );
  sandbox.faults.clear();
  return run;
}
