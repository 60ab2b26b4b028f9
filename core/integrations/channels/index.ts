import { z } from 'zod';
import type { ChannelAccountSettings, ChannelKind } from '../../../drizzle/schema/channels.js';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import { ValidationError } from '../../errors.js';
import type { CallGate } from './call-gate.js';
import type { Channel } from './channel.js';
import { createAmazonChannel } from './amazon/amazon-channel.js';
import { createMiraklChannel } from './mirakl/mirakl-channel.js';

export type { Channel } from './channel.js';

/** Secrets per family, sealed together in `channel_accounts.credentials_enc`. */
export const channelCredentialSchemas = {
  mirakl: z.object({ apiKey: z.string().min(1) }),
  amazon: z.object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    refreshToken: z.string().min(1),
    /** our AWS key pair for the SQS queue; absent: unsigned calls (the simulator) */
    awsAccessKeyId: z.string().min(1).optional(),
    awsSecretAccessKey: z.string().min(1).optional(),
  }),
} satisfies Record<ChannelKind, z.ZodType>;
export type ChannelCredentials<K extends ChannelKind> = z.infer<(typeof channelCredentialSchemas)[K]>;

/** A stored account, as an adapter factory receives it (credentials still sealed). */
export interface ChannelAccountRef {
  id: number;
  shopId: number;
  kind: ChannelKind;
  code: string;
  baseUrl: string;
  credentialsEnc: string;
  settings: ChannelAccountSettings;
}

/** What every adapter may use besides its account. */
export interface ChannelDeps {
  gate: CallGate;
}

type ChannelFactory = (account: ChannelAccountRef, credentials: string, deps: ChannelDeps) => Channel;

/**
 * Every marketplace family the app speaks, found by `channel_accounts.kind`. Shopify is the
 * built-in channel: it is not in this map (see `Channel`).
 */
export const channelAdapters = {
  mirakl: (a, plain, deps) => {
    if (a.settings.kind !== 'mirakl') throw new ValidationError(`account ${a.id} has ${a.settings.kind} settings`);
    return createMiraklChannel(
      {
        id: a.id,
        code: a.code,
        baseUrl: a.baseUrl,
        apiKey: channelCredentialSchemas.mirakl.parse(JSON.parse(plain)).apiKey,
        settings: a.settings,
      },
      deps,
    );
  },
  amazon: (a, plain, deps) => {
    if (a.settings.kind !== 'amazon') throw new ValidationError(`account ${a.id} has ${a.settings.kind} settings`);
    const c = channelCredentialSchemas.amazon.parse(JSON.parse(plain));
    return createAmazonChannel({ id: a.id, code: a.code, baseUrl: a.baseUrl, ...c, settings: a.settings }, deps);
  },
} satisfies Record<ChannelKind, ChannelFactory>;

/** Builds adapters for stored accounts, unsealing their credentials on the way. */
export function createChannelRegistry(deps: ChannelDeps & { cipher: TokenCipher }) {
  return {
    forAccount(account: ChannelAccountRef): Channel {
      return channelAdapters[account.kind](account, deps.cipher.decrypt(account.credentialsEnc), deps);
    },
    sealCredentials<K extends ChannelKind>(kind: K, credentials: ChannelCredentials<K>): string {
      return deps.cipher.encrypt(JSON.stringify(channelCredentialSchemas[kind].parse(credentials)));
    },
  };
}
export type ChannelRegistry = ReturnType<typeof createChannelRegistry>;
