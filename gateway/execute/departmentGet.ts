import { randomUUID } from 'node:crypto';
import type { RequestReader } from '../../policies';
import { signGatewayToken, type GatewaySigningKey } from '../../schema/contracts/gatewayToken';
import { REQUEST_ID_HEADER } from '../request';
import type { DepartmentRequest } from './departmentRequest';

/** The service platform's department: the one whose gateway-only feeds the gateway follows (`schema/contracts/writeBack/writeBackRoutes.ts`). */
export const SERVICE_PLATFORM = 'services';

/**
 * Who the gateway is when it asks a department on its own behalf (no client request): the
 * subject of the gateway tokens its feeds carry. It reads no field of the graph with them.
 */
export const GATEWAY_SUBJECT = 'govgraph-gateway';

export interface DepartmentGetOptions {
  keys: GatewaySigningKey;
  /** The department's GraphQL URL as the gateway fetches it; undefined for a department the supergraph does not have. */
  urlOf(department: string): string | undefined;
  request: DepartmentRequest;
  timeoutMs: number;
}

/**
 * `GET <path>?<query>` on a department, beside its /graphql, with a gateway token for that
 * department alone, as the gateway's GraphQL fetches carry one (the routes a department serves
 * only to the gateway: `DepartmentServices.gatewayRoutes`). Resolves with the parsed JSON body
 * of a 2xx answer; rejects when the department is not in the supergraph, does not answer
 * within `timeoutMs`, answers another status or a body that is not JSON.
 */
export type DepartmentGet = (department: string, path: string, query?: Record<string, string>) => Promise<unknown>;

/** Each call signs a fresh token (its own request id, one minute of life) for the gateway itself. */
export function createDepartmentGet({ keys, urlOf, request, timeoutMs }: DepartmentGetOptions): DepartmentGet {
  return async (department, path, query = {}) => {
    const base = urlOf(department);
    if (base === undefined) throw new Error(`department ${department} is not in the supergraph in force`);
    const url = new URL(path, base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const requestId = randomUUID();
    const token = await signGatewayToken(keys, department, gatewayReader(requestId));
    const response = await request(url.href, { method: 'GET', headers: { authorization: `Bearer ${token}`, [REQUEST_ID_HEADER]: requestId } }, timeoutMs);
    if (!response.ok) throw new Error(`department ${department} answered HTTP ${response.status} at ${path}`);
    try {
      return await response.json();
    } catch {
      throw new Error(`department ${department} answered ${path} with a body that is not JSON`);
    }
  };
}

/** The reader a gateway token for the gateway's own requests vouches for. */
export function gatewayReader(requestId: string): RequestReader {
  return { requestId, identity: { sub: GATEWAY_SUBJECT, roles: [], dept: null, clearance: 0 }, purpose: null, caseId: null };
}
