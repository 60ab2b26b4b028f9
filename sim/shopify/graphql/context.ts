import type { SimCore } from '../core/sim-core.js';
import type { SimShop } from '../state/types.js';

/** What every resolver sees. */
export interface GqlContext {
  core: SimCore;
  shop: SimShop;
  /** Scopes of the access token. */
  scopes: ReadonlySet<string>;
  /** Running inside a bulk operation: connections need no first/last and are not capped. */
  bulk: boolean;
}

/** A GraphQL object as the default resolver reads it: field values or functions of the arguments. */
export type View = { readonly [field: string]: unknown };

/** Arguments of a field after graphql-js coercion. */
export type Args = { readonly [name: string]: unknown };
