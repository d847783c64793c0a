import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { createGroupLoader, defineDepartment, seedWorld, createRandom } from '../../subgraphs/kit';
import { composeSupergraph, readSubgraphSources } from '../../schema/composition/composeSupergraph';
import { loadPolicySet, POLICIES_DIR } from '../../policies';
import { DEPARTMENTS, OFFICER, startStack, type Stack } from '../support/startStack';

/**
 * Adding a department takes a schema, a migration, a loader, resolvers and a seed on the
 * shared kit: this one (social insurance) adds a field to population's Person.
 */
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "idNumber") {
    idNumber: ID!
    "Months of pension contributions."
    pensionMonths: Int!
  }
`;

const POLICY = `
department: socialsecurity
types:
  Person:
    fields:
      pensionMonths:
        description: Months of pension contributions.
        sharing: conditional
        sensitivity: 2
        updateCycle: monthly
        read:
          - self: true
          - roles: [officer]
`;

interface SocialSecurityDb {
  pension_accounts: { id_number: string; months: number };
}

const socialsecurity = defineDepartment<SocialSecurityDb, ReturnType<typeof loaders>>({
  name: 'socialsecurity',
  title: 'Human Resources and Social Security Bureau — pension accounts',
  typeDefs: parse(SDL),
  migrations: {
    '001_pension_accounts': {
      up: (db) =>
        db.schema
          .createTable('pension_accounts')
          .addColumn('id_number', 'text', (c) => c.primaryKey())
          .addColumn('months', 'integer', (c) => c.notNull())
          .execute(),
    },
  },
  createLoaders: loaders,
  resolvers: {
    Person: {
      pensionMonths: async (person: { idNumber: string }, _args: unknown, ctx) => {
        const rows = await ctx.loaders.accounts.load(person.idNumber);
        return rows[0]?.months ?? 0;
      },
    },
  },
  async seed(db, options) {
    const random = createRandom(options.seed, 'socialsecurity');
    const rows = seedWorld(options)
      .personIds.slice(0, 50)
      .map((id) => ({ id_number: id, months: random.int(1, 480) }));
    await db.insertInto('pension_accounts').values(rows).execute();
  },
});

function loaders(db: import('kysely').Kysely<SocialSecurityDb>) {
  return {
    accounts: createGroupLoader(
      (ids: readonly string[]) => db.selectFrom('pension_accounts').selectAll().where('id_number', 'in', ids).execute(),
      (row) => row.id_number,
    ),
  };
}

describe('a department added through the kit', () => {
  let stack: Stack;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-fixture-'));
    const supergraphFile = path.join(dir, 'supergraph.graphql');
    const sources = [...readSubgraphSources(), { name: 'socialsecurity', url: 'http://127.0.0.1:1/graphql', title: socialsecurity.title, files: ['inline'], sdl: SDL }];
    const supergraphSdl = composeSupergraph(sources);
    fs.writeFileSync(supergraphFile, supergraphSdl);
    // The department's officers cover its new field in a policy file of their own.
    const policiesDir = path.join(dir, 'policies');
    fs.cpSync(POLICIES_DIR, policiesDir, { recursive: true, filter: (src) => !src.endsWith('.md') });
    fs.appendFileSync(path.join(policiesDir, 'vocabulary.yaml'), '  socialsecurity: Human Resources and Social Security Bureau, pension accounts.\n');
    fs.writeFileSync(path.join(policiesDir, 'socialsecurity.yaml'), POLICY);
    const policies = loadPolicySet({ dir: policiesDir, supergraphSdl });
    stack = await startStack({ departments: [...DEPARTMENTS, socialsecurity], supergraphFile, scale: 0.05, policies });
  });

  afterAll(async () => {
    await stack?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('its field resolves through the gateway beside population fields', async () => {
    const { body } = await stack.request('{ people(first: 3) { edges { node { idNumber name pensionMonths } } } }', {}, { as: OFFICER });
    expect(body.errors).toBeUndefined();
    const nodes = body.data.people.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(3);
    for (const node of nodes) {
      expect(typeof node.name).toBe('string');
      expect(node.pensionMonths).toBeGreaterThanOrEqual(0);
    }
    expect(nodes.some((n: any) => n.pensionMonths > 0)).toBe(true);
  });
});
