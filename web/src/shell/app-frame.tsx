import { Frame, Navigation, TopBar } from '@shopify/polaris';
import {
  AlertTriangleIcon,
  CartDownIcon,
  GlobeEUIcon,
  HomeIcon,
  InventoryIcon,
  ListNumberedIcon,
  LocationIcon,
  NotificationIcon,
  OrderIcon,
  ReturnIcon,
  SettingsIcon,
  EmailIcon,
} from '@shopify/polaris-icons';
import { NavMenu } from '@shopify/app-bridge-react';
import { useState, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { RouterLink, useLocation } from '../router/router.js';
import { ToastProvider } from './toast.js';

const sections: { url: string; label: MessageKey; icon: typeof HomeIcon }[] = [
  { url: '/', label: 'nav.overview', icon: HomeIcon },
  { url: '/orders', label: 'nav.orders', icon: OrderIcon },
  { url: '/returns', label: 'nav.returns', icon: ReturnIcon },
  { url: '/stock', label: 'nav.stock', icon: InventoryIcon },
  { url: '/alerts', label: 'nav.alerts', icon: NotificationIcon },
  { url: '/purchase-orders', label: 'nav.purchaseOrders', icon: CartDownIcon },
  { url: '/warehouses', label: 'nav.warehouses', icon: LocationIcon },
  { url: '/rules', label: 'nav.rules', icon: ListNumberedIcon },
  { url: '/channels', label: 'nav.channels', icon: GlobeEUIcon },
  { url: '/dead-letters', label: 'nav.deadLetters', icon: AlertTriangleIcon },
  { url: '/emails', label: 'nav.emails', icon: EmailIcon },
  { url: '/settings', label: 'nav.settings', icon: SettingsIcon },
];

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

/** What the frame shows of the shop; absent while it loads. */
export interface FrameShop {
  name: string;
  domain: string;
  deadLetters: number;
}

/**
 * Inside Shopify admin the app's pages are listed in the admin's own sidebar (App Bridge's
 * NavMenu) and the page is bare; outside it, a Polaris frame draws the same navigation.
 */
export function AppFrame({
  embedded,
  shop,
  children,
}: {
  embedded: boolean;
  shop: FrameShop | null;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { path } = useLocation();
  const [mobileNav, setMobileNav] = useState(false);
  const [userMenu, setUserMenu] = useState(false);

  if (embedded) {
    return (
      <Frame>
        <NavMenu>
          {sections.map((s) => (
            <RouterLink key={s.url} url={s.url} rel={s.url === '/' ? 'home' : undefined}>
              {t(s.label)}
            </RouterLink>
          ))}
        </NavMenu>
        <ToastProvider>{children}</ToastProvider>
      </Frame>
    );
  }

  const selected = (url: string) => (url === '/' ? path === '/' : path === url || path.startsWith(`${url}/`));
  const navigation = (
    <Navigation location={path}>
      <Navigation.Section
        items={sections.map((s) => ({
          url: s.url,
          label: t(s.label),
          icon: s.icon,
          selected: selected(s.url),
          onClick: () => setMobileNav(false),
          badge: s.url === '/dead-letters' && shop && shop.deadLetters > 0 ? String(shop.deadLetters) : undefined,
        }))}
      />
    </Navigation>
  );
  const topBar = (
    <TopBar
      showNavigationToggle
      onNavigationToggle={() => setMobileNav((v) => !v)}
      userMenu={
        shop ? (
          <TopBar.UserMenu
            name={shop.name}
            detail={shop.domain}
            initials={initials(shop.name)}
            open={userMenu}
            onToggle={() => setUserMenu((v) => !v)}
            actions={[{ items: [{ content: t('nav.settings'), url: '/settings' }] }]}
          />
        ) : undefined
      }
    />
  );
  return (
    <Frame
      logo={{ topBarSource: '/logo.svg', width: 170, url: '/', accessibilityLabel: 'Routing Logistics' }}
      topBar={topBar}
      navigation={navigation}
      showMobileNavigation={mobileNav}
      onNavigationDismiss={() => setMobileNav(false)}
    >
      <ToastProvider>{children}</ToastProvider>
    </Frame>
  );
}
