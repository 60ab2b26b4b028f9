/** Starting to stock an item at a location (a new warehouse location has nothing stocked). */
export const INVENTORY_ACTIVATE = `mutation InventoryActivate($item: ID!, $loc: ID!, $available: Int, $key: String!) {
  inventoryActivate(inventoryItemId: $item, locationId: $loc, available: $available) @idempotent(key: $key) {
    inventoryLevel { id }
    userErrors { field message }
  }
}`;
export interface InventoryActivateResult {
  inventoryActivate: {
    inventoryLevel: { id: string } | null;
    userErrors: { field: string[] | null; message: string }[];
  };
}
