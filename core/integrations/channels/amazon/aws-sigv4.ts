import { createHash, createHmac } from 'node:crypto';

/** An AWS key pair that may call the seller's SQS queue (the queue lives in our AWS account, not Amazon's). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
// RFC 3986: encodeURIComponent leaves !'()* alone, SigV4 does not
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * AWS Signature Version 4 for one request: the headers to add (`x-amz-date`, `authorization`).
 * SP-API itself needs no signature any more (LWA only); SQS still does.
 */
export function signAwsRequest(
  req: { method: string; url: string; headers: Record<string, string>; body: string },
  creds: AwsCredentials,
  scope: { region: string; service: string },
  now: Date,
): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const u = new URL(req.url);
  const headers: Record<string, string> = { host: u.host, 'x-amz-date': amzDate };
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v.trim().replace(/\s+/g, ' ');
  const names = Object.keys(headers).sort();
  const query = [...u.searchParams]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join('&');
  const canonical = [
    req.method,
    u.pathname || '/',
    query,
    names.map((n) => `${n}:${headers[n]}\n`).join(''),
    names.join(';'),
    sha256(req.body),
  ].join('\n');
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day), scope.region), scope.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${credentialScope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** `https://sqs.eu-west-1.amazonaws.com/…` → eu-west-1; null for a host that names no region (a simulator). */
export function sqsRegionOf(queueUrl: string): string | null {
  return /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(queueUrl).host)?.[1] ?? null;
}
