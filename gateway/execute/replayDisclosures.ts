import type { RequestReader } from '../../policies';
import { DISCLOSURE_REPLAY_MAX_TOKENS, DISCLOSURE_REPLAY_PATH, signDisclosureReplayToken, type GatewaySigningKey } from '../../schema/contracts/gatewayToken';
import type { DepartmentRequest } from './departmentRequest';

export interface DisclosureReplayOptions {
  keys: GatewaySigningKey;
  /** The department's GraphQL URL as the gateway fetches it; undefined for a department the supergraph no longer has. */
  urlOf(department: string): string | undefined;
  request: DepartmentRequest;
  timeoutMs: number;
}

interface Replay {
  token: string;
  done(error?: Error): void;
}

/**
 * Tells each department an answer it served is being served again from the gateway's cache:
 * `POST /disclosures/replay` beside its /graphql, with a replay token per read (the new reader
 * and request, and the request that fetched the answer), so the department copies that
 * request's disclosure-log rows for this reader. Group commit per department: while one
 * batch is on its way, the reads of other requests wait and go together in the next (one
 * token in the header, the rest in the body, `DISCLOSURE_REPLAY_MAX_TOKENS` at most), in one
 * transaction at the department. A read resolves once its department answered 2xx within
 * `timeoutMs`, and rejects otherwise: the cached answer is then not served.
 */
export function createDisclosureReplayer({ keys, urlOf, request, timeoutMs }: DisclosureReplayOptions) {
  const waiting = new Map<string, Replay[]>();
  const sending = new Set<string>();

  async function send(department: string): Promise<void> {
    const queue = waiting.get(department) ?? [];
    const batch = queue.splice(0, DISCLOSURE_REPLAY_MAX_TOKENS);
    if (batch.length === 0) return;
    sending.add(department);
    try {
      const url = urlOf(department);
      if (url === undefined) throw new Error(`department ${department} is not in the supergraph in force`);
      const [first, ...rest] = batch;
      const response = await request(
        new URL(DISCLOSURE_REPLAY_PATH, url).href,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ tokens: rest.map((replay) => replay.token) }),
        },
        timeoutMs,
      );
      if (!response.ok) throw new Error(`department ${department} did not log the read (HTTP ${response.status})`);
      for (const replay of batch) replay.done();
    } catch (error) {
      for (const replay of batch) replay.done(error as Error);
    } finally {
      sending.delete(department);
      if (queue.length > 0) void send(department);
    }
  }

  function replay(department: string, token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = waiting.get(department) ?? [];
      waiting.set(department, queue);
      queue.push({ token, done: (error) => (error ? reject(error) : resolve()) });
      if (!sending.has(department)) void send(department);
    });
  }

  return async (departments: readonly string[], reader: RequestReader, replayOf: string): Promise<void> => {
    await Promise.all(departments.map(async (department) => replay(department, await signDisclosureReplayToken(keys, department, reader, replayOf))));
  };
}
