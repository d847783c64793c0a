import fs from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, print } from 'graphql';
import { readSubgraphSources } from '../../schema/composition/composeSupergraph';
import { catalog } from '../../subgraphs/catalog';
import { defineDepartment } from '../../subgraphs/kit';
import { DISCLOSURES_SDL_FILE } from '../../subgraphs/kit/disclosures/disclosureTypeDefs';
import { recordTypesOf } from '../../subgraphs/kit/disclosures/recordTypesOf';
import { licenses } from '../../subgraphs/licenses';
import { market } from '../../subgraphs/market';
import { population } from '../../subgraphs/population';
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
        disclosures: { serveQueries: 'registry' },
      });
    expect(define).toThrow(
      /tax serves the disclosure queries \(registry\)[\s\S]*Query\.myDisclosures is missing: declare myDisclosures\(first: Int = 20, after: String\): DisclosureConnection\b(?!!)/,
    );
  });

  it('a department serving its own log without declaring <name>Disclosures → error naming the field to declare', () => {
    const define = () =>
      defineDepartment({
        name: 'tax',
        title: 'Tax',
        typeDefs: parse(`${FEDERATION} type Query { taxpayer(id: ID!): String } type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }`),
        resolvers: {},
        migrations: {},
        createLoaders: () => ({}),
        seed: async () => undefined,
        disclosures: { serveQueries: 'department' },
      });
    expect(define).toThrow(/Query\.taxDisclosures is missing: declare taxDisclosures\(subject: ID, first: Int = 20, after: String\): DisclosureConnection\b(?!!)/);
  });

  it('a department declaring the disclosure types itself → error saying the kit adds them', () => {
    const define = () =>
      defineDepartment({
        name: 'tax',
        title: 'Tax',
        typeDefs: parse(
          `${FEDERATION} type Query { taxDisclosures(subject: ID, first: Int = 20, after: String): DisclosureConnection } type PageInfo @shareable { hasNextPage: Boolean! endCursor: String } ${fs.readFileSync(DISCLOSURES_SDL_FILE, 'utf8')}`,
        ),
        resolvers: {},
        migrations: {},
        createLoaders: () => ({}),
        seed: async () => undefined,
        disclosures: { serveQueries: 'department' },
      });
    expect(define).toThrow(/  - Disclosure is declared: remove it, the kit adds the disclosure types from \S+disclosures\.graphql\n/);
  });

  it("a department declaring its Query field and PageInfo → served with the kit's disclosure types added", () => {
    const tax = defineDepartment({
      name: 'tax',
      title: 'Tax',
      typeDefs: parse(
        `${FEDERATION} type Query { taxDisclosures(subject: ID, first: Int = 20, after: String): DisclosureConnection } type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }`,
      ),
      resolvers: {},
      migrations: {},
      createLoaders: () => ({}),
      seed: async () => undefined,
      disclosures: { serveQueries: 'department' },
    });
    const schema = buildSubgraphSchema([{ typeDefs: tax.typeDefs }]);
    expect(String(schema.getQueryType()!.getFields().taxDisclosures.type)).toBe('DisclosureConnection');
  });
});

describe('one disclosure SDL for the kit and composition', () => {
  it.each([population, market, licenses, services, catalog].map((department) => [department.name, department] as const))(
    '%s → the SDL the kit serves is the SDL composition reads for it',
    (name, department) => {
      const composed = readSubgraphSources().find((source) => source.name === name)!;
      expect(print(department.typeDefs)).toBe(print(parse(composed.sdl)));
    },
  );
});
