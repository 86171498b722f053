/**
 * The fault matrix: every sandbox fault kind × a few hundred calls. Each call ends in success or a
 * typed error, within its deadline; retry counts stay within bounds; non-retryable failures are
 * attempted exactly once; writes are repeated only after failures that prove nothing was processed;
 * and no promise is left rejected unhandled. And close() in the middle of each fault kind starts no
 * attempt after it began and resolves only when no call is left.
 */
import {
  LimiterClosedError,
  NetworkError,
  type OpenApiError,
  RateLimitError,
  ResponseError,
  ServiceError,
  TimeoutError,
  type OpenClient,
} from '../../src/index';
import { FAULT_KINDS, startSandbox, type FaultKind, type Sandbox } from '../../src/sandbox/index';
import {
  closeDuringFault,
  DEADLINE_MS,
  isTyped,
  pool,
  RETRIES,
  runFaultMatrix,
  type MatrixRun,
} from '../support/fault-matrix';
import { sandboxClient, SEED_CALL } from '../support/sandbox-clients';
import { closedPortUrl } from '../support/loopback';

jest.setTimeout(180_000);

// What a call that meets each fault on every attempt ends with.
const EXPECTED: Record<FaultKind, Array<new (...a: never[]) => OpenApiError> | 'success'> = {
  latency: 'success',
  'http-500': [ServiceError],
  'http-502': [ServiceError],
  'http-503': [ServiceError],
  'http-429': [RateLimitError],
  reset: [NetworkError],
  'malformed-json': [ResponseError],
  'html-200': [ResponseError],
  'empty-body': [ResponseError],
  'truncated-body': [ResponseError],
  'oversized-body': [ResponseError],
  // AOP success bodies have no fixed envelope (each API its own): the body comes back as it is.
  'wrong-envelope': [ResponseError],
  'rate-limit-error': [RateLimitError],
  'service-error': [ServiceError],
  hang: [TimeoutError],
};
const NEVER_RETRIED = new Set<FaultKind>([
  'malformed-json',
  'html-200',
  'empty-body',
  'oversized-body',
  'wrong-envelope',
]);
// Deadline slack for a loaded CI machine: far below what a stuck call would take.
const SLACK_MS = 1_500;

let sandbox: Sandbox;
let run: MatrixRun;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  sandbox = await startSandbox({ limits: false, seed: 7 });
  run = await runFaultMatrix(sandbox, {
    // Bans pause the whole client for a second: fewer calls keep those kinds quick.
    callsPerDialect: (kind) => (kind === 'http-429' || kind === 'rate-limit-error' ? 30 : 80),
    probability: 0.35,
    concurrency: 24,
  });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await sandbox.close();
});

