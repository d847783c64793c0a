import type Redis from 'ioredis';
import type { SealedWriteBack, WriteBackOutcome } from '../WriteBackEvent';
import type { WriteBackStreamKeys } from '../writeBackStreams';

/** Appends a sealed event to its department's stream; resolves with the entry id once Redis holds it. */
export async function publishWriteBack(redis: Redis, keys: WriteBackStreamKeys, sealed: SealedWriteBack): Promise<string> {
  const id = await redis.xadd(keys.events(sealed.department), '*', 'id', sealed.id, 'payload', sealed.payload, 'signature', sealed.signature);
  return String(id);
}

/** Appends a department's outcome to the outcomes stream the service platform follows. */
export async function publishOutcome(redis: Redis, keys: WriteBackStreamKeys, outcome: WriteBackOutcome): Promise<string> {
  const id = await redis.xadd(keys.outcomes, '*', 'outcome', JSON.stringify(outcome));
  return String(id);
}

/** The sealed event an events-stream entry holds (its fields as `publishWriteBack` wrote them). */
export function sealedOfEntry(department: string, fields: Record<string, string>): SealedWriteBack {
  return { id: fields.id ?? '', department, payload: fields.payload ?? '', signature: fields.signature ?? '' };
}
