import { useSyncExternalStore, type ComponentProps, type MouseEvent } from 'react';
import type { AppProviderProps } from '@shopify/polaris';

type LinkLikeComponentProps = ComponentProps<NonNullable<AppProviderProps['linkComponent']>>;

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Where the app is: the path and its query. */
export interface AppLocation {
  path: string;
  query: URLSearchParams;
  /** path + search, as a key for effects */
  href: string;
}

/** The current location; re-renders on every navigation. */
export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, 'http://x');
  return { path: url.pathname, query: url.searchParams, href };
}

/** Goes to an in-app URL without reloading the page. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
  if (!opts.replace) window.scrollTo(0, 0);
}

/** `/orders/:id` against `/orders/42` → `{ id: '42' }`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

/** Builds `path?query` from a map, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const isInternal = (url: string) => url.startsWith('/') && !url.startsWith('//') && !/^\/(api|feed|_demo)\//.test(url);

/** Polaris's link component: in-app URLs navigate without a reload; others behave as plain links. */
export function RouterLink({ url, external, children, onClick, ...rest }: LinkLikeComponentProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || external || !isInternal(url) || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(url);
  };
  const target = external ? '_blank' : undefined;
  return (
    <a href={url} onClick={handle} target={target} rel={external ? 'noopener noreferrer' : undefined} {...rest}>
      {children}
    </a>
  );
}
