import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { defineDepartment } from '../../subgraphs/kit';
import { recordTypesOf } from '../../subgraphs/kit/disclosures/recordTypesOf';
import { licenses } from '../../subgraphs/licenses';
import { services } from '../../subgraphs/services';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

describe('disclosure log record types', () => {
  it("a department's own entities → logged; references to other departments' entities → not", () => {
    const schema = buildSubgraphSchema([{ typeDefs: licenses.typeDefs, resolvers: licenses.resolvers as any }]);
    expect([...recordTypesOf(schema).keys()]).toEqual(['License']);
  });

  it('services → applications and service items, not the events inside an application', () => {
    const schema = buildSubgraphSchema([{ typeDefs: services.typeDefs, resolvers: services.resolvers as any }]);
    expect([...recordTypesOf(schema).keys()].sort()).toEqual(['Application', 'ServiceItem']);
  });

  it('recordTypes naming a type without a key → start-up error saying so', () => {
    const schema = buildSubgraphSchema([{ typeDefs: parse(`${FEDERATION} type Note { text: String } type Query { note: Note }`) }]);
    expect(() => recordTypesOf(schema, ['Note'])).toThrow('disclosures.recordTypes: Note has no resolvable @key');
  });
});

describe('serving the disclosure queries', () => {
  it('a department that opts in without declaring the SDL → error naming what is missing', () => {
    const define = () =>
      defineDepartment({
        name: 'tax',
        title: 'Tax',
        typeDefs: parse(`${FEDERATION} type Query { taxpayer(id: ID!): String } type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }`),
        resolvers: {},
        migrations: {},
        createLoaders: () => ({}),
        seed: async () => undefined,
        disclosures: { serveQueries: true },
      });
    expect(define).toThrow(/tax serves the disclosure queries[\s\S]*Query\.myDisclosures is missing: declare myDisclosures\(first: Int = 20, after: String\): DisclosureConnection!/);
  });
});
