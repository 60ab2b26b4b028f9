import { Button, Column, Heading, Row, Section, Text } from '@react-email/components';
import type { Brand, StockDigestData } from '../email-data.js';
import type { EmailLanguage } from '../kinds.js';
import { formatDate, say } from '../messages.js';
import { Layout } from './layout.js';

const cell = { fontSize: '13px', color: '#18181b', padding: '4px 0' } as const;

/** The merchant's morning list of what needs reordering. */
export function StockDigestEmail({ data, brand, lang }: { data: StockDigestData; brand: Brand; lang: EmailLanguage }) {
  const date = formatDate(lang, `${data.date}T12:00:00Z`, 'UTC');
  return (
    <Layout brand={brand} lang={lang} preview={say(lang, 'digest.preview')} footer={say(lang, 'digest.footer')}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#18181b', margin: '16px 0 8px' }}>
        {say(lang, 'digest.title')}
      </Heading>
      <Text style={{ fontSize: '15px' }}>
        {data.openAlerts ? say(lang, 'digest.body', { count: data.openAlerts, date }) : say(lang, 'digest.none')}
      </Text>
      {data.items.length ? (
        <Section>
          <Row>
            <Column style={{ ...cell, color: '#71717a' }}>{say(lang, 'digest.sku')}</Column>
            <Column style={{ ...cell, color: '#71717a' }}>{say(lang, 'digest.onHand')}</Column>
            <Column style={{ ...cell, color: '#71717a' }}>{say(lang, 'digest.rop')}</Column>
            <Column style={{ ...cell, color: '#71717a' }}>{say(lang, 'digest.cover')}</Column>
          </Row>
          {data.items.map((i) => (
            <Row key={i.sku}>
              <Column style={cell}>{i.sku}</Column>
              <Column style={cell}>{i.onHand}</Column>
              <Column style={cell}>{i.reorderPoint ?? '—'}</Column>
              <Column style={cell}>{i.daysOfCover === null ? '—' : i.daysOfCover.toFixed(1)}</Column>
            </Row>
          ))}
        </Section>
      ) : null}
      <Button
        href={data.adminUrl}
        style={{
          backgroundColor: brand.color,
          color: '#ffffff',
          borderRadius: '6px',
          padding: '12px 20px',
          fontSize: '15px',
          marginTop: '16px',
        }}
      >
        {say(lang, 'digest.open')}
      </Button>
    </Layout>
  );
}
