import type { RoutingContext } from './context.js';
import type { CandidatePlan } from './plans.js';
import type { Allocation, AllocatedLine, Backorder, BackorderOutcome, Substitution } from './types.js';

/** The plan turned into what the caller stores. */
export interface PlanOutcome {
  allocations: Allocation[];
  backorders: Backorder[];
  substitutions: Substitution[];
  held: boolean;
}

const DAY_MS = 86_400_000;

function backorderOutcome(ctx: RoutingContext): BackorderOutcome {
  const rule = ctx.backorder;
  if (!rule || rule.policy === 'partial') return { kind: 'partial' };
  if (rule.policy === 'hold') return { kind: 'hold' };
  const placed = Date.parse(ctx.order.placedAt);
  const from = Number.isFinite(placed) ? placed : ctx.nowMs;
  return { kind: 'cancel_at', cancelAt: new Date(from + (rule.cancelAfterDays ?? 0) * DAY_MS).toISOString() };
}

/**
 * Allocations, backorders and substitutions for the chosen plan. Under the `hold` policy an
 * incomplete plan ships nothing and every unit waits.
 */
export function outcomeOf(ctx: RoutingContext, plan: CandidatePlan): PlanOutcome {
  const held = ctx.backorder?.policy === 'hold' && plan.allocatedUnits < ctx.orderedUnits;
  const used = held ? { ...plan, shipments: [], perLine: ctx.lines.map(() => 0) } : plan;
  const allocations: Allocation[] = [];
  const substitutions: Substitution[] = [];
  for (const shipment of used.shipments) {
    const { ev } = shipment;
    const merged = new Map<string, AllocatedLine>();
    for (const part of shipment.parts) {
      const line = ctx.lines[part.lineIndex]!;
      const key = `${part.lineIndex}\u0000${part.sku}`;
      const existing = merged.get(key);
      if (existing) existing.quantity += part.quantity;
      else
        merged.set(key, {
          lineId: line.lineId,
          sku: part.sku,
          quantity: part.quantity,
          ...(part.substitutedFor ? { substitutedFor: part.substitutedFor } : {}),
        });
      if (part.substitutedFor) {
        substitutions.push({
          lineId: line.lineId,
          originalSku: part.substitutedFor,
          substituteSku: part.sku,
          quantity: part.quantity,
          warehouseId: ev.warehouse.id,
        });
      }
    }
    allocations.push({
      warehouseId: ev.warehouse.id,
      warehouseName: ev.warehouse.name,
      lines: [...merged.values()],
      promise: ev.promise!,
      cost: ev.cost,
      distanceKm: ev.distanceKm === null ? null : Math.round(ev.distanceKm * 10) / 10,
    });
  }
  const outcome = backorderOutcome(ctx);
  const backorders: Backorder[] = [];
  for (const line of ctx.lines) {
    const missing = line.quantity - (used.perLine[line.index] ?? 0);
    if (missing > 0) backorders.push({ lineId: line.lineId, sku: line.sku, quantity: missing, outcome });
  }
  return { allocations, backorders, substitutions, held };
}
