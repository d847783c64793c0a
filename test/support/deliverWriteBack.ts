import { WRITE_BACK_DELIVERY_PATH } from '../../schema/contracts/writeBack';

/** POSTs a body to a department's write-back delivery, as the service platform's relay does; the status and the JSON answer. */
export async function deliverWriteBack(subgraphUrl: string, body: unknown): Promise<{ status: number; retryAfter: string | null; body: any }> {
  const response = await fetch(new URL(WRITE_BACK_DELIVERY_PATH, subgraphUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}
