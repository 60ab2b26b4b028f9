import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

describe('sim/main.ts amazon', () => {
  it('needs no environment, prints one ready line, and serves LWA, SP-API, SQS and the control API', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'sim/main.ts', 'amazon', '--port', String(port)], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
        });
        child.once('exit', (code) => reject(new Error(`exited with ${String(code)}`)));
      });
      expect(line).toBe(`ready: http://127.0.0.1:${port}`);
      const url = line.slice('ready: '.length);
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
      const placed = (await (
        await fetch(`${url}/_sim/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ lines: [{ sku: 'A', quantity: 1 }] }),
        })
      ).json()) as { orderId: string };
      const headers = { 'x-amz-access-token': access_token };
      const missing = await fetch(`${url}/orders/2026-01-01/orders?lastUpdatedAfter=2020-01-01T00:00:00Z`, { headers });
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
      expect(out.trim().split('\n')).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
