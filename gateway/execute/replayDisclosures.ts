import type { RequestReader } from '../../policies';
import { signDisclosureReplayToken, type GatewaySigningKey } from '../../schema/contracts/gatewayToken';
import type { DepartmentRequest } from './departmentRequest';

export interface DisclosureReplayOptions {
  keys: GatewaySigningKey;
  /** The department's GraphQL URL as the gateway fetches it; undefined for a department the supergraph no longer has. */
  urlOf(department: string): string | undefined;
  request: DepartmentRequest;
  timeoutMs: number;
}

/**
 * Tells each department an answer it served is being served again from the gateway's cache:
 * `POST /disclosures/replay` beside its /graphql, with a replay token (the new reader and
 * request, and the request that fetched the answer), so the department copies that request's
 * disclosure-log rows for this reader. Departments are told at once; rejects when any does not
 * answer 2xx within `timeoutMs`, and the cached answer is then not served.
 */
export function createDisclosureReplayer({ keys, urlOf, request, timeoutMs }: DisclosureReplayOptions) {
  return async (departments: readonly string[], reader: RequestReader, replayOf: string): Promise<void> => {
    await Promise.all(
      departments.map(async (department) => {
        const url = urlOf(department);
        if (url === undefined) throw new Error(`department ${department} is not in the supergraph in force`);
        const token = await signDisclosureReplayToken(keys, department, reader, replayOf);
        const response = await request(
          new URL('/disclosures/replay', url).href,
          { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-request-id': reader.requestId } },
          timeoutMs,
        );
        if (!response.ok) throw new Error(`department ${department} did not log the read (HTTP ${response.status})`);
      }),
    );
  };
}
