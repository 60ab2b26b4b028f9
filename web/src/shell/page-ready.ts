import { useEffect } from 'react';

/**
 * Marks the moment a page's main content is on screen (the frame after it rendered): a
 * `page-ready:<name>` performance mark, timed from navigation start, and `data-page-ready` on
 * the body, which the browser suite waits for and reads its load times from.
 */
export function usePageReady(name: string, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const frame = requestAnimationFrame(() => {
      performance.mark(`page-ready:${name}`);
      document.body.dataset.pageReady = name;
    });
    return () => {
      cancelAnimationFrame(frame);
      if (document.body.dataset.pageReady === name) delete document.body.dataset.pageReady;
    };
  }, [name, ready]);
}
