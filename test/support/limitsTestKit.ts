import { ApolloServer } from '@apollo/server';
import { gatewayConfigOf, type GatewayConfigInput, type LimitsConfig } from '../../gateway/config';
import { useOperationLimits } from '../../gateway/limit';
import { anonymousReader, type RequestContext } from '../../gateway/request';

/** A small graph with every shape the limits measure: nesting, lists, connections, identifiers, input objects. */
export const LIMITS_SDL = /* GraphQL */ `
  type Query {
    person(idNumber: ID!): Person
    enterprise(creditCode: ID!): Enterprise
    people(first: Int = 20, after: String): PersonConnection!
    items: [Item!]!
    search(text: String, tags: [String!]): [Item!]!
  }
  type Mutation {
    submit(input: SubmitInput!): Boolean
  }
  input SubmitInput {
    applicantIdNumber: ID!
    enterpriseCreditCode: ID
    comment: String
  }
  type PersonConnection {
    edges: [PersonEdge!]!
    totalCount: Int!
  }
  type PersonEdge {
    node: Person!
  }
  type Person {
    idNumber: ID!
    name: String
    mentor: Person
    friends: [Person!]!
    employer: Enterprise
  }
  type Enterprise {
    creditCode: ID!
    name: String
  }
  type Item {
    code: ID!
    name: String
  }
`;

const RESOLVERS = {
  Query: { people: () => ({ edges: [], totalCount: 0 }), items: () => [], search: () => [] },
  Mutation: { submit: () => true },
};

export const VALID_ID_NUMBER = '11010519491231002X';
export const VALID_CREDIT_CODE = '91350100M000100Y43';

export interface LimitsRun {
  status: number;
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface LimitsKit {
  limits: LimitsConfig;
  /** Runs an operation as a reader with these roles (null: anonymous). */
  run(query: string, options?: { roles?: string[] | null; variables?: Record<string, unknown> }): Promise<LimitsRun>;
  stop(): Promise<void>;
}

/** Apollo Server over `LIMITS_SDL` with the limit stage alone, configured as `limits` says. */
export async function limitsTestKit(limits: GatewayConfigInput['limits'] = {}, mode: 'development' | 'production' = 'production'): Promise<LimitsKit> {
  const config = gatewayConfigOf({ limits }).limits;
  const { plugin, serverOptions } = useOperationLimits(config, { mode });
  const server = new ApolloServer<RequestContext>({ typeDefs: LIMITS_SDL, resolvers: RESOLVERS, plugins: [plugin], ...serverOptions });
  await server.start();
  return {
    limits: config,
    async run(query, { roles = null, variables } = {}) {
      const reader = { ...anonymousReader('test'), identity: roles && { sub: 'staff-1', roles, dept: 'services', clearance: 2 } };
      const response = await server.executeOperation({ query, variables }, { contextValue: { reader, clientAddress: '127.0.0.1' } });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return { status: response.http.status ?? 200, data, errors: errors as LimitsRun['errors'] };
    },
    stop: () => server.stop(),
  };
}
