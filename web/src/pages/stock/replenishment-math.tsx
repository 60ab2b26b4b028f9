import { BlockStack, Divider, Text } from '@shopify/polaris';
import type { Replenishment, Sku, StockSettings } from '../../api/stock-types.js';
import { useI18n } from '../../i18n/i18n.js';

/** The EOQ's inputs when they reproduce the stored EOQ (settings edited since the last run would not). */
function eoqInputs(r: NonNullable<Replenishment>, sku: Sku, s: StockSettings | undefined) {
  if (!s || r.eoqRaw === null) return null;
  // the replenishment run values a SKU without a cost at half its price
  const unitCost = sku.unitCost === null ? Number(sku.price) * 0.5 : Number(sku.unitCost);
  const D = r.meanDaily * 365;
  const H = unitCost * s.holdingRatePerYear;
  if (!(H > 0)) return null;
  const eoq = Math.sqrt((2 * D * s.orderCost) / H);
  return Math.abs(eoq - r.eoqRaw) <= 0.01 * Math.max(1, r.eoqRaw)
    ? { D, K: s.orderCost, H, unitCost, estimated: sku.unitCost === null }
    : null;
}

function Formula({ title, formula, why }: { title: string; formula: string; why: string }) {
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm">
        {title}
      </Text>
      <div className="formula">
        <code>{formula}</code>
      </div>
      <Text as="p" variant="bodySm" tone="subdued">
        {why}
      </Text>
    </BlockStack>
  );
}

/** Reorder point, safety stock and EOQ, each as its formula with this SKU's numbers and what it means. */
export function ReplenishmentMath({
  r,
  sku,
  settings,
}: {
  r: NonNullable<Replenishment>;
  sku: Sku;
  settings: StockSettings | undefined;
}) {
  const { t, format } = useI18n();
  const n = (v: number, digits = 2) => format.number(v, digits);
  const sigmaL = r.leadTimeStdDays ?? 0;
  const ss =
    sigmaL > 0
      ? `SS = z·√(L·σ² + d²·σL²) = ${n(r.z)} × √(${n(r.leadTimeDays)} × ${n(r.stdDaily)}² + ${n(r.meanDaily)}² × ${n(sigmaL)}²) = ${n(r.safetyStock)}`
      : `SS = z·σ·√L = ${n(r.z)} × ${n(r.stdDaily)} × √${n(r.leadTimeDays)} = ${n(r.safetyStock)}`;
  const rop = `ROP = SS + d·L = ${n(r.safetyStock)} + ${n(r.meanDaily)} × ${n(r.leadTimeDays)} = ${n(r.reorderPoint)}`;
  const e = eoqInputs(r, sku, settings);
  const eoq =
    r.eoqRaw === null
      ? null
      : e
        ? `EOQ = √(2DK/H) = √(2 × ${n(e.D, 1)} × ${format.money(e.K)} / ${format.money(e.H)}) = ${n(r.eoqRaw, 1)} → ${format.number(r.eoq)}`
        : `EOQ = √(2DK/H) = ${n(r.eoqRaw, 1)} → ${format.number(r.eoq)}`;
  return (
    <BlockStack gap="300">
      <Divider />
      <Text as="p" variant="bodySm" tone="subdued">
        {t('sku.mathLegend')}
      </Text>
      <Formula title={t('sku.rop')} formula={rop} why={t('sku.ropWhy')} />
      <Formula title={t('sku.ss')} formula={ss} why={t('sku.ssWhy', { z: n(r.z) })} />
      {eoq ? (
        <Formula
          title={t('sku.eoq')}
          formula={eoq}
          why={`${t('sku.eoqWhy', { pack: sku.packSize, moq: sku.moq })}${e?.estimated ? ` ${t('sku.eoqEstimatedCost', { cost: format.money(e.unitCost) })}` : ''}`}
        />
      ) : (
        <Text as="p" variant="bodySm" tone="subdued">
          {t('sku.eoqNone')}
        </Text>
      )}
    </BlockStack>
  );
}
