/**
 * The sandbox: a local gateway that speaks TOP, AOP and OneBound over real HTTP on 127.0.0.1, with
 * the seed data, strict signature and timestamp checks, per-app sliding-window limits, a request log
 * and switchable faults. Users' CI smoke tests run against it; so do this project's tests and examples.
 */
export { startSandbox } from './server.js';
export type { Sandbox, SandboxOptions } from './types.js';
export type { PublishMessageInput, TmcMessageStatus } from './tmc-store.js';
export type { PushAopInput, PushAopResult } from './push-sender.js';
export { SANDBOX_DEFAULTS } from './apps.js';
export type { SandboxAppOptions } from './apps.js';
export { FAULT_KINDS } from './faults.js';
export type { FaultKind, FaultSpec } from './faults.js';
export type { LimitSettings } from './limits.js';
export type { SandboxDialect, SandboxLogEntry, SandboxOutcome } from './log.js';
export type { AppStats, SandboxStats } from './stats.js';
export type { SandboxClockOptions } from './clock.js';
export { SANDBOX_APIS } from './fixtures/shapes.js';
export type { SandboxFixtures } from './user-fixtures.js';
export type { SandboxItem, SandboxShop } from './user-catalogue.js';
export type { SandboxHandler, SandboxHandlerCall } from './replay.js';
// Recording belongs with replaying: the client's `recorder: { dir }` makes one without an import.
export { FileRecorder } from '../record/recorder.js';
export type { Recorder, RecorderOption } from '../record/recorder.js';
export type { Fixture } from '../record/fixture.js';
