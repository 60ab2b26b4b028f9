import type { Session } from '@shopify/shopify-api';
import type { Shop } from '../db/shops-repo.js';
import type { ShopTokens } from '../integrations/shopify/tokens.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { enqueueInstallImport } from '../queue/producers.js';

export interface InstallShopDeps {
  tokens: ShopTokens;
  queues: Queues;
  log: Logger;
}

/**
 * How the shop granted its offline token: an App Bridge session token to exchange (embedded,
 * Shopify-managed install) or the session the OAuth callback produced (non-embedded, development).
 */
export type InstallGrant = { sessionToken: string } | { session: Session };

/**
 * Installs a shop (or re-installs it) and starts its initial import. A session token already
 * backed by a stored offline token installs nothing. The shop is installed once its token is
 * saved: an import that fails to enqueue is logged with its job id and can be started again
 * from the admin app, so it never fails the install.
 */
export async function installShop(
  deps: InstallShopDeps,
  input: { shopDomain: string; grant: InstallGrant },
): Promise<{ shop: Shop; installed: boolean }> {
  const { shop, installed } =
    'sessionToken' in input.grant
      ? await deps.tokens.installFromSessionToken(input.shopDomain, input.grant.sessionToken)
      : { shop: await deps.tokens.saveSession(input.shopDomain, input.grant.session), installed: true };
  if (installed) {
    if (!(await enqueueInstallImport(deps.queues, shop.id, Date.now())))
      deps.log.error({ shopId: shop.id }, 'initial import not queued; start it from the admin app');
  }
  return { shop, installed };
}
