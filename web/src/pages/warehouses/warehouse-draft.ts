import type { Warehouse, WarehouseInput } from '../../api/types.js';

/** One zone as the form edits it: lists as comma-separated text. */
export interface ZoneDraft {
  code: string;
  countries: string;
  postalPrefixes: string;
}

/** One service level as the form edits it: transit days per zone code, as typed. */
export interface ServiceLevelDraft {
  code: string;
  name: string;
  transitDays: Record<string, string>;
}

/** The warehouse form's state: every input as the merchant typed it. */
export interface WarehouseDraft {
  name: string;
  code: string;
  address1: string;
  address2: string;
  city: string;
  zip: string;
  countryCode: string;
  latitude: string;
  longitude: string;
  timezone: string;
  cutoffTime: string;
  workingDays: number[];
  holidays: string;
  zones: ZoneDraft[];
  serviceLevels: ServiceLevelDraft[];
  costs: Record<string, string>;
  dailyCapacity: string;
  priority: string;
  dispatchStyle: 'feed' | 'http';
  pushUrl: string;
  active: boolean;
  /** `none` or the linked Shopify location's gid */
  location: string;
}

const splitList = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** A new warehouse: a French 3PL shipping Monday to Friday, one zone, one service level. */
export function emptyDraft(timezone: string, country: string): WarehouseDraft {
  return {
    name: '',
    code: '',
    address1: '',
    address2: '',
    city: '',
    zip: '',
    countryCode: country,
    latitude: '',
    longitude: '',
    timezone,
    cutoffTime: '15:00',
    workingDays: [1, 2, 3, 4, 5],
    holidays: '',
    zones: [{ code: country, countries: country, postalPrefixes: '' }],
    serviceLevels: [{ code: 'standard', name: 'Standard', transitDays: { [country]: '2' } }],
    costs: { [country]: '' },
    dailyCapacity: '',
    priority: '100',
    dispatchStyle: 'feed',
    pushUrl: '',
    active: true,
    location: 'none',
  };
}

/** The form's state for a saved warehouse. */
export function draftOf(w: Warehouse): WarehouseDraft {
  const a = (w.address ?? {}) as {
    address1?: string | null;
    address2?: string | null;
    city?: string | null;
    zip?: string | null;
    countryCode?: string | null;
  };
  return {
    name: w.name,
    code: w.code,
    address1: a.address1 ?? '',
    address2: a.address2 ?? '',
    city: a.city ?? '',
    zip: a.zip ?? '',
    countryCode: a.countryCode ?? w.countryCode ?? '',
    latitude: w.latitude === null ? '' : String(w.latitude),
    longitude: w.longitude === null ? '' : String(w.longitude),
    timezone: w.timezone,
    cutoffTime: w.cutoffTime,
    workingDays: [...w.workingDays],
    holidays: w.holidays.join('\n'),
    zones: w.zones.map((z) => ({
      code: z.code,
      countries: z.countries.join(', '),
      postalPrefixes: (z.postalPrefixes ?? []).join(', '),
    })),
    serviceLevels: w.serviceLevels.map((s) => ({
      code: s.code,
      name: s.name,
      transitDays: Object.fromEntries(Object.entries(s.transitDays).map(([k, v]) => [k, String(v)])),
    })),
    costs: Object.fromEntries(Object.entries(w.costs).map(([k, v]) => [k, String(v)])),
    dailyCapacity: w.dailyCapacity === null ? '' : String(w.dailyCapacity),
    priority: String(w.priority),
    dispatchStyle: w.dispatchStyle === 'http' ? 'http' : 'feed',
    pushUrl: w.pushUrl ?? '',
    active: w.active,
    location: w.locationExternalId ?? 'none',
  };
}

/** The API body for the form's state; numbers parsed, empty per-zone values left out. */
export function inputOf(d: WarehouseDraft): WarehouseInput {
  const zoneCodes = new Set(d.zones.map((z) => z.code.trim()).filter(Boolean));
  const perZone = (m: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(m)
        .filter(([k, v]) => zoneCodes.has(k) && v.trim() !== '')
        .map(([k, v]) => [k, Number(v.replace(',', '.'))]),
    );
  return {
    name: d.name.trim(),
    code: d.code.trim().toUpperCase(),
    address: {
      address1: d.address1 || null,
      address2: d.address2 || null,
      city: d.city || null,
      zip: d.zip || null,
      countryCode: d.countryCode.trim().toUpperCase(),
    },
    latitude: num(d.latitude),
    longitude: num(d.longitude),
    timezone: d.timezone,
    cutoffTime: d.cutoffTime,
    workingDays: [...d.workingDays].sort(),
    holidays: splitList(d.holidays),
    zones: d.zones.map((z) => {
      const prefixes = splitList(z.postalPrefixes);
      return {
        code: z.code.trim(),
        countries: splitList(z.countries).map((c) => c.toUpperCase()),
        ...(prefixes.length ? { postalPrefixes: prefixes } : {}),
      };
    }),
    serviceLevels: d.serviceLevels.map((s) => ({
      code: s.code.trim(),
      name: s.name.trim(),
      transitDays: perZone(s.transitDays),
    })),
    costs: perZone(d.costs),
    dailyCapacity: d.dailyCapacity.trim() === '' ? null : Number(d.dailyCapacity),
    priority: Number(d.priority || '100'),
    dispatchStyle: d.dispatchStyle,
    pushUrl: d.dispatchStyle === 'http' ? d.pushUrl.trim() || null : null,
    active: d.active,
    location: d.location === 'none' ? { mode: 'none' } : { mode: 'existing', externalId: d.location },
  };
}

/** Field errors keyed by the form path (`zones.0.code`), from the server's `body.zones.0.code`. */
export function errorsByPath(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const p = i.path.replace(/^body\.?/, '');
    out[p] ??= i.message;
  }
  return out;
}
