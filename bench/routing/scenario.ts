import type { RoutingWarehouse, WarehouseCalendar } from '../../core/domain/routing/index.js';

/** A warehouse of the scenario without its live fields (stock, capacity used today). */
export type WarehouseSite = Omit<RoutingWarehouse, 'stock' | 'usedToday'> & { dailyCapacity: number };

/** Public holidays 2026. */
export const holidays2026 = {
  FR: [
    '2026-01-01',
    '2026-04-06',
    '2026-05-01',
    '2026-05-08',
    '2026-05-14',
    '2026-05-25',
    '2026-07-14',
    '2026-08-15',
    '2026-11-01',
    '2026-11-11',
    '2026-12-25',
  ],
  /** Spain (national) plus Aragón (Holy Thursday, San Jorge). */
  ES_AR: [
    '2026-01-01',
    '2026-01-06',
    '2026-04-02',
    '2026-04-03',
    '2026-04-23',
    '2026-05-01',
    '2026-08-15',
    '2026-10-12',
    '2026-11-02',
    '2026-12-08',
    '2026-12-25',
  ],
};

const IDF = ['75', '77', '78', '91', '92', '93', '94', '95'];
const SOUTH_EAST = [
  '01',
  '03',
  '04',
  '05',
  '06',
  '07',
  '13',
  '15',
  '21',
  '25',
  '26',
  '30',
  '38',
  '39',
  '42',
  '43',
  '63',
  '69',
  '71',
  '73',
  '74',
  '83',
  '84',
];
const NORTH = ['02', '08', '51', '59', '60', '62', '80'];
const SOUTH_WEST = ['09', '11', '31', '32', '33', '40', '47', '64', '65', '66', '81', '82'];
const CORSICA = ['20'];

const eu = (codes: string[]) => codes.map((c) => ({ code: c, countries: [c] }));
const mon2fri = [1, 2, 3, 4, 5];

/**
 * Four 3PL sites of a French merchant. Rates are per parcel, pick-and-pack included: the Paris
 * region is the dearest to operate; Lyon and Lille are cheaper logistics hubs; Zaragoza is cheap
 * for Iberia. Cut-offs, capacities and transit times differ, as they do between real 3PLs.
 */
