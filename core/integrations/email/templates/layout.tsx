import { Body, Container, Head, Hr, Html, Img, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { Brand } from '../email-data.js';
import type { EmailLanguage } from '../kinds.js';

/** The frame every e-mail shares: the shop's logo or name on its colour, the content, a footer. */
export function Layout({
  brand,
  lang,
  preview,
  footer,
  children,
}: {
  brand: Brand;
  lang: EmailLanguage;
  preview: string;
  footer: string;
  children: ReactNode;
}) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{ backgroundColor: '#f4f4f5', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' }}
      >
        <Container style={{ backgroundColor: '#ffffff', maxWidth: '560px', borderRadius: '8px', overflow: 'hidden' }}>
          <Section style={{ backgroundColor: brand.color, padding: '20px 24px' }}>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.shopName} height="40" style={{ display: 'block' }} />
            ) : (
              <Text style={{ color: '#ffffff', fontSize: '20px', fontWeight: 700, margin: 0 }}>{brand.shopName}</Text>
            )}
          </Section>
          <Section style={{ padding: '8px 24px 16px' }}>{children}</Section>
          <Hr style={{ borderColor: '#e4e4e7', margin: 0 }} />
          <Section style={{ padding: '12px 24px' }}>
            <Text style={{ color: '#71717a', fontSize: '12px', margin: 0 }}>{footer}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
