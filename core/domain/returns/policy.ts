/** A shop's return rules. */
export interface ReturnPolicy {
  /** customers may ask on the tracking page */
  customerRequests: boolean;
  /** days after delivery (or shipment when delivery is unknown) a request is accepted */
  windowDays: number;
  /** approve at once when every line is eligible and inside the window; otherwise a person decides */
  autoApprove: boolean;
  /** SKUs that cannot be returned */
  excludedSkus: string[];
  /** product or order tags that make a line final sale */
  excludedTags: string[];
  /** when the money goes back */
  refundOn: 'receipt' | 'grading' | 'manual';
  /** warehouses that accept returns; empty means every warehouse */
  returnWarehouseIds: number[];
  /** what a return costs the shop (label, handling), in the shop currency, for the figures */
  costPerReturn: number;
}

export const defaultReturnPolicy: ReturnPolicy = {
  customerRequests: true,
  windowDays: 30,
  autoApprove: true,
  excludedSkus: [],
  excludedTags: ['final-sale'],
  refundOn: 'grading',
  returnWarehouseIds: [],
  costPerReturn: 6,
};

export interface CandidateLine {
  sku: string | null;
  /** tags of the product the line sold, lower-cased by the caller or not */
  tags: readonly string[];
  /** units the customer asks to return */
  quantity: number;
  /** units shipped and not already in a return */
  returnable: number;
}

export type LineVerdict =
  { ok: true } | { ok: false; reason: 'final_sale' | 'excluded_product' | 'nothing_to_return' | 'too_many' };

export type Decision =
  | {
      kind: 'reject';
      reason: 'customer_requests_off' | 'window_ended' | 'no_lines' | 'line_not_returnable';
      lines: LineVerdict[];
    }
  | { kind: 'approve' | 'review'; lines: LineVerdict[]; why: string };

const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.trim().toLowerCase()).filter(Boolean));

export function judgeLine(policy: ReturnPolicy, line: CandidateLine, orderTags: readonly string[]): LineVerdict {
  const excludedTags = lower(policy.excludedTags);
  if ([...line.tags, ...orderTags].some((t) => excludedTags.has(t.trim().toLowerCase())))
    return { ok: false, reason: 'final_sale' };
  if (line.sku && lower(policy.excludedSkus).has(line.sku.toLowerCase()))
    return { ok: false, reason: 'excluded_product' };
  if (line.returnable <= 0) return { ok: false, reason: 'nothing_to_return' };
  if (line.quantity > line.returnable) return { ok: false, reason: 'too_many' };
  return { ok: true };
}

/**
 * What to do with a request. A customer's request outside the rules is refused with a reason
 * they can read; the merchant's own request always goes through (they chose), and a request
 * from Shopify is already there, so only its approval is decided here.
 */
export function decideRequest(
  policy: ReturnPolicy,
  input: {
    source: 'customer' | 'merchant' | 'shopify';
    lines: CandidateLine[];
    orderTags: readonly string[];
    shippedAt: Date | null;
    deliveredAt: Date | null;
    now: Date;
  },
): Decision {
  const lines = input.lines.map((l) => judgeLine(policy, l, input.orderTags));
  if (input.lines.length === 0) return { kind: 'reject', reason: 'no_lines', lines };
  if (input.source === 'merchant') return { kind: 'approve', lines, why: 'asked by the merchant' };
  const inWindow = withinReturnWindow(policy, input);
  if (input.source === 'customer') {
    if (!policy.customerRequests) return { kind: 'reject', reason: 'customer_requests_off', lines };
    if (!inWindow) return { kind: 'reject', reason: 'window_ended', lines };
    if (lines.some((l) => !l.ok)) return { kind: 'reject', reason: 'line_not_returnable', lines };
  }
  const eligible = inWindow && lines.every((l) => l.ok);
  if (policy.autoApprove && eligible)
    return { kind: 'approve', lines, why: `within ${policy.windowDays} days, every line eligible` };
  const why = !policy.autoApprove
    ? 'the shop reviews every return'
    : !inWindow
      ? `outside the ${policy.windowDays}-day window`
      : 'a line is not eligible';
  return { kind: 'review', lines, why };
}

/** The return window is open: counted from delivery, or from shipment when delivery is unknown. */
export function withinReturnWindow(
  policy: Pick<ReturnPolicy, 'windowDays'>,
  input: { shippedAt: Date | null; deliveredAt: Date | null; now: Date },
): boolean {
  const start = input.deliveredAt ?? input.shippedAt;
  return start !== null && input.now.getTime() - start.getTime() <= policy.windowDays * 86_400_000;
}

/**
 * Whether to offer the customer a way to ask for a return of this order now: the shop takes
 * customers' requests, the window is open, and at least one unit of an eligible line can go back
 * (so a request for it would pass `decideRequest`).
 */
export function customerMayAskReturn(
  policy: ReturnPolicy,
  input: {
    lines: Omit<CandidateLine, 'quantity'>[];
    orderTags: readonly string[];
    shippedAt: Date | null;
    deliveredAt: Date | null;
    now: Date;
  },
): boolean {
  if (!policy.customerRequests || !withinReturnWindow(policy, input)) return false;
  return input.lines.some((l) => l.returnable > 0 && judgeLine(policy, { ...l, quantity: 1 }, input.orderTags).ok);
}

/** Shopify's decline reasons for a reason of ours. */
export function shopifyDeclineReason(reason: string): 'FINAL_SALE' | 'RETURN_PERIOD_ENDED' | 'OTHER' {
  if (reason === 'final_sale' || reason === 'line_not_returnable') return 'FINAL_SALE';
  if (reason === 'window_ended') return 'RETURN_PERIOD_ENDED';
  return 'OTHER';
}
