import { Button, Heading, Link, Section, Text } from '@react-email/components';
import type { Brand, ReturnEmailData } from '../email-data.js';
import type { EmailLanguage, ReturnEmailKind } from '../kinds.js';
import { formatMoney, say } from '../messages.js';
import { Layout } from './layout.js';

const p = { fontSize: '15px', lineHeight: '22px', color: '#18181b' } as const;
const label = { fontSize: '13px', color: '#71717a', margin: '0' } as const;
const value = { fontSize: '15px', color: '#18181b', margin: '0 0 8px' } as const;
const box = { backgroundColor: '#fafafa', borderRadius: '6px', padding: '12px 16px', margin: '8px 0 16px' } as const;

/** The refund's wording follows where the parcel was when the money went back: never "we received" before it came. */
function bodyKey(kind: ReturnEmailKind, data: ReturnEmailData) {
  if (kind === 'return_refunded' && data.refundStage === 'received') return 'return_refunded.bodyReceived' as const;
  if (kind === 'return_refunded' && data.refundStage === 'before_receipt')
    return 'return_refunded.bodyBeforeReceipt' as const;
  return `${kind}.body` as const;
}

/** One template for the four return kinds: the same frame, each with what the customer must know at that step. */
export function ReturnEmail({
  kind,
  data,
  brand,
  lang,
}: {
  kind: ReturnEmailKind;
  data: ReturnEmailData;
  brand: Brand;
  lang: EmailLanguage;
}) {
  const vars = {
    order: data.orderName,
    rma: data.rma,
    name: data.customerName ? ` ${data.customerName}` : '',
    shop: brand.shopName,
  };
  const button = {
    backgroundColor: brand.color,
    color: '#ffffff',
    borderRadius: '6px',
    padding: '12px 20px',
    fontSize: '15px',
    fontWeight: 600,
  } as const;
  return (
    <Layout brand={brand} lang={lang} preview={say(lang, `${kind}.preview`)} footer={say(lang, 'return.footer', vars)}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#18181b', margin: '16px 0 8px' }}>
        {say(lang, `${kind}.title`)}
      </Heading>
      <Text style={p}>{say(lang, bodyKey(kind, data), vars)}</Text>
      {kind === 'return_declined' ? (
        <>
          <Text style={p}>{say(lang, `return_declined.${data.declineReason ?? 'other'}`)}</Text>
          {data.declineNote ? (
            <Section style={box}>
              <Text style={label}>{say(lang, 'return_declined.note')}</Text>
              <Text style={{ ...value, margin: '0' }}>{data.declineNote}</Text>
            </Section>
          ) : null}
          <Text style={p}>{say(lang, 'return_declined.next')}</Text>
        </>
      ) : null}
      {kind === 'return_approved' ? (
        <>
          <Text style={p}>{say(lang, data.labelUrl ? 'return_approved.label' : 'return_approved.steps')}</Text>
          <Section style={box}>
            <Text style={label}>{say(lang, 'return_approved.address')}</Text>
            {data.returnAddress?.length ? (
              data.returnAddress.map((l, n) => (
                <Text key={n} style={{ ...value, margin: '0' }}>
                  {l}
                </Text>
              ))
            ) : (
              <Text style={{ ...value, margin: '0' }}>{say(lang, 'return_approved.noAddress')}</Text>
            )}
          </Section>
        </>
      ) : null}
      {kind === 'return_refunded' && data.refundAmount && data.currency ? (
        <Section style={box}>
          <Text style={label}>{say(lang, 'return_refunded.amount')}</Text>
          <Text style={{ ...value, fontSize: '18px', fontWeight: 600 }}>
            {formatMoney(lang, data.refundAmount, data.currency)}
          </Text>
          <Text style={{ ...label, fontSize: '12px' }}>{say(lang, 'return_refunded.delay')}</Text>
        </Section>
      ) : null}
      <Section style={box}>
        <Text style={label}>{say(lang, 'return.rma')}</Text>
        <Text style={value}>{data.rma}</Text>
        <Text style={label}>{say(lang, 'return.items')}</Text>
        {data.items.map((i, n) => (
          <Text key={n} style={{ ...value, margin: '0' }}>
            {i.quantity} × {i.title}
          </Text>
        ))}
      </Section>
      {kind === 'return_approved' && data.slipUrl ? (
        <Button href={data.slipUrl} style={button}>
          {say(lang, 'return_approved.slip')}
        </Button>
      ) : null}
      {kind === 'return_approved' && data.labelUrl ? (
        <Text style={{ ...p, fontSize: '13px' }}>
          <Link href={data.labelUrl} style={{ color: brand.color }}>
            {say(lang, 'return_approved.labelLink')}
          </Link>
        </Text>
      ) : null}
      {kind !== 'return_approved' ? (
        <Button href={data.trackingPageUrl} style={button}>
          {say(lang, 'common.track')}
        </Button>
      ) : null}
    </Layout>
  );
}
