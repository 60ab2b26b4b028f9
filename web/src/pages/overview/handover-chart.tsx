import { BlockStack, InlineStack, Text } from '@shopify/polaris';
import { useI18n } from '../../i18n/i18n.js';

/** One day of the chart: minutes from order to 3PL hand-over. */
export interface HandoverDay {
  day: string;
  orders: number;
  medianMinutes: number | null;
  p95Minutes: number | null;
}

const W = 640;
const H = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 56 };

/** A round axis maximum in minutes whose half is round too: 10, 20, 30 minutes, then hours, then days. */
function niceMax(v: number): number {
  const steps = [10, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 5760, 10080];
  return steps.find((m) => m >= v) ?? Math.ceil(v / 1440) * 1440;
}

/** Median bars with the 95th percentile as a tick above each, one per day. */
export function HandoverChart({ days }: { days: HandoverDay[] }) {
  const { t, format } = useI18n();
  const max = niceMax(Math.max(0, ...days.map((d) => d.p95Minutes ?? d.medianMinutes ?? 0)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const y = (m: number) => PAD.top + plotH - (m / max) * plotH;
  const ticks = [0, max / 2, max];
  const label = t('overview.chartLabel', { days: days.length });
  return (
    <BlockStack gap="200">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label} className="handover-chart">
        <title>{label}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" className="chart-axis">
              {format.minutes(v)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const cx = PAD.left + slot * i + slot / 2;
          const bw = Math.min(36, slot * 0.5);
          return (
            <g key={d.day}>
              {d.medianMinutes !== null ? (
                <rect
                  x={cx - bw / 2}
                  y={y(d.medianMinutes)}
                  width={bw}
                  height={Math.max(1, y(0) - y(d.medianMinutes))}
                  rx={3}
                  className="chart-bar"
                >
                  <title>{`${format.day(d.day)}: ${t('overview.median')} ${format.minutes(d.medianMinutes)}, p95 ${format.minutes(d.p95Minutes)} (${t('overview.ordersCount', { count: d.orders })})`}</title>
                </rect>
              ) : null}
              {d.p95Minutes !== null ? (
                <line
                  x1={cx - bw / 2 - 4}
                  x2={cx + bw / 2 + 4}
                  y1={y(d.p95Minutes)}
                  y2={y(d.p95Minutes)}
                  className="chart-p95"
                />
              ) : null}
              <text x={cx} y={H - 8} textAnchor="middle" className="chart-axis">
                {format.shortDay(d.day)}
              </text>
            </g>
          );
        })}
      </svg>
      <InlineStack gap="400">
        <InlineStack gap="150" blockAlign="center">
          <span className="chart-key chart-key-bar" />
          <Text as="span" variant="bodySm" tone="subdued">
            {t('overview.median')}
          </Text>
        </InlineStack>
        <InlineStack gap="150" blockAlign="center">
          <span className="chart-key chart-key-p95" />
          <Text as="span" variant="bodySm" tone="subdued">
            {t('overview.p95')}
          </Text>
        </InlineStack>
      </InlineStack>
    </BlockStack>
  );
}

/** The last `n` days ending on `today` (YYYY-MM-DD), with the measured ones filled in. */
export function lastDays(measured: HandoverDay[], today: string, n = 7): HandoverDay[] {
  const end = new Date(`${today}T00:00:00Z`).getTime();
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(end - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return measured.find((m) => m.day === day) ?? { day, orders: 0, medianMinutes: null, p95Minutes: null };
  });
}
