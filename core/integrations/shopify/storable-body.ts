import { escapeUnstorable, isStorableText } from '../../contracts/storable-text.js';

/**
 * A webhook body as text Postgres can hold. NUL bytes (and anything else text cannot store)
 * are written as JSON escapes, so the event is kept and shown as a dead letter instead of
 * failing the INSERT, and with it every other event of the same group commit.
 */
export function storableBody(raw: Buffer): { body: string; storable: boolean } {
  const text = raw.toString('utf8');
  if (isStorableText(text)) return { body: text, storable: true };
  return { body: escapeUnstorable(text), storable: false };
}
