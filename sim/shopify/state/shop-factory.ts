import type { SimCore } from '../core/sim-core.js';
import type { PlanName, SimAddress, SimShop } from './types.js';

/** What a new shop needs; everything but the domain has a default. */
export interface CreateShopInput {
  domain: string;
  name?: string;
  email?: string;
  plan?: PlanName;
  currency?: string;
  locale?: string;
  timezone?: string;
  address?: Partial<SimAddress>;
  taxRate?: number;
  /** Override the plan's bucket size / restore rate. */
  throttle?: { maximumAvailable?: number; restoreRate?: number };
  /** Install the app right away (token exchange works at once). Default true. */
  installed?: boolean;
}

const DEFAULT_ADDRESS: SimAddress = {
  firstName: 'Camille',
  lastName: 'Martin',
  company: null,
  address1: '10 Rue de Rivoli',
  address2: null,
  city: 'Paris',
  province: null,
  provinceCode: null,
  zip: '75004',
  countryCode: 'FR',
  phone: '+33142000000',
  latitude: 48.8556,
  longitude: 2.3601,
};

/** A myshopify domain from a handle or a full domain. */
export function normaliseShopDomain(value: string): string {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  return v.endsWith('.myshopify.com') ? v : `${v}.myshopify.com`;
}

export function createShopState(core: SimCore, input: CreateShopInput): SimShop {
  const domain = normaliseShopDomain(input.domain);
  const plan = input.plan ?? 'plus';
  const planThrottle = core.config.plans[plan];
  const maximumAvailable = input.throttle?.maximumAvailable ?? planThrottle.maximumAvailable;
  const restoreRate = input.throttle?.restoreRate ?? planThrottle.restoreRate;
  const currency = input.currency ?? 'EUR';
  const now = core.clock.now();
  const handle = domain.replace('.myshopify.com', '');
  return {
    id: core.ids.next(),
    domain,
    name: input.name ?? handle,
    email: input.email ?? `owner@${handle}.example`,
    plan,
    currency,
    locale: input.locale ?? 'fr',
    timezone: input.timezone ?? 'Europe/Paris',
    address: { ...DEFAULT_ADDRESS, ...input.address },
    taxRate: input.taxRate ?? (currency === 'EUR' ? 0.2 : 0),
    createdAt: now,
    installed: input.installed ?? true,
    locationRanking: [],
    nextOrderNumber: 1001,
    nextReturnNumber: 1,
    products: new Map(),
    variants: new Map(),
    inventoryItems: new Map(),
    locations: new Map(),
    levels: new Map(),
    fulfillmentServices: new Map(),
    customers: new Map(),
    orders: new Map(),
    fulfillmentOrders: new Map(),
    fulfillments: new Map(),
    returns: new Map(),
    reverseFulfillmentOrders: new Map(),
    bulkOperations: new Map(),
    adjustmentGroups: new Map(),
    idempotency: new Map(),
    bucket: { maximumAvailable, restoreRate, currentlyAvailable: maximumAvailable, updatedAtMs: now },
  };
}
