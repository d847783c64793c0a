import { verifyDetached, type PublicSigningKey } from '../../../policies';
import { WRITE_BACK_SIGNATURE_TYPE } from './sealWriteBack';
import { WRITE_BACK_EVENT_VERSION, type SealedWriteBack, type WriteBackEvent } from './WriteBackEvent';

/**
 * What a department makes of what arrived:
 * - `event`: signed by the service platform, for this department, well formed;
 * - `malformed`: signed, but not an event this format allows (`why`): refused with the reason, sent back;
 * - `forged`: not signed by the service platform's key (or not for this department): nothing in it is
 *   trusted, not even its id, so no outcome is sent for it; it is logged and dropped to the dead letters.
 */
export type OpenedWriteBack = { kind: 'event'; event: WriteBackEvent } | { kind: 'malformed'; id: string; why: string } | { kind: 'forged'; why: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
const NAME = /^[a-z][a-z0-9-]{0,63}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Verifies the signature over the payload as it arrived, then checks every field of the event. */
export async function openWriteBack(sealed: unknown, key: PublicSigningKey, department: string): Promise<OpenedWriteBack> {
  const s = sealed as Partial<SealedWriteBack> | null;
  if (!s || typeof s !== 'object' || typeof s.payload !== 'string' || typeof s.signature !== 'string') {
    return { kind: 'forged', why: 'it is not a sealed write-back (payload and signature)' };
  }
  const check = await verifyDetached(s.signature, Buffer.from(s.payload, 'utf8'), key, WRITE_BACK_SIGNATURE_TYPE);
  if (check.kind === 'refused') return { kind: 'forged', why: check.why };
  let value: unknown;
  try {
    value = JSON.parse(s.payload);
  } catch {
    return { kind: 'forged', why: 'its payload is not JSON' };
  }
  const e = value as Partial<WriteBackEvent>;
  if (!e || typeof e !== 'object' || typeof e.id !== 'string' || !ID.test(e.id)) return { kind: 'forged', why: 'it has no event id' };
  if (e.department !== department) return { kind: 'forged', why: `it is for ${JSON.stringify(e.department)}, not ${department}` };
  const malformed = (why: string): OpenedWriteBack => ({ kind: 'malformed', id: e.id as string, why });
  if (e.version !== WRITE_BACK_EVENT_VERSION) return malformed(`its version is ${JSON.stringify(e.version)}, not ${WRITE_BACK_EVENT_VERSION}`);
  for (const name of ['from', 'event', 'action', 'applicationId', 'itemCode', 'applicant', 'actor', 'completedAt'] as const) {
    if (typeof e[name] !== 'string' || e[name] === '') return malformed(`its ${name} is missing`);
  }
  if (!NAME.test(e.event as string)) return malformed('its event name is not a lower-case name');
  if (!e.target || typeof e.target !== 'object' || typeof e.target.type !== 'string' || typeof e.target.key !== 'string' || e.target.key === '') {
    return malformed('its target (type and key) is missing');
  }
  if (!e.values || typeof e.values !== 'object' || Array.isArray(e.values)) return malformed('its values are missing');
  for (const [field, v] of Object.entries(e.values)) {
    if (!FIELD.test(field)) return malformed(`it writes a field named ${JSON.stringify(field.slice(0, 64))}`);
    if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) return malformed(`its value of ${field} is not a string, number, boolean or null`);
  }
  return { kind: 'event', event: e as WriteBackEvent };
}
