import { Button, Heading, Link, Section, Text } from '@react-email/components';
import type { Brand, ShipmentEmailData } from '../email-data.js';
import type { EmailLanguage, ShipmentEmailKind } from '../kinds.js';
import { formatDate, say } from '../messages.js';
import { Layout } from './layout.js';

const p = { fontSize: '15px', lineHeight: '22px', color: '#18181b' } as const;
const label = { fontSize: '13px', color: '#71717a', margin: '0' } as const;
const value = { fontSize: '15px', color: '#18181b', margin: '0 0 8px' } as const;

/** One template for the four shipment kinds: they differ in their words, not their shape. */
export function ShipmentEmail({
  kind,
  data,
  brand,
  lang,
}: {
  kind: ShipmentEmailKind;
  data: ShipmentEmailData;
  brand: Brand;
  lang: EmailLanguage;
}) {
  const vars = { order: data.orderName, name: data.customerName ? ` ${data.customerName}` : '', shop: brand.shopName };
  return (
    <Layout brand={brand} lang={lang} preview={say(lang, `${kind}.preview`)} footer={say(lang, 'common.footer', vars)}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#18181b', margin: '16px 0 8px' }}>
        {say(lang, `${kind}.title`)}
      </Heading>
      <Text style={p}>{say(lang, `${kind}.body`, vars)}</Text>
      {kind === 'delayed' && data.delayReason ? (
        <Text style={p}>{say(lang, `delayed.${data.delayReason}`)}</Text>
      ) : null}
      {kind === 'delayed' ? <Text style={p}>{say(lang, 'delayed.next')}</Text> : null}
      {kind === 'shipped' && data.partial ? <Text style={p}>{say(lang, 'shipped.partial')}</Text> : null}
      <Section style={{ backgroundColor: '#fafafa', borderRadius: '6px', padding: '12px 16px', margin: '8px 0 16px' }}>
        {data.carrier ? (
          <>
            <Text style={label}>{say(lang, 'common.carrier')}</Text>
            <Text style={value}>{data.carrier}</Text>
          </>
        ) : null}
        {data.trackingNumbers.length ? (
          <>
            <Text style={label}>{say(lang, 'common.number')}</Text>
            <Text style={value}>{data.trackingNumbers.join(', ')}</Text>
          </>
        ) : null}
        {data.promisedDeliveryBy && kind !== 'delivered' ? (
          <>
            <Text style={label}>{say(lang, 'common.promised')}</Text>
            <Text style={value}>{formatDate(lang, data.promisedDeliveryBy, brand.timezone)}</Text>
          </>
        ) : null}
        <Text style={label}>{say(lang, 'common.items')}</Text>
        {data.items.map((i, n) => (
          <Text key={n} style={{ ...value, margin: '0' }}>
            {i.quantity} × {i.title}
          </Text>
        ))}
      </Section>
      <Button
        href={data.trackingPageUrl}
        style={{
          backgroundColor: brand.color,
          color: '#ffffff',
          borderRadius: '6px',
          padding: '12px 20px',
          fontSize: '15px',
          fontWeight: 600,
        }}
      >
        {say(lang, 'common.track')}
      </Button>
      {data.carrierUrl ? (
        <Text style={{ ...p, fontSize: '13px' }}>
          <Link href={data.carrierUrl} style={{ color: brand.color }}>
            {say(lang, 'common.carrierLink')}
          </Link>
        </Text>
      ) : null}
    </Layout>
  );
}
