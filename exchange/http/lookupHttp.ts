import type { SourceRecord } from '../ExchangeSource';
import type { BatchCall, BoundCall, HttpDatasetPlan } from './planHttpDataset';
import { selectPath } from './selectPath';
import { sendOperation, sourceError, type HttpClient } from './sendOperation';

/** Calls at once when the API has no batch operation and a batch holds many keys. */
const PARALLEL_CALLS = 8;

/**
 * One DataLoader batch through the API: the batch operation (in chunks of its `maxKeys`) when
 * there is one and more than one key is asked, else one call per key. Every asked key is in
 * the result, with no records when the API has none for it.
 */
export async function lookupHttp(client: HttpClient, plan: HttpDatasetPlan, keyColumn: string, keys: readonly string[]): Promise<Map<string, SourceRecord[]>> {
  const unique = [...new Set(keys)];
  const found = new Map<string, SourceRecord[]>(unique.map((key) => [key, []]));
  const batch = plan.batch;
  if (batch && unique.length > 1) {
    const chunks: string[][] = [];
    for (let start = 0; start < unique.length; start += batch.maxKeys) chunks.push(unique.slice(start, start + batch.maxKeys));
    const answers = await Promise.all(chunks.map((chunk) => callBatch(client, batch, keyColumn, chunk)));
    for (const records of answers) for (const record of records) found.get(String(record[keyColumn]))!.push(record);
    return found;
  }
  for (let start = 0; start < unique.length; start += PARALLEL_CALLS) {
    const slice = unique.slice(start, start + PARALLEL_CALLS);
    const answers = await Promise.all(slice.map((key) => callOne(client, plan.one, keyColumn, key)));
    slice.forEach((key, index) => found.set(key, answers[index]));
  }
  return found;
}

function valuesFor(call: BoundCall, keyValue: string | readonly string[]) {
  return [{ slot: call.keySlot, value: keyValue }, ...call.constants];
}

/** The records at the selection: one object, a list of them, or none (null). Anything else is an answer the adapter cannot read. */
function recordsAt(client: HttpClient, call: BoundCall, json: unknown): SourceRecord[] {
  const selected = selectPath(json, call.selection);
  const what = call.selection.length > 0 ? call.selection.join('.') : 'the answer';
  if (selected === null) return [];
  const list = Array.isArray(selected) ? selected : [selected];
  if (selected === undefined || !list.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
    throw sourceError(client, call.operation.operationId, `${what} is not a record or a list of records`);
  }
  return list as SourceRecord[];
}

/** One key: 404 means no record; a record for another key is refused rather than served under this one. */
async function callOne(client: HttpClient, call: BoundCall, keyColumn: string, key: string): Promise<SourceRecord[]> {
  const answer = await sendOperation(client, call.operation, valuesFor(call, key));
  if (answer.status === 404) return [];
  const records = recordsAt(client, call, answer.json);
  for (const record of records) {
    const of = record[keyColumn];
    if (of !== undefined && String(of) !== key) throw sourceError(client, call.operation.operationId, `the answer holds a record whose ${keyColumn} is not the key asked`);
  }
  return records;
}

/**
 * Many keys in one call. Every key asked must come back, as records carrying it in the key
 * column or, when the declaration names `notFound`, in the API's list of keys it has no
 * record for; an answer that leaves keys out is refused whole, since the adapter could not
 * tell "no account" from "dropped".
 */
async function callBatch(client: HttpClient, call: BatchCall, keyColumn: string, keys: readonly string[]): Promise<SourceRecord[]> {
  const answer = await sendOperation(client, call.operation, valuesFor(call, keys));
  if (answer.status === 404) throw sourceError(client, call.operation.operationId, 'HTTP 404 for a batch');
  const records = recordsAt(client, call, answer.json);
  const asked = new Set(keys);
  const answered = new Set<string>();
  const kept: SourceRecord[] = [];
  for (const record of records) {
    const of = record[keyColumn];
    if (of === undefined || of === null) throw sourceError(client, call.operation.operationId, `a record of the answer has no ${keyColumn}`);
    // A record for a key nobody asked for is dropped: it is not this batch's to serve.
    if (!asked.has(String(of))) continue;
    answered.add(String(of));
    kept.push(record);
  }
  if (call.notFound) {
    const notFound = selectPath(answer.json, call.notFound);
    if (notFound !== undefined && notFound !== null && !Array.isArray(notFound))
      throw sourceError(client, call.operation.operationId, `${call.notFound.join('.')} is not a list of keys`);
    for (const key of (notFound ?? []) as unknown[]) answered.add(String(key));
  }
  const missing = keys.filter((key) => !answered.has(key)).length;
  if (missing > 0)
    throw sourceError(client, call.operation.operationId, `the answer accounts for ${keys.length - missing} of the ${keys.length} keys asked (fewer records than asked)`);
  return kept;
}
