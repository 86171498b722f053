/**
 * Faults, switched on per test through the options or `sandbox.faults` — never by anything a client
 * can send, so that a real client cannot trip them by accident. Each fault fires for the next `count`
 * matching requests, or with `probability` (drawn from the seeded sequence, so a run is reproducible),
 * or on every matching request when neither is given.
 */
import type { SandboxDialect } from './log.js';
import { sequence } from './random.js';

/** Every fault the sandbox can inject, by name. */
export const FAULT_KINDS = [
  'latency',
  'http-500',
  'http-502',
  'http-503',
  'http-429',
  'reset',
  'malformed-json',
  'html-200',
  'empty-body',
  'truncated-body',
  'oversized-body',
  'wrong-envelope',
  'rate-limit-error',
  'service-error',
  'hang',
] as const;

/** One of `FAULT_KINDS`. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault to inject: its kind, how often it fires, and optionally which dialect or API it targets. */
export interface FaultSpec {
  kind: FaultKind;
  /** Fire on each matching request with this probability (0..1). */
  probability?: number;
  /** Fire on the next N matching requests, then retire. */
  count?: number;
  /** Only requests of this dialect (default: any). */
  dialect?: Exclude<SandboxDialect, 'unknown'>;
  /** Only this API (TOP method, AOP `namespace/apiName`, OneBound api_name). */
  api?: string;
  /** `latency`: the added delay (default 200 ms). */
  latencyMs?: number;
  /** `http-429`: the Retry-After header in seconds (default 1). */
  retryAfterSeconds?: number;
  /** `oversized-body`: the body size in bytes (default 11 MiB). */
  bytes?: number;
  /** `rate-limit-error`: the ban the error announces, in seconds (default 1). */
  banSeconds?: number;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number | undefined;
}

export interface FaultPick {
  /** A delay to add before answering normally. */
  latency?: FaultSpec;
  /** A fault that replaces the answer. */
  replace?: FaultSpec;
}

export class FaultController {
  private active: ActiveFault[] = [];
  private random: () => number;

  constructor(
    private readonly seed: number,
    initial: readonly FaultSpec[] = [],
  ) {
    this.random = sequence(seed);
    for (const spec of initial) this.inject(spec);
  }

  inject(spec: FaultSpec): void {
    validateFault(spec);
    this.active.push({ spec: { ...spec }, remaining: spec.count });
  }

  clear(): void {
    this.active = [];
    this.random = sequence(this.seed);
  }

  /** The faults still armed, in injection order. */
  list(): FaultSpec[] {
    return this.active.map((a) => ({ ...a.spec, ...(a.remaining === undefined ? {} : { count: a.remaining }) }));
  }

  /** Decides, for one request, which faults fire (the first matching of each sort, in injection order). */
  pick(dialect: SandboxDialect, api: string | undefined): FaultPick {
    const pick: FaultPick = {};
    if (dialect === 'unknown') return pick;
    for (const fault of this.active) {
      const { spec } = fault;
      const slot = spec.kind === 'latency' ? 'latency' : 'replace';
      if (pick[slot]) continue;
      if (spec.dialect !== undefined && spec.dialect !== dialect) continue;
      if (spec.api !== undefined && spec.api !== api) continue;
      if (spec.probability !== undefined && this.random() >= spec.probability) continue;
      if (fault.remaining !== undefined) fault.remaining--;
      pick[slot] = spec;
    }
    this.active = this.active.filter((f) => f.remaining === undefined || f.remaining > 0);
    return pick;
  }
}

function validateFault(spec: FaultSpec): void {
  if (!spec || !FAULT_KINDS.includes(spec.kind)) {
    throw new TypeError(`fault kind must be one of ${FAULT_KINDS.join(', ')}, got ${String(spec?.kind)}`);
  }
  const { probability, count } = spec;
  if (probability !== undefined && !(probability >= 0 && probability <= 1)) {
    throw new RangeError(`fault ${spec.kind}: probability must be within 0..1, got ${probability}`);
  }
  if (count !== undefined && !(Number.isSafeInteger(count) && count > 0)) {
    throw new RangeError(`fault ${spec.kind}: count must be a positive integer, got ${count}`);
  }
  for (const key of ['latencyMs', 'retryAfterSeconds', 'bytes', 'banSeconds'] as const) {
    const value = spec[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`fault ${spec.kind}: ${key} must be a non-negative number, got ${value}`);
    }
  }
}
