/** The `fixtures` option of `startSandbox`: recorded answers, your items and shops, your handlers. */
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

/** Checks and loads the option; throws naming the bad field or fixture file. */
export async function loadFixtures(
  fixtures: SandboxFixtures | undefined,
): Promise<{ replay: ReplayStore; user: UserCatalogue | undefined }> {
  if (fixtures === undefined) return { replay: await ReplayStore.load(undefined), user: undefined };
  if (typeof fixtures !== 'object' || fixtures === null) throw new TypeError('fixtures must be an object');
  const replay = await ReplayStore.load(fixtures.dir, fixtures.handlers);
  const hasData = fixtures.items !== undefined || fixtures.shops !== undefined;
  return { replay, user: hasData ? new UserCatalogue(fixtures.items, fixtures.shops) : undefined };
}
