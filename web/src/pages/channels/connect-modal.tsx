import { Banner, FormLayout, Modal, Select, TextField } from '@shopify/polaris';
import { useState } from 'react';
import type { ChannelAccountDto, ChannelAccountResponse } from '../../../../core/contracts/admin/channels.js';
import { useApi } from '../../api/api-context.js';
import { useI18n } from '../../i18n/i18n.js';

/** Amazon's European marketplaces a French merchant is likely to sell on, by their marketplace id. */
const AMAZON_MARKETPLACES = [
  { id: 'A13V1IB3VIYZZH', label: 'Amazon.fr' },
  { id: 'A1PA6795UKMFR9', label: 'Amazon.de' },
  { id: 'A1F83G8C2ARO7P', label: 'Amazon.co.uk' },
  { id: 'APJ6JRA9NG5V4', label: 'Amazon.it' },
  { id: 'A1RKKUPIHCS9HS', label: 'Amazon.es' },
  { id: 'A1805IZSGTT6HS', label: 'Amazon.nl' },
  { id: 'AMEN7PMS3EDWL', label: 'Amazon.com.be' },
];

const emptyMirakl = { name: '', code: '', baseUrl: '', apiKey: '' };
const emptyAmazon = {
  name: '',
  code: '',
  sellerId: '',
  marketplaceId: 'A13V1IB3VIYZZH',
  clientId: '',
  clientSecret: '',
  refreshToken: '',
  queueUrl: '',
  awsAccessKeyId: '',
  awsSecretAccessKey: '',
  baseUrl: 'https://sellingpartnerapi-eu.amazon.com',
  lwaUrl: 'https://api.amazon.com/auth/o2/token',
};

/** Connects a Mirakl operator (URL and shop key) or an Amazon seller (LWA credentials and its SQS queue). */
export function ConnectModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(a: ChannelAccountDto): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [kind, setKind] = useState<'mirakl' | 'amazon'>('mirakl');
  const [mirakl, setMirakl] = useState(emptyMirakl);
  const [amazon, setAmazon] = useState(emptyAmazon);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const setM = (k: keyof typeof emptyMirakl) => (v: string) => setMirakl((f) => ({ ...f, [k]: v }));
  const setA = (k: keyof typeof emptyAmazon) => (v: string) => setAmazon((f) => ({ ...f, [k]: v }));
  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const body =
        kind === 'mirakl'
          ? { kind, ...mirakl }
          : {
              kind,
              ...amazon,
              sellerId: amazon.sellerId.trim(),
              queueUrl: amazon.queueUrl.trim() || null,
              awsAccessKeyId: amazon.awsAccessKeyId.trim() || undefined,
              awsSecretAccessKey: amazon.awsSecretAccessKey || undefined,
            };
      const res = await api.post<ChannelAccountResponse>('/channel-accounts', body);
      onCreated(res.account);
      setMirakl(emptyMirakl);
      setAmazon(emptyAmazon);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const common = (form: { name: string; code: string }, set: (k: 'name' | 'code') => (v: string) => void) => (
    <>
      <TextField label={t('channels.form.name')} value={form.name} onChange={set('name')} autoComplete="off" />
      <TextField
        label={t('channels.form.code')}
        value={form.code}
        onChange={set('code')}
        autoComplete="off"
        helpText={t('channels.form.codeHelp')}
        monospaced
      />
    </>
  );
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t('channels.add')}
      primaryAction={{ content: t('channels.form.connect'), onAction: () => void submit(), loading: saving }}
      secondaryActions={[{ content: t('common.cancel'), onAction: onClose }]}
    >
      <Modal.Section>
        <FormLayout>
          {error ? <Banner tone="critical">{error}</Banner> : null}
          <Select
            label={t('channels.form.kind')}
            options={[
              { label: t('channels.form.kindMirakl'), value: 'mirakl' },
              { label: t('channels.form.kindAmazon'), value: 'amazon' },
            ]}
            value={kind}
            onChange={(v) => setKind(v === 'amazon' ? 'amazon' : 'mirakl')}
          />
          {kind === 'mirakl' ? (
            <>
              {common(mirakl, setM)}
              <TextField
                label={t('channels.form.url')}
                value={mirakl.baseUrl}
                onChange={setM('baseUrl')}
                autoComplete="off"
                type="url"
              />
              <TextField
                label={t('channels.form.apiKey')}
                value={mirakl.apiKey}
                onChange={setM('apiKey')}
                autoComplete="off"
                type="password"
                helpText={t('channels.form.apiKeyHelp')}
              />
            </>
          ) : (
            <>
              {common(amazon, setA)}
              <Select
                label={t('channels.form.marketplace')}
                options={AMAZON_MARKETPLACES.map((m) => ({ label: m.label, value: m.id }))}
                value={amazon.marketplaceId}
                onChange={setA('marketplaceId')}
              />
              <TextField
                label={t('channels.form.sellerId')}
                value={amazon.sellerId}
                onChange={setA('sellerId')}
                autoComplete="off"
                helpText={t('channels.form.sellerIdHelp')}
                monospaced
              />
              <TextField
                label={t('channels.form.clientId')}
                value={amazon.clientId}
                onChange={setA('clientId')}
                autoComplete="off"
              />
              <TextField
                label={t('channels.form.clientSecret')}
                value={amazon.clientSecret}
                onChange={setA('clientSecret')}
                autoComplete="off"
                type="password"
              />
              <TextField
                label={t('channels.form.refreshToken')}
                value={amazon.refreshToken}
                onChange={setA('refreshToken')}
                autoComplete="off"
                type="password"
                helpText={t('channels.form.refreshTokenHelp')}
              />
              <TextField
                label={t('channels.form.queueUrl')}
                value={amazon.queueUrl}
                onChange={setA('queueUrl')}
                autoComplete="off"
                type="url"
                helpText={t('channels.form.queueUrlHelp')}
              />
              <TextField
                label={t('channels.form.awsAccessKeyId')}
                value={amazon.awsAccessKeyId}
                onChange={setA('awsAccessKeyId')}
                autoComplete="off"
                helpText={t('channels.form.awsKeysHelp')}
                monospaced
              />
              <TextField
                label={t('channels.form.awsSecretAccessKey')}
                value={amazon.awsSecretAccessKey}
                onChange={setA('awsSecretAccessKey')}
                autoComplete="off"
                type="password"
              />
              <TextField
                label={t('channels.form.endpoint')}
                value={amazon.baseUrl}
                onChange={setA('baseUrl')}
                autoComplete="off"
                type="url"
              />
              <TextField
                label={t('channels.form.lwaUrl')}
                value={amazon.lwaUrl}
                onChange={setA('lwaUrl')}
                autoComplete="off"
                type="url"
              />
            </>
          )}
        </FormLayout>
      </Modal.Section>
    </Modal>
  );
}
