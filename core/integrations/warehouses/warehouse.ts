import type { Address } from '../../domain/address.js';
import type { PushNetPolicy } from './push-client.js';

/** What a 3PL receives for one allocation, whichever way it receives it. */
export interface DispatchOrder {
  allocationId: number;
  idempotencyKey: string;
  orderName: string;
  channel: string;
  promisedShipBy: string | null;
  serviceLevel: string | null;
  shipTo: Address | null;
  email: string | null;
  lines: { lineId: number; sku: string; title: string; quantity: number }[];
}

/** The outcome of handing an allocation to a warehouse. */
export type DispatchOutcome = { kind: 'listed' } | { kind: 'accepted'; reference: string | null };

/** How one 3PL style receives orders (the `Warehouse` interface of the architecture map). */
export interface WarehouseAdapter {
  /** Hands the allocation over; retriable faults are thrown, a 3PL refusal is a non-retriable error. */
  dispatch(order: DispatchOrder): Promise<DispatchOutcome>;
  /** Asks the 3PL to stop an allocation; true when it confirmed on the spot. */
  cancel(order: Pick<DispatchOrder, 'allocationId' | 'idempotencyKey' | 'orderName'>): Promise<{ confirmed: boolean }>;
}

/** Connection details of a push-style warehouse. */
export interface HttpWarehouseConfig {
  warehouseId: number;
  url: string;
  secret: string;
  /** the secret a rotation replaced, while its overlap lasts: pushes carry a signature for each */
  previousSecret?: string;
  timeoutMs?: number;
  /** where the URL may point; without it, public https hosts only */
  net?: PushNetPolicy;
}
