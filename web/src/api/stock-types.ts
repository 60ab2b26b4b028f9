/** The stock side of the admin API's types, from the contract (core/contracts/admin). */
export type {
  AccuracyResponse,
  AlertKind,
  AlertRow,
  AlertSeverity,
  AlertsResponse,
  AlertStatus,
  ChannelBuffer,
  ChannelsResponse,
  MovementReason,
  PurchaseOrder,
  PurchaseOrderLineRow,
  PurchaseOrdersResponse,
  Sku,
  SkuDetail,
  SkuPurchasingInput,
  StockAlert,
  SellingChannel,
  StockItem,
  StockPage,
  StockSettings,
  StockSettingsResponse,
  StockStatus,
  SupplierItem,
  SuppliersResponse,
  WarehouseAccuracy,
} from '../../../core/contracts/admin/index.js';
import type { SkuDetail } from '../../../core/contracts/admin/index.js';

/** The SKU's last replenishment numbers, or null before the first run. */
export type Replenishment = SkuDetail['replenishment'];
