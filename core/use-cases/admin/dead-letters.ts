import type { Db } from '../../db/client.js';
import { createInboxRepo, type InboxEvent } from '../../db/inbox-repo.js';
import { NotFoundError } from '../../errors.js';
import type { Queues } from '../../queue/producer.js';
import { replayDeadLetters } from '../replay-dead-letters.js';

/** One dead letter of the shop, body included; an event that is not dead (or not the shop's) is not found. */
export async function getDeadLetter(deps: { db: Db }, input: { shopDomain: string; id: number }): Promise<InboxEvent> {
  const row = await createInboxRepo(deps.db).getForShop(input.shopDomain, input.id);
  if (!row || row.status !== 'dead') throw new NotFoundError('dead letter');
  return row;
}

/** Sends one dead letter back through ingest. */
export async function replayDeadLetter(
  deps: { db: Db; queues: Queues },
  input: { shopDomain: string; id: number },
): Promise<{ replayed: number[] }> {
  await getDeadLetter(deps, input);
  return replayDeadLetters(deps, { shopDomain: input.shopDomain, ids: [input.id] });
}
