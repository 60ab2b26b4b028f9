import { addDays, isoWeekday, localDateTime, parseClock, zonedTimeToUtcMs } from './calendar.js';
import type { DeliveryPromise, RoutingServiceLevel, WarehouseCalendar } from './types.js';

const MAX_DAYS_AHEAD = 366;
const DEFAULT_DELIVERY_DAYS = [1, 2, 3, 4, 5];

/** When a warehouse next ships, seen at some instant. */
export interface ShipSlot {
  /** Local date the parcel leaves. */
  shipDate: string;
  shipsToday: boolean;
  /** The cut-off instant on `shipDate`, ISO-8601 UTC. */
  shipBy: string;
}

/** Why no promise could be made. */
export type PromiseFailure = 'invalid_time_zone' | 'invalid_cutoff' | 'no_working_day' | 'no_service_level';

/** A promise, or why there is none. */
export type PromiseResult = { ok: true; promise: DeliveryPromise } | { ok: false; reason: PromiseFailure };

/** A ship slot, or why there is none. */
export type ShipSlotResult =
  { ok: true; slot: ShipSlot } | { ok: false; reason: Exclude<PromiseFailure, 'no_service_level'> };

function isWorkingDay(calendar: WarehouseCalendar, date: string): boolean {
  return calendar.workingDays.includes(isoWeekday(date)) && !calendar.holidays.includes(date);
}

function toMs(now: Date | string): number {
  return typeof now === 'string' ? Date.parse(now) : now.getTime();
}

/**
 * The next shipping slot of a warehouse at `now`: today if it is a local working day (not a
 * holiday) and the local time is before the cut-off, else the next working day.
 */
export function nextShipSlot(calendar: WarehouseCalendar, now: Date | string): ShipSlotResult {
  const cutoff = parseClock(calendar.cutoffTime);
  if (cutoff === null) return { ok: false, reason: 'invalid_cutoff' };
  const nowMs = toMs(now);
  let local;
  try {
    local = localDateTime(nowMs, calendar.timeZone);
  } catch {
    return { ok: false, reason: 'invalid_time_zone' };
  }
  const today = local.date;
  let date = today;
  if (!isWorkingDay(calendar, date) || local.minutes >= cutoff) date = addDays(date, 1);
  for (let i = 0; i <= MAX_DAYS_AHEAD && !isWorkingDay(calendar, date); i++) date = addDays(date, 1);
  if (!isWorkingDay(calendar, date)) return { ok: false, reason: 'no_working_day' };
  const shipBy = new Date(zonedTimeToUtcMs(date, cutoff, calendar.timeZone)).toISOString();
  return { ok: true, slot: { shipDate: date, shipsToday: date === today, shipBy } };
}

/**
 * The date a parcel that leaves on `shipDate` arrives after `transitDays` carrier delivery days,
 * skipping non-delivery weekdays and the warehouse's holidays.
 */
export function deliveryDateAfter(calendar: WarehouseCalendar, shipDate: string, transitDays: number): string {
  const deliveryDays =
    calendar.deliveryDays && calendar.deliveryDays.length > 0 ? calendar.deliveryDays : DEFAULT_DELIVERY_DAYS;
  const isDeliveryDay = (d: string): boolean => deliveryDays.includes(isoWeekday(d)) && !calendar.holidays.includes(d);
  let date = shipDate;
  for (let left = Math.max(0, Math.ceil(transitDays)); left > 0;) {
    date = addDays(date, 1);
    if (isDeliveryDay(date)) left--;
  }
  return date;
}

/** The service level used for a zone: the requested one if it serves the zone, else the first that does. */
export function serviceLevelFor(
  levels: readonly RoutingServiceLevel[],
  zoneCode: string,
  requested?: string | null,
): RoutingServiceLevel | null {
  const serves = (l: RoutingServiceLevel): boolean => typeof l.transitDays[zoneCode] === 'number';
  if (requested) return levels.find((l) => l.code === requested && serves(l)) ?? null;
  return levels.find(serves) ?? null;
}

/**
 * The promise a warehouse can make for a zone at `now`: its next ship slot (cut-off, working
 * days, holidays, in its own time zone) plus the service level's transit days for the zone.
 */
export function promiseFor(
  warehouse: WarehouseCalendar & { serviceLevels: readonly RoutingServiceLevel[] },
  zoneCode: string,
  now: Date | string,
  serviceLevel?: string | null,
): PromiseResult {
  const level = serviceLevelFor(warehouse.serviceLevels, zoneCode, serviceLevel);
  if (!level) return { ok: false, reason: 'no_service_level' };
  const slot = nextShipSlot(warehouse, now);
  if (!slot.ok) return slot;
  const transitDays = level.transitDays[zoneCode] ?? 0;
  return {
    ok: true,
    promise: {
      serviceLevel: level.code,
      zone: zoneCode,
      shipDate: slot.slot.shipDate,
      shipsToday: slot.slot.shipsToday,
      shipBy: slot.slot.shipBy,
      transitDays,
      deliverBy: deliveryDateAfter(warehouse, slot.slot.shipDate, transitDays),
    },
  };
}
