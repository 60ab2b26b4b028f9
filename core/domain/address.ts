/** A postal address as every channel gives it to us; orders, warehouses and 3PL hand-overs all use this shape. */
export interface Address {
  name?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  zip?: string | null;
  countryCode?: string | null;
  phone?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}
