import { createContext, useContext, type ReactNode } from 'react';
import type { ShopResponse, ShopSettings } from '../api/types.js';

/** The shop the app runs for, loaded once at start. */
export interface ShopState {
  shop: ShopResponse['shop'];
  settings: ShopSettings;
  deadLetters: number;
  embedded: boolean;
  /** Applies saved settings at once (the language switches without a reload). */
  applySettings(settings: ShopSettings): void;
  /** Reloads the shop's counters (dead letters in the navigation). */
  refresh(): void;
}

const ShopContext = createContext<ShopState | null>(null);

export function ShopProvider({ value, children }: { value: ShopState; children: ReactNode }) {
  return <ShopContext.Provider value={value}>{children}</ShopContext.Provider>;
}

/** The current shop. */
export function useShop(): ShopState {
  const v = useContext(ShopContext);
  if (!v) throw new Error('useShop outside ShopProvider');
  return v;
}