describe('fault matrix', () => {
  it('ran a few hundred calls per fault kind', () => {
    const byKind = new Map<FaultKind, number>();
    for (const o of run.outcomes) byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1);
    for (const [kind, count] of byKind)
      expect([kind, count]).toEqual([kind, kind.includes('429') || kind.startsWith('rate') ? 90 : 240]);
  });

  it('ends every call in success or a typed error of the expected class', () => {
    for (const o of run.outcomes) {
      if (o.ok) continue;
      expect(isTyped(o.error)).toBe(true);
      const expected = EXPECTED[o.kind];
      const error = o.error as OpenApiError;
      const fits = expected !== 'success' && expected.some((type) => error instanceof type);
      // On a loaded machine any attempt may also run out of time: a TimeoutError may end any kind.
      if (!fits) expect([o.kind, o.dialect, error.name]).toEqual([o.kind, o.dialect, 'TimeoutError']);
    }
  });

  it('sees successes and failures for every fault kind that can fail', () => {
    for (const kind of Object.keys(EXPECTED) as FaultKind[]) {
      const mine = run.outcomes.filter((o) => o.kind === kind);
      expect(mine.some((o) => o.ok)).toBe(true);
      if (EXPECTED[kind] !== 'success' && kind !== 'wrong-envelope')
        expect([kind, mine.some((o) => !o.ok)]).toEqual([kind, true]);
    }
  });

  it('keeps attempts within the retry budget', () => {
    for (const o of run.outcomes) {
      if (o.ok) continue;
      const attempts = (o.error as OpenApiError).attempts;
      expect(attempts).toBeGreaterThanOrEqual(1);
      expect(attempts).toBeLessThanOrEqual(RETRIES + 1);
    }
  });

  it('attempts non-retryable failures exactly once', () => {
    // No retry is ever caused by a non-retryable error (a timeout on a loaded machine may be).
    for (const cause of run.retryCauses) {
      if (NEVER_RETRIED.has(cause.kind)) expect([cause.kind, cause.name]).toEqual([cause.kind, 'TimeoutError']);
      expect([cause.kind, cause.name, cause.code]).not.toEqual([cause.kind, 'ResponseError', 'invalid-json']);
    }
    const ended = run.outcomes.filter((o) => !o.ok && NEVER_RETRIED.has(o.kind)).map((o) => o.error as OpenApiError);
    expect(ended.length).toBeGreaterThan(100);
    expect(ended.filter((e) => e.attempts === 1).length / ended.length).toBeGreaterThan(0.9);
  });

  it('repeats a write only after failures that prove it was not processed', () => {
    for (const o of run.outcomes) {
      if (o.ok || o.idempotent) continue;
      const error = o.error as OpenApiError;
      if (!(error instanceof RateLimitError))
        expect([o.kind, error.name, error.attempts]).toEqual([o.kind, error.name, 1]);
    }
  });

  it('sends exactly the attempts it counts: every one that did not time out reached the gateway', () => {
    // An attempt that times out on a loaded machine may be dropped before the sandbox has read its
    // request, so it is not logged; every other attempt must be, and nothing else may be.
    const isTimeout = (name: string | undefined) => name === 'TimeoutError';
    for (const [kind, attempts] of run.attemptsByKind) {
      const timedOut =
        run.retryCauses.filter((c) => c.kind === kind && isTimeout(c.name)).length +
        run.outcomes.filter((o) => o.kind === kind && !o.ok && isTimeout((o.error as Error).name)).length;
      const logged = run.loggedByKind.get(kind) ?? 0;
      expect([kind, logged <= attempts, logged >= attempts - timedOut]).toEqual([kind, true, true]);
    }
  });

  it('lets no call outlive its deadline', () => {
    const worst = Math.max(...run.outcomes.map((o) => o.elapsedMs));
    expect(worst).toBeLessThanOrEqual(DEADLINE_MS + SLACK_MS);
  });

  it('leaves no rejection unhandled', () => {
    expect(unhandled).toEqual([]);
  });
});

describe('failover', () => {
  let clients: OpenClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    clients = [];
  });

  it('moves to the backup URL when the primary is a closed port, for every call', async () => {
    sandbox.reset();
    const dead = await closedPortUrl();
    const primary = { top: `${dead}/router/rest`, aop: `${dead}/openapi/`, onebound: `${dead}/` };
    let attempts = 0;
    const tasks: Array<() => Promise<unknown>> = [];
    for (const dialect of ['top', 'aop', 'onebound'] as const) {
      const client = sandboxClient(sandbox, dialect, {
        baseUrl: primary[dialect],
        backupUrls: [sandbox.urls[dialect]],
        hooks: { beforeRequest: () => (attempts += 1) },
      });
      clients.push(client);
      const [api, params] = SEED_CALL[dialect];
      for (let i = 0; i < 70; i++) tasks.push(() => client.call(api, params, { idempotent: i % 2 === 0 }));
    }
    const results = await pool(tasks, 16);
    expect(results).toHaveLength(210);
    expect(sandbox.log).toHaveLength(210); // one answered attempt per call, all on the backup
    // Calls started before the first failover succeeded tried the primary; later ones go straight to the backup.
    expect(attempts).toBeGreaterThanOrEqual(211);
    expect(attempts).toBeLessThan(260);
  });
});

describe('close() in the middle of every fault kind', () => {
  it.each(FAULT_KINDS)('%s: no attempt starts after it, no call outlives it, each ends typed', async (kind) => {
    const run = await closeDuringFault(sandbox, kind, { calls: 12, afterMs: 60 });
    expect([kind, run.startedAfterClose, run.pendingAtClose]).toEqual([kind, 0, 0]);
    expect(run.outcomes).toHaveLength(36);
    for (const o of run.outcomes) if (!o.ok) expect(isTyped(o.error)).toBe(true);
    // A call that sent an attempt ends with that attempt's result or error, never "closed before sent".
    const notSent = run.outcomes.filter((o) => o.error instanceof LimiterClosedError).length;
    expect(notSent).toBe(0);
    expect(run.attempts).toBeGreaterThanOrEqual(36);
  });
});
