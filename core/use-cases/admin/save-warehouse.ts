import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { createWarehousesRepo, type WarehouseRow } from '../../db/warehouses-repo.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { assertNoUserErrors, type ShopifyGraphql } from '../../integrations/shopify/graphql.js';
import type { WarehouseInput } from '../../contracts/admin/warehouses.js';
import type { FeedAuthVersion } from '../../feed-auth-version.js';

const FS_CREATE = `mutation FulfillmentServiceCreate($name: String!, $callbackUrl: URL) {
  fulfillmentServiceCreate(name: $name, callbackUrl: $callbackUrl, inventoryManagement: true, trackingSupport: true) {
    fulfillmentService { id serviceName location { id } }
    userErrors { field message }
  }
}`;
interface FsCreateResult {
  fulfillmentServiceCreate: {
    fulfillmentService: { id: string; location: { id: string } | null } | null;
    userErrors: { field: string[] | null; message: string }[];
  };
}

export interface SaveWarehouseDeps {
  db: Db;
  shopify: ShopifyGraphql;
  cipher: TokenCipher;
  appUrl: string | undefined;
  /** production: a push URL must be https (config.push.requireHttps) */
  requireHttpsPush?: boolean;
  /** bumped when a warehouse is deactivated, so its 3PL keys are refused at once */
  feedAuth: Pick<FeedAuthVersion, 'bump'>;
}

/**
 * Creates or updates a warehouse. Linking to Shopify is part of it: an existing merchant
 * location, or a new fulfillment service (Shopify then creates its location). A push
 * warehouse gets a signing secret, returned once.
 */
export async function saveWarehouse(
  deps: SaveWarehouseDeps,
  input: { shopId: number; shopDomain: string; id?: number; data: WarehouseInput; actor: string },
): Promise<{ warehouse: WarehouseRow; pushSecret: string | null }> {
  if (deps.requireHttpsPush && input.data.pushUrl && !input.data.pushUrl.startsWith('https://')) {
    throw new ValidationError('the push URL must use https', [
      { path: 'body.pushUrl', message: 'use an https:// URL' },
    ]);
  }
  const repo = createWarehousesRepo(deps.db);
  const existing = input.id ? await repo.get(input.shopId, input.id) : undefined;
  if (input.id && !existing) throw new NotFoundError('warehouse');
  const clash = (await repo.list(input.shopId)).find((w) => w.code === input.data.code && w.id !== input.id);
  if (clash) throw new ConflictError(`another warehouse already uses the code ${input.data.code}`);

  const { location, address, ...fields } = input.data;
  let locationExternalId = existing?.locationExternalId ?? null;
  let fulfillmentServiceExternalId = existing?.fulfillmentServiceExternalId ?? null;
  if (location.mode === 'existing') {
    locationExternalId = location.externalId;
  } else if (location.mode === 'fulfillment_service' && !fulfillmentServiceExternalId) {
    const res = await deps.shopify.request<FsCreateResult>(input.shopDomain, FS_CREATE, {
      name: input.data.name,
      callbackUrl: deps.appUrl ? `${deps.appUrl.replace(/\/$/, '')}/shopify/fulfillment-service` : null,
    });
    const fs = assertNoUserErrors('fulfillmentServiceCreate', res.fulfillmentServiceCreate).fulfillmentService!;
    fulfillmentServiceExternalId = fs.id;
    locationExternalId = fs.location?.id ?? null;
  } else if (location.mode === 'none') {
    locationExternalId = null;
  }

  let pushSecret: string | null = null;
  let pushSecretEnc = existing?.pushSecretEnc ?? null;
  if (input.data.dispatchStyle === 'http' && !pushSecretEnc) {
    pushSecret = newPushSecret();
    pushSecretEnc = deps.cipher.encrypt(pushSecret);
  }
  const row = {
    ...fields,
    address,
    countryCode: address.countryCode,
    locationExternalId,
    fulfillmentServiceExternalId,
    pushSecretEnc,
  };
  const warehouse = existing
    ? (await repo.update(input.shopId, existing.id, row))!
    : await repo.create(input.shopId, row);
  await createAuditRepo(deps.db).record(
    input.shopId,
    'warehouse',
    String(warehouse.id),
    existing ? 'updated' : 'created',
    input.actor,
    { name: warehouse.name, location: locationExternalId },
  );
  if (existing?.active && !warehouse.active) await deps.feedAuth.bump();
  return { warehouse, pushSecret };
}

// standard base64, as Standard Webhooks libraries decode a `whsec_` secret (base64url made the
// 3PL's verifier and our signer disagree whenever the secret held a '-' or '_')
const newPushSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Replaces a push warehouse's signing secret, returned once. The replaced secret keeps signing
 * beside the new one for `overlapHours` (0 ends it at once, after a leak), so the 3PL can switch
 * without rejecting a push; a second rotation within the overlap drops the oldest.
 */
export async function rotatePushSecret(
  deps: { db: Db; cipher: TokenCipher },
  input: { shopId: number; warehouseId: number; overlapHours: number; actor: string; now: Date },
): Promise<{ warehouse: WarehouseRow; pushSecret: string }> {
  const repo = createWarehousesRepo(deps.db);
  const w = await repo.get(input.shopId, input.warehouseId);
  if (!w) throw new NotFoundError('warehouse');
  if (w.dispatchStyle !== 'http' || !w.pushSecretEnc)
    throw new ConflictError(
      'this warehouse does not receive pushes, so it has no signing secret',
      undefined,
      'no_push_secret',
    );
  const pushSecret = newPushSecret();
  const until = input.overlapHours > 0 ? new Date(input.now.getTime() + input.overlapHours * 3_600_000) : null;
  const warehouse = (await repo.update(input.shopId, w.id, {
    pushSecretEnc: deps.cipher.encrypt(pushSecret),
    pushSecretPrevEnc: until ? w.pushSecretEnc : null,
    pushSecretPrevUntil: until,
  }))!;
  await createAuditRepo(deps.db).record(input.shopId, 'warehouse', String(w.id), 'push_secret_rotated', input.actor, {
    previousValidUntil: until?.toISOString() ?? null,
  });
  return { warehouse, pushSecret };
}
