import { useCallback, useMemo, type ComponentProps, type MouseEvent } from 'react';
import { useLocation as useRouterLocation, useNavigate as useRouterNavigate } from 'react-router';
import type { AppProviderProps } from '@shopify/polaris';

type LinkLikeComponentProps = ComponentProps<NonNullable<AppProviderProps['linkComponent']>>;

/** Where the app is: the path and its query. */
export interface AppLocation {
  path: string;
  query: URLSearchParams;
  /** path + search, as a key for effects */
  href: string;
}

/** The current location (React Router's), with its query parsed; re-renders on every navigation. */
export function useLocation(): AppLocation {
  const { pathname, search } = useRouterLocation();
  return useMemo(
    () => ({ path: pathname, query: new URLSearchParams(search), href: pathname + search }),
    [pathname, search],
  );
}

/** Options of an in-app navigation. */
export interface NavigateOptions {
  /** replace the current history entry (filters, tabs) instead of adding one */
  replace?: boolean;
}

/**
 * Goes to an in-app URL without reloading the page. A new page starts at the top; a replaced
 * entry (a filter change) keeps the scroll position; going to where the app already is does nothing.
 */
export function useNavigate(): (to: string, opts?: NavigateOptions) => void {
  const navigate = useRouterNavigate();
  return useCallback(
    (to: string, opts: NavigateOptions = {}) => {
      if (to === window.location.pathname + window.location.search) return;
      void navigate(to, { replace: !!opts.replace });
      if (!opts.replace) window.scrollTo(0, 0);
    },
    [navigate],
  );
}

/** Builds `path?query` from a map, leaving out empty values. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | null | undefined | string[]>,
): string {
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
  const navigate = useNavigate();
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (
      e.defaultPrevented ||
      external ||
      !isInternal(url) ||
      e.button !== 0 ||
      e.metaKey ||
      e.ctrlKey ||
      e.shiftKey ||
      e.altKey
    )
      return;
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
