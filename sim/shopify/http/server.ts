import { createServer, type Server } from 'node:http';
import type { ShopifySimControl } from '../control/control-api.js';
import { createAdminRoutes, type AdminRouteDeps } from './admin-routes.js';
import { createControlRoutes, type ControlRouteExtras } from './control-routes.js';
import { BodyTooLarge, sendJson } from './io.js';

/** Builds the simulator's HTTP server (not listening yet). */
export function createSimServer(
  deps: AdminRouteDeps & { control: ShopifySimControl; extras: ControlRouteExtras },
): Server {
  const admin = createAdminRoutes(deps);
  const control = createControlRoutes(deps.control, deps.extras);
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const handle = async (): Promise<void> => {
      if (req.method === 'POST' && /^\/admin\/api\/[^/]+\/graphql\.json$/.test(url.pathname))
        return admin.graphql(req, res);
      if (req.method === 'POST' && url.pathname === '/admin/oauth/access_token') return admin.accessToken(req, res);
      if (req.method === 'GET' && url.pathname === '/admin/oauth/authorize') return admin.authorize(req, res, url);
      if (url.pathname.startsWith('/_sim/')) return control(req, res, url);
      if (req.method === 'GET' && url.pathname === '/')
        return sendJson(res, 200, { simulator: 'shopify', apiVersion: '2026-07', control: '/_sim/health' });
      sendJson(res, 404, { errors: 'Not Found' });
    };
    handle().catch((e: unknown) => {
      if (res.headersSent) return res.destroy();
      if (e instanceof BodyTooLarge) return sendJson(res, 413, { errors: 'Payload Too Large' });
      console.error('[sim/shopify] request failed', e);
      sendJson(res, 500, { errors: 'Internal Server Error' });
    });
  });
}
