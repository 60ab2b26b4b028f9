/**
 * An SQS standard queue, as much of it as the app relies on: at-least-once delivery, no order
 * guarantee, a message hidden for the visibility timeout after each receive and visible again
 * unless deleted with its receipt handle, long polling up to 20 s.
 */
import { createHash, randomUUID } from 'node:crypto';

export interface QueuedMessage {
  MessageId: string;
  Body: string;
  MD5OfBody: string;
  visibleAt: number;
  receiveCount: number;
  receipts: Set<string>;
}

/** An SQS JSON-protocol error: `{ __type, message }` with HTTP 400. */
export class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ReceiveInput {
  MaxNumberOfMessages?: unknown;
  WaitTimeSeconds?: unknown;
  VisibilityTimeout?: unknown;
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes: { ApproximateReceiveCount: string };
}

const intIn = (v: unknown, name: string, min: number, max: number, dflt: number): number => {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new SqsError(
      'com.amazonaws.sqs#InvalidParameterValue',
      `Value ${String(v)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`,
    );
  return v;
};

export function createSqsQueue(opts: { now: () => number; visibilityTimeoutSeconds: number }) {
  let messages: QueuedMessage[] = [];
  const visible = () => messages.filter((m) => m.visibleAt <= opts.now());

  return {
    send(body: string): string {
      const id = randomUUID();
      messages.push({
        MessageId: id,
        Body: body,
        MD5OfBody: createHash('md5').update(body).digest('hex'),
        visibleAt: opts.now(),
        receiveCount: 0,
        receipts: new Set(),
      });
      return id;
    },
    async receive(input: ReceiveInput): Promise<ReceivedMessage[]> {
      const max = intIn(input.MaxNumberOfMessages, 'MaxNumberOfMessages', 1, 10, 1);
      const wait = intIn(input.WaitTimeSeconds, 'WaitTimeSeconds', 0, 20, 0);
      const vis = intIn(input.VisibilityTimeout, 'VisibilityTimeout', 0, 43_200, opts.visibilityTimeoutSeconds);
      // long polling: answer as soon as a message is visible (a new one or one whose timeout ran out)
      const deadline = Date.now() + wait * 1000;
      while (visible().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return visible()
        .slice(0, max)
        .map((m) => {
          const handle = Buffer.from(`${m.MessageId}:${randomUUID()}`).toString('base64');
          m.receipts.add(handle);
          m.receiveCount++;
          m.visibleAt = opts.now() + vis * 1000;
          return {
            MessageId: m.MessageId,
            ReceiptHandle: handle,
            MD5OfBody: m.MD5OfBody,
            Body: m.Body,
            Attributes: { ApproximateReceiveCount: String(m.receiveCount) },
          };
        });
    },
    delete(receiptHandle: unknown): void {
      if (typeof receiptHandle !== 'string' || !receiptHandle)
        throw new SqsError(
          'com.amazonaws.sqs#MissingParameter',
          'The request must contain the parameter ReceiptHandle.',
        );
      const owner = messages.find((m) => m.receipts.has(receiptHandle));
      if (!owner) {
        const id = Buffer.from(receiptHandle, 'base64').toString().split(':')[0] ?? '';
        // a message already deleted: SQS answers success, so a repeated delete is harmless
        if (/^[0-9a-f-]{36}$/.test(id)) return;
        throw new SqsError(
          'com.amazonaws.sqs#ReceiptHandleIsInvalid',
          `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
        );
      }
      messages = messages.filter((m) => m !== owner);
    },
    /** test and demo control: the visible messages delivered in reverse order of sending */
    reverse(): void {
      messages = [...messages].reverse();
    },
    /** test control: sends a copy of every message whose body contains `match` (a duplicate delivery) */
    duplicate(match: string): number {
      const copies = messages.filter((m) => m.Body.includes(match));
      for (const m of copies) this.send(m.Body);
      return copies.length;
    },
    list(): { MessageId: string; Body: string; visible: boolean; receiveCount: number }[] {
      return messages.map((m) => ({
        MessageId: m.MessageId,
        Body: m.Body,
        visible: m.visibleAt <= opts.now(),
        receiveCount: m.receiveCount,
      }));
    },
  };
}

export type SqsQueue = ReturnType<typeof createSqsQueue>;
