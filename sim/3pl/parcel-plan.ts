import type { Prng } from '../shopify/core/prng.js';
import { pickCarrier, type CarrierMix, type CarrierProfile } from './carriers.js';
import type { TrackingStatus } from './feed-schemas.js';
import type { TrackingSchedule } from './options.js';

/** Units of one allocation line inside a parcel. */
export interface ParcelLine {
  lineId: number;
  sku: string;
  quantity: number;
}

/** One parcel as the packer prepares it: contents, carrier, one label per carton. */
export interface ParcelPlan {
  lines: ParcelLine[];
  carrier: CarrierProfile;
  trackingNumbers: string[];
  trackingUrl: string | null;
}

/** How the floor packs an allocation. */
export interface PackingRules {
  carriers: CarrierMix;
  partialShipRate: number;
  unitsPerCarton: number;
  includeTrackingUrl: boolean;
}

const units = (lines: readonly ParcelLine[]): number => lines.reduce((n, l) => n + l.quantity, 0);

function labels(carrier: CarrierProfile, count: number, random: Prng): string[] {
  const out = new Set<string>();
  while (out.size < count) out.add(carrier.trackingNumber(random));
  return [...out];
}

function parcel(lines: ParcelLine[], carrier: CarrierProfile, rules: PackingRules, random: Prng): ParcelPlan {
  const cartons = Math.min(3, Math.max(1, Math.ceil(units(lines) / Math.max(1, rules.unitsPerCarton))));
  const trackingNumbers = labels(carrier, cartons, random);
  return {
    lines,
    carrier,
    trackingNumbers,
    trackingUrl: rules.includeTrackingUrl ? carrier.trackingUrl(trackingNumbers[0]!) : null,
  };
}

/**
 * Packs what is left to ship. With `partialShipRate` the goods leave as two parcels (one part is
 * not at hand yet): the lines are split in two, or a single line's quantity is.
 */
export function planParcels(toShip: readonly ParcelLine[], rules: PackingRules, random: Prng): ParcelPlan[] {
  const lines = toShip.filter((l) => l.quantity > 0);
  if (lines.length === 0) return [];
  const carrier = pickCarrier(rules.carriers, random);
  if (units(lines) < 2 || !random.chance(rules.partialShipRate)) return [parcel(lines, carrier, rules, random)];
  let first: ParcelLine[];
  let second: ParcelLine[];
  if (lines.length >= 2) {
    const cut = Math.ceil(lines.length / 2);
    first = lines.slice(0, cut);
    second = lines.slice(cut);
  } else {
    const only = lines[0]!;
    const now = Math.ceil(only.quantity / 2);
    first = [{ ...only, quantity: now }];
    second = [{ ...only, quantity: only.quantity - now }];
  }
  return [parcel(first, carrier, rules, random), parcel(second, carrier, rules, random)];
}

/** One carrier scan to report, `afterMs` after the parcel left. */
export interface PlannedScan {
  status: TrackingStatus;
  afterMs: number;
  description: string;
  location: string | null;
}

const hubs = [
  'Plateforme de tri de Gonesse',
  'Plateforme de Saint-Priest',
  'Hub de Wissous',
  'Plateforme de Cestas',
  'Hub de Lesquin',
];
const day = 24 * 3_600_000;

/**
 * The carrier's scans for one parcel: in transit, out for delivery, delivered; now and then a
 * failed attempt (exception) and delivery the next day.
 */
export function planScans(schedule: TrackingSchedule, destinationCity: string | null, random: Prng): PlannedScan[] {
  const k = schedule.timeScale;
  const at = (ms: number): number => Math.max(0, Math.round(ms * k));
  const city = destinationCity ?? null;
  const scans: PlannedScan[] = [
    {
      status: 'in_transit',
      afterMs: at(schedule.inTransitAfterMs),
      description: "Votre colis est en cours d'acheminement",
      location: random.pick(hubs),
    },
    {
      status: 'out_for_delivery',
      afterMs: at(schedule.outForDeliveryAfterMs),
      description: 'Votre colis est en cours de livraison',
      location: city,
    },
  ];
  if (random.chance(schedule.exceptionRate)) {
    const attempt = (schedule.outForDeliveryAfterMs + schedule.deliveredAfterMs) / 2;
    scans.push(
      {
        status: 'exception',
        afterMs: at(attempt),
        description: 'Destinataire absent : avis de passage déposé',
        location: city,
      },
      {
        status: 'out_for_delivery',
        afterMs: at(schedule.outForDeliveryAfterMs + day),
        description: 'Nouvelle présentation du colis',
        location: city,
      },
      {
        status: 'delivered',
        afterMs: at(schedule.deliveredAfterMs + day),
        description: 'Votre colis est livré',
        location: city,
      },
    );
  } else {
    scans.push({
      status: 'delivered',
      afterMs: at(schedule.deliveredAfterMs),
      description: 'Votre colis est livré',
      location: city,
    });
  }
  return scans;
}
