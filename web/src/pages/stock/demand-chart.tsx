import { BlockStack, InlineStack, Text } from '@shopify/polaris';
import { useI18n } from '../../i18n/i18n.js';

/** Units sold on one day. */
export interface DemandDay {
  day: string;
  units: number;
  revenue: string | number;
}

const W = 720;
const H = 240;
const PAD = { top: 14, right: 16, bottom: 28, left: 40 };

/** An axis step of 1, 2 or 5 × 10ⁿ giving at most four intervals, and the round maximum it reaches. */
export function unitAxis(max: number): { step: number; top: number } {
  const raw = Math.max(1, max) / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow);
  return { step, top: Math.ceil(Math.max(1, max) / step) * step };
}

/** The `n` calendar days ending on `end` (YYYY-MM-DD), with the sold ones filled in and the rest at zero. */
export function demandDays(sold: DemandDay[], end: string, n: number): DemandDay[] {
  const last = Date.parse(`${end}T00:00:00Z`);
  const byDay = new Map(sold.map((d) => [d.day.slice(0, 10), d]));
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(last - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return byDay.get(day) ?? { day, units: 0, revenue: 0 };
  });
}

/** Daily units sold as bars, with the reorder point and the safety stock as horizontal lines on the same unit scale. */
export function DemandChart({
  days,
  reorderPoint,
  safetyStock,
}: {
  days: DemandDay[];
  reorderPoint: number | null;
  safetyStock: number | null;
}) {
  const { t, format } = useI18n();
  const { step, top } = unitAxis(Math.max(...days.map((d) => d.units), reorderPoint ?? 0, safetyStock ?? 0) * 1.08);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const y = (u: number) => PAD.top + plotH - (u / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  const label = t('sku.chartLabel', { days: days.length });
  // the reorder point is labelled above its line at the right, the safety stock below its own; when the
  // safety stock sits too low for that, its label goes above the line at the left, clear of the other one
  const ssBelow = safetyStock !== null && y(safetyStock) + 15 <= y(0) - 2;
  const line = (v: number | null, cls: string, text: string, place: 'above-end' | 'below-end' | 'above-start') =>
    v === null ? null : (
      <g className={cls}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
        <text
          x={place === 'above-start' ? PAD.left + 6 : W - PAD.right - 4}
          y={place === 'below-end' ? y(v) + 15 : y(v) - 6}
          textAnchor={place === 'above-start' ? 'start' : 'end'}
          className="chart-line-label"
        >
          {text}
        </text>
      </g>
    );
  return (
    <BlockStack gap="200">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label} className="demand-chart">
        <title>{label}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" className="chart-axis">
              {format.number(v)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + slot * i;
          const bw = Math.max(1, slot * 0.72);
          return (
            <g key={d.day}>
              {d.units > 0 ? (
                <rect
                  x={x + (slot - bw) / 2}
                  y={y(d.units)}
                  width={bw}
                  height={Math.max(1, y(0) - y(d.units))}
                  rx={Math.min(2, bw / 3)}
                  className="chart-bar"
                >
                  <title>{`${format.calendarDate(d.day)}: ${t('stock.units', { count: d.units, n: format.number(d.units) })}, ${format.money(d.revenue)}`}</title>
                </rect>
              ) : null}
              {i % labelEvery === 0 ? (
                <text x={x + slot / 2} y={H - 8} textAnchor="middle" className="chart-axis">
                  {format.dayMonth(d.day)}
                </text>
              ) : null}
            </g>
          );
        })}
        {line(reorderPoint, 'chart-rop', t('sku.ropShort', { n: format.number(reorderPoint ?? 0, 1) }), 'above-end')}
        {line(
          safetyStock,
          'chart-ss',
          t('sku.ssShort', { n: format.number(safetyStock ?? 0, 1) }),
          ssBelow ? 'below-end' : 'above-start',
        )}
      </svg>
      <InlineStack gap="400">
        <InlineStack gap="150" blockAlign="center">
          <span className="chart-key chart-key-bar" />
          <Text as="span" variant="bodySm" tone="subdued">
            {t('sku.legendUnits')}
          </Text>
        </InlineStack>
        <InlineStack gap="150" blockAlign="center">
          <span className="chart-key chart-key-rop" />
          <Text as="span" variant="bodySm" tone="subdued">
            {t('sku.legendRop')}
          </Text>
        </InlineStack>
        <InlineStack gap="150" blockAlign="center">
          <span className="chart-key chart-key-ss" />
          <Text as="span" variant="bodySm" tone="subdued">
            {t('sku.legendSs')}
          </Text>
        </InlineStack>
      </InlineStack>
    </BlockStack>
  );
}
