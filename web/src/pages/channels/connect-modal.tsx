import { Banner, FormLayout, Modal, Select } from '@shopify/polaris';
import { useState } from 'react';
import type { ChannelAccountDto, ChannelAccountResponse } from '../../../../core/contracts/admin/channels.js';
import { useApi } from '../../api/api-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { ACCOUNT_FIELDS, CredentialFields, type CredentialField } from './credential-fields.js';

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

const MIRAKL_FIELDS: CredentialField<keyof typeof emptyMirakl>[] = [
  ...ACCOUNT_FIELDS,
  { key: 'baseUrl', label: 'channels.form.url', type: 'url' },
  { key: 'apiKey', label: 'channels.form.apiKey', type: 'password', help: 'channels.form.apiKeyHelp' },
];
/** Amazon's inputs after its marketplace is chosen. */
const AMAZON_FIELDS: CredentialField<keyof typeof emptyAmazon>[] = [
  { key: 'sellerId', label: 'channels.form.sellerId', help: 'channels.form.sellerIdHelp', monospaced: true },
  { key: 'clientId', label: 'channels.form.clientId' },
  { key: 'clientSecret', label: 'channels.form.clientSecret', type: 'password' },
  {
    key: 'refreshToken',
    label: 'channels.form.refreshToken',
    type: 'password',
    help: 'channels.form.refreshTokenHelp',
  },
  { key: 'queueUrl', label: 'channels.form.queueUrl', type: 'url', help: 'channels.form.queueUrlHelp' },
  {
    key: 'awsAccessKeyId',
    label: 'channels.form.awsAccessKeyId',
    help: 'channels.form.awsKeysHelp',
    monospaced: true,
  },
  { key: 'awsSecretAccessKey', label: 'channels.form.awsSecretAccessKey', type: 'password' },
  { key: 'baseUrl', label: 'channels.form.endpoint', type: 'url' },
  { key: 'lwaUrl', label: 'channels.form.lwaUrl', type: 'url' },
];

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
            <CredentialFields form={mirakl} set={setM} fields={MIRAKL_FIELDS} />
          ) : (
            <>
              <CredentialFields form={amazon} set={setA} fields={ACCOUNT_FIELDS} />
              <Select
                label={t('channels.form.marketplace')}
                options={AMAZON_MARKETPLACES.map((m) => ({ label: m.label, value: m.id }))}
                value={amazon.marketplaceId}
                onChange={setA('marketplaceId')}
              />
              <CredentialFields form={amazon} set={setA} fields={AMAZON_FIELDS} />
            </>
          )}
        </FormLayout>
      </Modal.Section>
    </Modal>
  );
}
