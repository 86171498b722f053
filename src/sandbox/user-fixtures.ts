/** The `fixtures` option of `startSandbox`: recorded answers, your items and shops, your handlers. */
import { quote } from '../text/quote.js';
import { ReplayStore, type SandboxHandler } from './replay.js';
import { UserCatalogue, type SandboxItem, type SandboxShop } from './user-catalogue.js';

/** Your own data beside the seed data; each part is optional. */
export interface SandboxFixtures {
  /** A directory of fixture files written by the `recorder` option or `open1688 record`. */
  dir?: string;
  /** Items that every dialect's detail API answers (`getItem`). */
  items?: SandboxItem[];
  /** Shops that the shop listing answers (`searchShopItems`, `iterateShopItems`), their items too. */
  shops?: SandboxShop[];
  /** Answers by API name (`'alibaba.xxx'`, AOP `'namespace/name'`), after the recorded ones. */
  handlers?: Record<string, SandboxHandler>;
}

const KEYS: ReadonlySet<string> = new Set(['dir', 'items', 'shops', 'handlers']);

/** Checks and loads the option; throws naming the bad field or fixture file. */
export async function loadFixtures(
  fixtures: SandboxFixtures | undefined,
): Promise<{ replay: ReplayStore; user: UserCatalogue | undefined }> {
  if (fixtures === undefined) return { replay: await ReplayStore.load(undefined), user: undefined };
  if (typeof fixtures !== 'object' || fixtures === null) throw new TypeError('fixtures must be an object');
  // A misspelt key (`item:` for `items:`) would otherwise serve nothing, silently.
  const unknown = Object.keys(fixtures).find((key) => !KEYS.has(key));
  if (unknown !== undefined)
    throw new TypeError(`fixtures: unknown key ${quote(unknown)} (use dir, items, shops, handlers)`);
  if (fixtures.dir !== undefined && (typeof fixtures.dir !== 'string' || fixtures.dir === '')) {
    throw new TypeError('fixtures.dir must be a directory path');
  }
  const replay = await ReplayStore.load(fixtures.dir, fixtures.handlers);
  const hasData = fixtures.items !== undefined || fixtures.shops !== undefined;
  return { replay, user: hasData ? new UserCatalogue(fixtures.items, fixtures.shops) : undefined };
}
