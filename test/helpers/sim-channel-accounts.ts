import type { ChannelAccountSettings, NewChannelAccount } from '../../core/db/channel-accounts-repo.js';
import type { AppContext } from '../../core/context.js';
import type { AmazonSim } from '../../sim/amazon/index.js';

type AmazonSettings = Extract<ChannelAccountSettings, { kind: 'amazon' }>;

/** A Mirakl operator account on a `sim/mirakl` at `baseUrl`, polled rarely (tests poll by hand). */
export function miraklSimAccount(
  ctx: Pick<AppContext, 'channels'>,
  baseUrl: string,
  o: { apiKey: string; code?: string; name?: string },
): NewChannelAccount {
  return {
    kind: 'mirakl',
    code: o.code ?? 'fnac',
    name: o.name ?? 'Fnac Darty',
    baseUrl,
    credentialsEnc: ctx.channels.sealCredentials('mirakl', { apiKey: o.apiKey }),
    settings: { kind: 'mirakl', carriers: [], pageSize: 100, pollEveryMs: 300_000 },
  };
}

/** An Amazon seller account on a `sim/amazon` at `baseUrl`, without a notification queue. */
export function amazonSimAccount(
  ctx: Pick<AppContext, 'channels'>,
  amazon: AmazonSim,
  baseUrl: string,
  o: { code?: string; name?: string; settings?: Partial<AmazonSettings> } = {},
): NewChannelAccount {
  return {
    kind: 'amazon',
    code: o.code ?? 'amazon-fr',
    name: o.name ?? 'Amazon.fr',
    baseUrl,
    credentialsEnc: ctx.channels.sealCredentials('amazon', amazon.credentials),
    settings: {
      kind: 'amazon',
      sellerId: amazon.state.sellerId,
      marketplaceId: amazon.state.marketplaceId,
      lwaUrl: `${baseUrl}/auth/o2/token`,
      queueUrl: null,
      pollEveryMs: 300_000,
      ...o.settings,
    },
  };
}
