import { describe, expect, it } from 'vitest';
import { freePort, placeSimOrder, withSimCli } from '../cli-test-run.js';

describe('sim/main.ts amazon', () => {
  it('needs no environment, prints one ready line, and serves LWA, SP-API, SQS and the control API', async () => {
    const port = await freePort();
    await withSimCli(
      ['amazon', '--port', String(port)],
      { PATH: process.env.PATH ?? '' },
      async ({ line, url, output }) => {
        expect(line).toBe(`ready: http://127.0.0.1:${port}`);
        const bad = await fetch(`${url}/auth/o2/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: 'x',
            client_id: 'x',
            client_secret: 'y',
          }),
        });
        expect(bad.status).toBe(401);
        const { access_token, expires_in } = (await (
          await fetch(`${url}/auth/o2/token`, {
            method: 'POST',
            body: new URLSearchParams({
              grant_type: 'refresh_token',
              refresh_token: 'Atzr|amazon-demo-refresh',
              client_id: 'amzn1.application-oa2-client.sim',
              client_secret: 'amazon-demo-secret',
            }),
          })
        ).json()) as { access_token: string; expires_in: number };
        expect(expires_in).toBe(3600);
        const placed = await placeSimOrder<{ orderId: string }>(url, [{ sku: 'A', quantity: 1 }]);
        const headers = { 'x-amz-access-token': access_token };
        const missing = await fetch(`${url}/orders/2026-01-01/orders?lastUpdatedAfter=2020-01-01T00:00:00Z`, {
          headers,
        });
        expect(missing.status).toBe(400);
        expect(((await missing.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('InvalidInput');
        const found = await fetch(
          `${url}/orders/2026-01-01/orders?lastUpdatedAfter=2020-01-01T00:00:00Z&marketplaceIds=A13V1IB3VIYZZH&includedData=FULFILLMENT`,
          { headers },
        );
        expect(found.headers.get('x-amzn-ratelimit-limit')).toBe('0.0056');
        const body = (await found.json()) as {
          orders: { orderId: string; fulfillment: { fulfillmentStatus: string } }[];
        };
        expect(body.orders[0]).toMatchObject({
          orderId: placed.orderId,
          fulfillment: { fulfillmentStatus: 'UNSHIPPED' },
        });
        const sqs = (action: string, b: object) =>
          fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
            body: JSON.stringify({ QueueUrl: `${url}/123456789012/sp-api-order-change`, ...b }),
          }).then((r) => r.json() as Promise<{ Messages?: { Body: string; ReceiptHandle: string }[] }>);
        const got = await sqs('ReceiveMessage', { MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 1 });
        expect(JSON.parse(got.Messages![0]!.Body).Payload.OrderChangeNotification.AmazonOrderId).toBe(placed.orderId);
        // not deleted: visible again once its visibility timeout has run out
        const again = await sqs('ReceiveMessage', { MaxNumberOfMessages: 10, WaitTimeSeconds: 3 });
        expect(again.Messages).toHaveLength(1);
        await sqs('DeleteMessage', { ReceiptHandle: again.Messages![0]!.ReceiptHandle });
        expect((await sqs('ReceiveMessage', { WaitTimeSeconds: 0 })).Messages).toBeUndefined();
        expect(output().trim().split('\n')).toHaveLength(1);
      },
    );
  });
});
