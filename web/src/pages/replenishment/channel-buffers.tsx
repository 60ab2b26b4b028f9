import { BlockStack, Divider, InlineGrid, Select, Text, TextField } from '@shopify/polaris';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { en } from '../../i18n/messages-en.js';
import type { BufferDraft, BufferKind } from './replenishment-draft.js';

const KINDS: BufferKind[] = ['none', 'fixed', 'percent', 'lag_velocity'];

/** A channel's name in words, as the orders list says it; an unknown one as stored. */
export function useChannelName(): (c: string) => string {
  const { t } = useI18n();
  return (c) => (`channel.${c}` in en ? t(`channel.${c}` as MessageKey) : c);
}

/** Per channel: how many units to keep back from what it may sell, and the sync lag measured for it. */
export function ChannelBuffers({
  rows,
  onChange,
  errors,
  measuredLag,
}: {
  rows: BufferDraft[];
  onChange(rows: BufferDraft[]): void;
  errors: Record<string, string>;
  measuredLag: Record<string, number>;
}) {
  const { t, format } = useI18n();
  const channelName = useChannelName();
  const set = (i: number, patch: Partial<BufferDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <BlockStack gap="400">
      {rows.map((b, i) => {
        const key = `buffers.${b.channel}`;
        const lag = measuredLag[b.channel];
        return (
          <BlockStack gap="300" key={b.channel}>
            {i > 0 ? <Divider /> : null}
            <InlineGrid columns={{ xs: 1, sm: '1fr 1fr' }} gap="300" alignItems="end">
              <Select
                label={t('repl.bufferFor', { channel: channelName(b.channel) })}
                options={KINDS.map((k) => ({ value: k, label: t(`repl.buffer.${k}` as MessageKey) }))}
                value={b.kind}
                onChange={(kind) => set(i, { kind: kind as BufferKind })}
                error={errors[key]}
              />
              {b.kind === 'fixed' ? (
                <TextField
                  label={t('repl.bufferUnits')}
                  type="number"
                  min={0}
                  step={1}
                  value={b.units}
                  onChange={(units) => set(i, { units })}
                  autoComplete="off"
                  error={errors[`${key}.units`]}
                />
              ) : null}
              {b.kind === 'percent' ? (
                <TextField
                  label={t('repl.bufferPercent')}
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  suffix="%"
                  value={b.percent}
                  onChange={(percent) => set(i, { percent })}
                  autoComplete="off"
                  error={errors[`${key}.percent`]}
                />
              ) : null}
              {b.kind === 'lag_velocity' ? (
                <TextField
                  label={t('repl.bufferMin')}
                  type="number"
                  min={0}
                  step={1}
                  value={b.minUnits}
                  onChange={(minUnits) => set(i, { minUnits })}
                  autoComplete="off"
                  error={errors[`${key}.minUnits`]}
                />
              ) : null}
            </InlineGrid>
            <Text as="p" variant="bodySm" tone="subdued">
              {t(`repl.buffer.${b.kind}.help` as MessageKey)}{' '}
              {lag === undefined ? t('repl.lagUnmeasured') : t('repl.lagMeasured', { lag: format.number(lag, 1) })}
            </Text>
          </BlockStack>
        );
      })}
    </BlockStack>
  );
}
