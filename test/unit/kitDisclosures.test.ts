import fs from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { defineDepartment } from '../../subgraphs/kit';
import { checkDisclosureSdl, DISCLOSURES_SDL_FILE } from '../../subgraphs/kit/disclosures/checkDisclosureSdl';
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
        disclosures: { serveQueries: 'registry' },
      });
    expect(define).toThrow(/tax serves the disclosure queries \(registry\)[\s\S]*Query\.myDisclosures is missing: declare myDisclosures\(first: Int = 20, after: String\): DisclosureConnection\b(?!!)/);
  });

  it("a department serving its own log without declaring <name>Disclosures → error naming the field to declare", () => {
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

  it('the shared disclosure types declared without @shareable → error saying they must be', () => {
    const sdl = fs.readFileSync(DISCLOSURES_SDL_FILE, 'utf8').replace('type Disclosure @shareable {', 'type Disclosure {');
    const problems = checkDisclosureSdl(parse(`${FEDERATION} ${sdl} type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }`), 'population', 'registry');
    expect(problems).toEqual(['Disclosure is not @shareable: every department serving its disclosure log declares it']);
  });
});