export const sites: readonly WarehouseSite[] = [
  {
    id: 'wh-paris',
    name: 'Paris Sud (Bonneuil)',
    countryCode: 'FR',
    latitude: 48.7726,
    longitude: 2.4857,
    timeZone: 'Europe/Paris',
    cutoffTime: '15:00',
    workingDays: mon2fri,
    holidays: holidays2026.FR,
    zones: [
      { code: 'FR-IDF', countries: ['FR'], postalPrefixes: IDF },
      { code: 'FR-COR', countries: ['FR'], postalPrefixes: CORSICA },
      { code: 'FR', countries: ['FR'] },
      ...eu(['BE', 'LU', 'NL', 'DE', 'ES', 'IT', 'AT', 'PT']),
    ],
    serviceLevels: [
      {
        code: 'standard',
        name: 'Colissimo',
        transitDays: { 'FR-IDF': 1, FR: 2, 'FR-COR': 4, BE: 2, LU: 2, NL: 2, DE: 3, ES: 4, IT: 4, AT: 4, PT: 5 },
      },
    ],
    costs: {
      'FR-IDF': 7.4,
      FR: 8.2,
      'FR-COR': 15.9,
      BE: 10.9,
      LU: 10.9,
      NL: 11.9,
      DE: 12.5,
      ES: 14.9,
      IT: 14.9,
      AT: 15.5,
      PT: 16.9,
    },
    dailyCapacity: 600,
    priority: 1,
  },
  {
    id: 'wh-lyon',
    name: 'Lyon (Saint-Quentin-Fallavier)',
    countryCode: 'FR',
    latitude: 45.6433,
    longitude: 5.1128,
    timeZone: 'Europe/Paris',
    cutoffTime: '13:00',
    workingDays: mon2fri,
    holidays: holidays2026.FR,
    zones: [
      { code: 'FR-SE', countries: ['FR'], postalPrefixes: SOUTH_EAST },
      { code: 'FR-COR', countries: ['FR'], postalPrefixes: CORSICA },
      { code: 'FR', countries: ['FR'] },
      ...eu(['IT', 'ES', 'DE', 'AT', 'BE', 'LU', 'NL', 'PT']),
    ],
    serviceLevels: [
      {
        code: 'standard',
        name: 'Colissimo',
        transitDays: { 'FR-SE': 1, FR: 2, 'FR-COR': 3, IT: 2, ES: 3, DE: 3, AT: 3, BE: 3, LU: 3, NL: 3, PT: 5 },
      },
    ],
    costs: {
      'FR-SE': 5.7,
      FR: 6.3,
      'FR-COR': 12.9,
      IT: 10.4,
      ES: 12.4,
      DE: 11.9,
      AT: 12.9,
      BE: 11.2,
      LU: 11.2,
      NL: 12.5,
      PT: 15.9,
    },
    dailyCapacity: 420,
    priority: 2,
  },
  {
    id: 'wh-lille',
    name: 'Lille (Lesquin)',
    countryCode: 'FR',
    latitude: 50.5897,
    longitude: 3.1114,
    timeZone: 'Europe/Paris',
    cutoffTime: '16:00',
    workingDays: mon2fri,
    holidays: holidays2026.FR,
    zones: [
      { code: 'FR-N', countries: ['FR'], postalPrefixes: NORTH },
      ...eu(['BE', 'LU', 'NL', 'DE']),
      { code: 'FR-COR', countries: ['FR'], postalPrefixes: CORSICA },
      { code: 'FR', countries: ['FR'] },
      ...eu(['AT', 'IT', 'ES', 'PT']),
    ],
    serviceLevels: [
      {
        code: 'standard',
        name: 'DPD Predict',
        transitDays: { 'FR-N': 1, FR: 2, 'FR-COR': 4, BE: 1, LU: 2, NL: 2, DE: 2, AT: 3, IT: 4, ES: 4, PT: 5 },
      },
    ],
    costs: {
      'FR-N': 5.9,
      FR: 6.6,
      'FR-COR': 15.4,
      BE: 6.2,
      LU: 7.4,
      NL: 7.6,
      DE: 9.2,
      AT: 12.4,
      IT: 14.5,
      ES: 14.5,
      PT: 16.5,
    },
    dailyCapacity: 340,
    priority: 3,
  },
  {
    id: 'wh-zaragoza',
    name: 'Zaragoza (PLAZA)',
    countryCode: 'ES',
    latitude: 41.6318,
    longitude: -0.9655,
    timeZone: 'Europe/Madrid',
    cutoffTime: '14:00',
    workingDays: mon2fri,
    holidays: holidays2026.ES_AR,
    zones: [
      ...eu(['ES', 'PT']),
      { code: 'FR-SW', countries: ['FR'], postalPrefixes: SOUTH_WEST },
      { code: 'FR-COR', countries: ['FR'], postalPrefixes: CORSICA },
      { code: 'FR', countries: ['FR'] },
      ...eu(['IT', 'BE', 'LU', 'NL', 'DE', 'AT']),
    ],
    serviceLevels: [
      {
        code: 'standard',
        name: 'SEUR',
        transitDays: { ES: 1, PT: 2, 'FR-SW': 2, FR: 3, 'FR-COR': 5, IT: 4, BE: 4, LU: 4, NL: 4, DE: 4, AT: 5 },
      },
    ],
    costs: {
      ES: 4.6,
      PT: 6.4,
      'FR-SW': 8.6,
      FR: 9.8,
      'FR-COR': 16.9,
      IT: 12.9,
      BE: 13.5,
      LU: 13.5,
      NL: 13.9,
      DE: 13.5,
      AT: 15.9,
    },
    dailyCapacity: 260,
    priority: 4,
  },
];

/**
 * The promise the storefront shows at checkout, the same for every order whatever the router
 * does later: dispatch the same working day for orders before 14:00 Paris time, then delivery in
 * a fixed number of working days per destination.
 */
export const checkoutPromise: {
  calendar: WarehouseCalendar;
  transitDays: (country: string, postalCode: string) => number;
} = {
  calendar: { timeZone: 'Europe/Paris', cutoffTime: '14:00', workingDays: mon2fri, holidays: holidays2026.FR },
  transitDays: (country, postalCode) => {
    if (country === 'FR') return postalCode.startsWith('20') ? 4 : 2;
    if (country === 'BE' || country === 'LU' || country === 'NL' || country === 'DE') return 3;
    return 4;
  },
};

/**
 * How stock is spread: each site's share of a SKU's stock (in proportion to its capacity, not to
 * any routing policy) and how deep into the catalogue (by popularity) its assortment goes.
 */
export const stocking: Readonly<Record<string, { share: number; assortment: number }>> = {
  'wh-paris': { share: 0.38, assortment: 0.85 },
  'wh-lyon': { share: 0.27, assortment: 0.7 },
  'wh-lille': { share: 0.2, assortment: 0.55 },
  'wh-zaragoza': { share: 0.15, assortment: 0.4 },
};
