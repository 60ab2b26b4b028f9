import { z } from 'zod';
import type { Clock } from '../shopify/core/clock.js';
import type { Prng } from '../shopify/core/prng.js';
import type { FeedClient } from './feed-client.js';
import type { RobotLog } from './options.js';

/** How the warehouse's returns desk behaves. */
export interface ReturnsDeskOptions {
  /** From approval to the parcel being opened at the desk. */
  receiveAfterMs: number;
  /** Share of returned units found damaged. */
  damagedRate: number;
  /** Share of returned units that need work before resale. */
  refurbishRate: number;
}

const expectedSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      rma: z.string(),
      approvedAt: z.string().nullable(),
      lines: z.array(z.object({ lineId: z.number(), sku: z.string().nullable(), quantity: z.number() })),
    }),
  ),
});
const receiptSchema = z.object({ created: z.boolean(), restocked: z.number(), damaged: z.number() });

/**
 * The returns desk: lists the returns the app expects here, opens each parcel once its time has
 * come, grades every unit (most resellable, some damaged with a photo, a few to refurbish) and
 * posts one receipt per RMA with the RMA as idempotency key, so a retry changes nothing.
 */
export function createReturnsDesk(d: {
  client: FeedClient;
  clock: Clock;
  random: Prng;
  log: RobotLog;
  options: ReturnsDeskOptions;
  name: string;
}) {
  const counters = { received: 0, units: 0, damaged: 0 };
  async function run(): Promise<void> {
    const page = await d.client.send({ method: 'GET', path: '/returns/expected' }, expectedSchema);
    if (!page.ok) throw new Error(`listing expected returns: ${page.status} ${page.code}`);
    for (const r of page.value.items) {
      if (r.approvedAt && d.clock.now() - Date.parse(r.approvedAt) < d.options.receiveAfterMs) continue;
      const lines = r.lines.flatMap((l) => {
        const grades = { resellable: 0, refurbish: 0, damaged: 0 };
        for (let i = 0; i < l.quantity; i++) {
          const x = d.random.next();
          grades[
            x < d.options.damagedRate
              ? 'damaged'
              : x < d.options.damagedRate + d.options.refurbishRate
                ? 'refurbish'
                : 'resellable'
          ]++;
        }
        return (Object.entries(grades) as [keyof typeof grades, number][])
          .filter(([, n]) => n > 0)
          .map(([grade, quantity]) => ({
            lineId: l.lineId,
            quantity,
            grade,
            photoUrls:
              grade === 'damaged'
                ? [
                    `https://photos.${d.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example/${r.rma}-${l.lineId}.jpg`,
                  ]
                : [],
          }));
      });
      const out = await d.client.send(
        {
          method: 'POST',
          path: `/returns/${r.id}/receipts`,
          idempotencyKey: `receipt-${r.rma}`,
          body: { receivedAt: new Date(d.clock.now()).toISOString(), lines },
        },
        receiptSchema,
      );
      if (!out.ok) {
        d.log(`receipt of ${r.rma} refused: ${out.status} ${out.code}`);
        continue;
      }
      if (out.value.created) {
        counters.received++;
        counters.units += lines.reduce((s, l) => s + l.quantity, 0);
        counters.damaged += out.value.damaged;
      }
      d.log(`return ${r.rma} received: ${out.value.restocked} back on the shelf, ${out.value.damaged} damaged`);
    }
  }
  return { run, counters: () => ({ ...counters }) };
}
