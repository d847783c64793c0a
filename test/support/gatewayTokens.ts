import type { Access, FieldDecision, PolicySet, Reader } from '../../policies';
import {
  gatewayKeysOf,
  generateGatewayKeys,
  localGatewayKeys,
  signGatewayToken,
  type GatewayClaims,
  type GatewayKeys,
  type GatewayVerificationKeys,
} from '../../schema/contracts/gatewayToken';
import { startSubgraph, type DepartmentDefinition, type Identity, type RunningSubgraph, type StartSubgraphOptions } from '../../subgraphs/kit';
import { graphqlRequest, type GraphQLResponse } from './graphqlRequest';
import { newSigningKey } from './newSigningKey';

/** A gateway key pair of its own for one suite, and the key set departments verify its tokens with. */
export interface GatewayTestKeys extends GatewayKeys {
  verificationKeys: GatewayVerificationKeys;
}

export async function createGatewayTestKeys(): Promise<GatewayTestKeys> {
  const keys = await gatewayKeysOf((await generateGatewayKeys()).privateJwk);
  return { ...keys, verificationKeys: await localGatewayKeys(keys.jwks) };
}

export interface TokenOptions extends Partial<GatewayClaims> {
  ttlSeconds?: number;
}

/** A gateway token for `audience` (a department name); anonymous unless `identity` is given. */
export function mintGatewayToken(keys: GatewayTestKeys, audience: string, options: TokenOptions = {}): Promise<string> {
  const { ttlSeconds, identity = null, purpose = null, requestId = 'test-request', caseId = null } = options;
  return signGatewayToken(keys, audience, { identity, purpose, requestId, caseId }, ttlSeconds);
}

/**
 * The catalog's public key as a suite's departments are given it: they follow a grant store
 * (to which nothing publishes here) and do not start without the key to verify it with.
 */
export const TEST_GRANT_PUBLIC_JWK = newSigningKey().publicJwk;

/** The service platform's write-back key pair of a suite: departments that declare write-backs do not start without its public half. */
export const TEST_WRITE_BACK_KEY = newSigningKey().key;

export const STAFF: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'services', clearance: 4 };

/** A citizen reader whose `sub` is their resident ID number. */
export function citizen(idNumber: string): Identity {
  return { sub: idNumber, roles: ['citizen'], dept: null, clearance: 1 };
}

export type FakeRule = Pick<FieldDecision, 'others' | 'own' | 'caseParty'>;

export const ALLOW: Access = { kind: 'ALLOW' };
export const DENY: Access = { kind: 'DENY' };

/**
 * A stand-in for the policy engine: `rule` answers per coordinate and reader (undefined →
 * ALLOW); `keyFields` are the entity keys.
 */
export function fakePolicySet(rule: (coordinate: string, reader: Reader) => FakeRule | undefined = () => undefined, keyFields: string[] = []): PolicySet {
  const keys = new Set(keyFields);
  return {
    hash: 'fake',
    purposes: [],
    roles: [],
    decide: (coordinate, reader) => ({ coordinate, rule: null, reason: 'test policy', ...(rule(coordinate, reader) ?? { others: ALLOW }) }),
    isKeyField: (coordinate) => keys.has(coordinate),
    catalog: () => [],
  };
}

/** Every field to every reader: department suites test data, not policies. */
export const ALLOW_ALL_POLICIES = fakePolicySet();

/** Masks by naming the mask and keeping only the length: `name` of 张三 → `name***2`. */
export const stubMask = (mask: string, value: string): string => `${mask}***${value.length}`;

export interface TestSubgraph extends RunningSubgraph {
  keys: GatewayTestKeys;
  /** POSTs to the subgraph with a fresh gateway token (anonymous unless `identity`). */
  request<T = any>(document: string, variables?: Record<string, unknown>, identity?: Identity | null): Promise<GraphQLResponse<T>>;
}

/**
 * Starts a department as the gateway would see it: a key pair of its own, the given
 * policies (allow-all by default), each request with a freshly minted gateway token.
 */
export async function startTestSubgraph(
  definition: DepartmentDefinition<any, any>,
  options: Omit<StartSubgraphOptions, 'gatewayKeys'> & { keys?: GatewayTestKeys },
): Promise<TestSubgraph> {
  const keys = options.keys ?? (await createGatewayTestKeys());
  const running = await startSubgraph(definition, {
    policies: ALLOW_ALL_POLICIES,
    applyMask: stubMask,
    ...options,
    grants: { publicKey: TEST_GRANT_PUBLIC_JWK, ...options.grants },
    writeBacks: { publicKey: TEST_WRITE_BACK_KEY, ...options.writeBacks },
    gatewayKeys: keys.verificationKeys,
  });
  return Object.assign(running, {
    keys,
    async request<T = any>(document: string, variables?: Record<string, unknown>, identity: Identity | null = null) {
      const token = await mintGatewayToken(keys, definition.name, { identity });
      return graphqlRequest<T>(running.url, document, variables, { authorization: `Bearer ${token}` });
    },
  });
}
