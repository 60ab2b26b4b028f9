import { z } from 'zod';
const verdictFields = z.object({
  zone: z.string().nullish(),
  zoneRank: z.number().nullish(),
  distanceKm: z.number().nullish(),
  cost: z.number().nullish(),
  scarcityCost: z.number().optional(),
  shipDate: z.string().nullish(),
  shipBy: z.string().nullish(),
  deliverBy: z.string().nullish(),
  lateDays: z.number().nullish(),
  coveredUnits: z.number().optional(),
  orderedUnits: z.number().optional(),
  canShipAll: z.boolean().optional(),
  capacityLeft: z.number().nullish(),
  priority: z.number().optional(),
  blockedSkus: z.array(z.string()).optional(),
});

const planSummary = z.object({
  warehouses: z.array(z.string()),
  shipments: z.number(),
  allocatedUnits: z.number(),
  substitutedUnits: z.number(),
  cost: z.number().nullable(),
  latestDelivery: z.string().nullable(),
  lateDays: z.number().nullable(),
  distanceKm: z.number().nullable(),
});

/**
 * The explanation stored with every allocation, shaped as a warehouses × rules table
 * (`RoutingTrace` of core/domain/routing; the orders mapper checks the two agree).
 */
export const routingTrace = z.object({
  version: z.literal(1),
  orderId: z.string(),
  evaluatedAt: z.string(),
  rules: z.array(
    z.object({
      id: z.string(),
      kind: z.enum([
        'eligibility',
        'capacity',
        'stock',
        'proximity',
        'promise',
        'cost',
        'priority',
        'split',
        'backorder',
        'substitution',
        'coverage',
      ]),
      label: z.string(),
      role: z.enum(['filter', 'ranking', 'policy']),
    }),
  ),
  warehouses: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      eligible: z.boolean(),
      rejectedBy: z.string().nullable(),
      rank: z.number().nullable(),
      chosen: z.boolean(),
      shippedUnits: z.number(),
      facts: verdictFields,
      verdicts: z.array(
        z.object({
          rule: z.string(),
          outcome: z.enum(['kept', 'rejected', 'ranked', 'skipped']),
          score: z.number().optional(),
          reason: z.string(),
          fields: verdictFields,
        }),
      ),
    }),
  ),
  ranking: z.array(z.string()),
  plan: z.object({
    considered: z.number(),
    chosen: planSummary,
    runnersUp: z.array(planSummary),
    decidedBy: z.string().nullable(),
    usedSubstitution: z.boolean(),
  }),
  summary: z.object({
    outcome: z.enum(['single', 'split', 'partial', 'held', 'backordered', 'empty']),
    text: z.string(),
    shipments: z.number(),
    orderedUnits: z.number(),
    allocatedUnits: z.number(),
    backorderedUnits: z.number(),
    substitutedUnits: z.number(),
    totalCost: z.number().nullable(),
  }),
});
/** The trace as the admin API sends it. */
export type RoutingTraceDto = z.infer<typeof routingTrace>;
