import { describe, expect, it } from 'vitest';
import { signAwsRequest, sqsRegionOf } from './aws-sigv4.js';

describe('AWS Signature Version 4', () => {
  it("matches AWS's published example (IAM ListUsers, 2015-08-30)", () => {
    const h = signAwsRequest(
      {
        method: 'GET',
        url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: '',
      },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      { region: 'us-east-1', service: 'iam' },
      new Date('2015-08-30T12:36:00Z'),
    );
    expect(h['x-amz-date']).toBe('20150830T123600Z');
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });

  it('reads the region from an SQS queue URL', () => {
    expect(sqsRegionOf('https://sqs.eu-west-1.amazonaws.com/123456789012/oms')).toBe('eu-west-1');
    expect(sqsRegionOf('http://127.0.0.1:4000/123456789012/oms')).toBeNull();
  });
});
