/** Who e-mails a shop's customers about their parcels. */
export type CustomerSender = 'shopify' | 'app';

/**
 * Exactly one sender, never both and never neither: the app only when the merchant chose it
 * AND the app can send (an SMTP server is configured); otherwise Shopify's own notification.
 * Marketplace orders get neither: the marketplace tells its buyers, and forbids us to.
 */
export function effectiveSender(input: {
  channel: string;
  choice: CustomerSender | undefined;
  appCanSend: boolean;
}): CustomerSender | 'marketplace' {
  if (input.channel !== 'shopify') return 'marketplace';
  return input.choice === 'app' && input.appCanSend ? 'app' : 'shopify';
}
