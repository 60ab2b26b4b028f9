import type { InboxWriter } from '../db/inbox-writer.js';
import type { NewInboxEvent } from '../db/inbox-repo.js';

export interface RecordWebhookDeps {
  inboxWriter: InboxWriter;
  enqueueIngest(inboxId: number, topic: string): void;
}

/**
 * Makes a verified webhook durable: the inbox row is committed before this resolves (the
 * caller answers 200 only then), and the ingest job is queued after. A duplicate event id
 * resolves to the existing row and queues nothing new.
 */
export async function recordWebhook(
  deps: RecordWebhookDeps,
  event: NewInboxEvent,
): Promise<{ inboxId: number; duplicate: boolean }> {
  const { id, inserted } = await deps.inboxWriter.write(event);
  if (inserted && event.status !== 'dead') deps.enqueueIngest(id, event.topic);
  return { inboxId: id, duplicate: !inserted };
}
