/**
 * The one registry of dialects: adding a gateway means adding its adapter here, and nothing else
 * in the client chooses by dialect.
 */
import type { Dialect } from '../errors.js';
import { AopDialect } from './aop.js';
import { OneboundDialect } from './onebound.js';
import { TopDialect } from './top.js';
import type { DialectAdapter, DialectCredentials } from './types.js';

/** An adapter class with the gateway it talks to by default. */
export interface DialectClass {
  new (credentials: DialectCredentials): DialectAdapter;
  readonly defaultBaseUrl: string;
  readonly defaultBackupUrls: readonly string[];
}

export const DIALECT_ADAPTERS: Readonly<Record<Dialect, DialectClass>> = {
  top: TopDialect,
  aop: AopDialect,
  onebound: OneboundDialect,
};

/** The adapter of `dialect`, signing with `credentials`. */
export function createDialect(dialect: Dialect, credentials: DialectCredentials): DialectAdapter {
  return new DIALECT_ADAPTERS[dialect](credentials);
}
