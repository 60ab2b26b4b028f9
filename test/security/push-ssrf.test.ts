import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../core/errors.js';
import { createHttpWarehouse } from '../../core/integrations/warehouses/http-warehouse.js';
import type { DispatchOrder } from '../../core/integrations/warehouses/warehouse.js';

const order: DispatchOrder = {
  allocationId: 1,
  idempotencyKey: 'k-1',
  orderName: '#1',
  channel: 'shopify',
  promisedShipBy: null,
  serviceLevel: null,
  shipTo: { name: 'Jeanne', countryCode: 'FR' },
  email: 'jeanne@example.fr',
  lines: [],
};

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler!(req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits }),
    ),
  );
}

describe('push dispatch cannot be aimed at the hosting network', () => {
  let inside: Awaited<ReturnType<typeof listen>>;
  let redirector: Awaited<ReturnType<typeof listen>>;
  let teapot: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    inside = await listen((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"reference":"internal-secret"}'),
    );
    redirector = await listen((_req, res) => res.writeHead(307, { location: `${inside.url}/orders` }).end());
    teapot = await listen((_req, res) => res.writeHead(418).end('admin panel of 10.0.0.7: version 1.2.3'));
  });
  afterAll(async () => {
    for (const s of [inside, redirector, teapot]) await new Promise((r) => s.server.close(r));
  });

  const denied = (url: string) =>
    createHttpWarehouse({ warehouseId: 1, url, secret: 's', net: { allowPrivateNetwork: false, requireHttps: false } });
  const allowed = (url: string) =>
    createHttpWarehouse({ warehouseId: 1, url, secret: 's', net: { allowPrivateNetwork: true, requireHttps: false } });

  it.each([
    ['loopback by address', () => inside.url],
    ['loopback by name', () => inside.url.replace('127.0.0.1', 'localhost')],
    ['cloud metadata', () => 'http://169.254.169.254/latest'],
    ['private range', () => 'http://10.255.255.1:81'],
    ['IPv4-mapped IPv6 loopback', () => inside.url.replace('127.0.0.1', '[::ffff:127.0.0.1]')],
  ])('refuses %s before sending anything, with a generic final error', async (_name, url) => {
    const before = inside.hits.length;
    const err = await denied(url())
      .dispatch(order)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).retriable).toBe(false);
    expect((err as Error).message).toBe('the push URL resolves to an address that is not allowed');
    expect(inside.hits.length).toBe(before);
  });

  it('never follows a redirect', async () => {
    const before = inside.hits.length;
    const err = await allowed(redirector.url)
      .dispatch(order)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as Error).message).not.toContain(inside.url);
    expect(inside.hits.length).toBe(before);
  });

  it('keeps the answer of the far end out of the stored reason', async () => {
    const err = (await allowed(teapot.url)
      .dispatch(order)
      .catch((e: unknown) => e)) as IntegrationError;
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err.message).toBe('the warehouse API refused the order');
    expect(err.message).not.toMatch(/418|admin panel/);
  });

  it('refuses plain http when https is required', async () => {
    const err = await createHttpWarehouse({
      warehouseId: 1,
      url: inside.url,
      secret: 's',
      net: { allowPrivateNetwork: true, requireHttps: true },
    })
      .dispatch(order)
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe('the push URL must use https');
  });
});
