import { signDetached, type SigningKey } from '../../../policies';
import type { SealedWriteBack, WriteBackEvent } from './WriteBackEvent';

/** The JWS `typ` of a write-back signature: a signature made for anything else is not one. */
export const WRITE_BACK_SIGNATURE_TYPE = 'govgraph-write-back+jws';

/** Signs an event as it will travel: its JSON text, exactly, with a detached EdDSA signature. */
export async function sealWriteBack(event: WriteBackEvent, key: SigningKey): Promise<SealedWriteBack> {
  const payload = JSON.stringify(event);
  const signature = await signDetached(Buffer.from(payload, 'utf8'), key, WRITE_BACK_SIGNATURE_TYPE);
  return { id: event.id, department: event.department, payload, signature };
}
