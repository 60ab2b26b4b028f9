/** Every queue the app runs. Workers are started by these names (`WORKERS=ingest,route`). */
export const queueNames = [
  'ingest',
  'route',
  'dispatch',
  'fulfill',
  'inventory-sync',
  'alerts',
  'reconcile',
  'maintenance',
  'channels',
  'email',
  'returns',
  'simulate',
] as const;
export type QueueName = (typeof queueNames)[number];

export function isQueueName(name: string): name is QueueName {
  return (queueNames as readonly string[]).includes(name);
}
