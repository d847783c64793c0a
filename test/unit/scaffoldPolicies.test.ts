import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPolicies, nonNullDenials, SCAFFOLD_DESCRIPTION, scaffoldPolicies, type PolicyFileText } from '../../policies';
import { composeSupergraph } from '../../schema/composition/composeSupergraph';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

/** A supergraph of inline federation v2 subgraphs (name → SDL). */
function supergraphOf(subgraphs: Record<string, string>): string {
  return composeSupergraph(
    Object.entries(subgraphs).map(([name, sdl]) => ({ name, url: `http://127.0.0.1:1/${name}`, title: name, files: [`${name}.graphql`], sdl: `${LINK}\n${sdl}` })),
  );
}

/** Every problem `policy check` would report on the files. */
function problemsOf(files: PolicyFileText[], supergraphSdl: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-scaffold-unit-'));
  try {
    for (const { file, text } of files) fs.writeFileSync(path.join(dir, file), text);
    return [...checkPolicies({ dir, supergraphSdl }), ...nonNullDenials({ dir, supergraphSdl })].map((p) => `${p.file}:${p.line}: ${p.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const textOf = (files: PolicyFileText[], file: string) => files.find((f) => f.file === file)?.text ?? '';

const ORDERS = `
type Query { order(id: ID!): Order }
type Order @key(fields: "id") {
  id: ID!
  "When the order was placed, ISO 8601."
  placedAt: String
  total: Money!
}
type Money @shareable { amount: Int! currency: String! }
`;
const BILLING = `
type Order @key(fields: "id") { id: ID! refund: Money }
type Money @shareable { amount: Int! currency: String! }
`;

describe('scaffoldPolicies', () => {
  const supergraphSdl = supergraphOf({ orders: ORDERS, billing: BILLING });

  it('a graph with a value type two subgraphs share → its fields in platform.yaml, and no problem for the checker', () => {
    const files = scaffoldPolicies(supergraphSdl);
    expect({ files: files.map((f) => f.file), problems: problemsOf(files, supergraphSdl) }).toEqual({
      files: ['billing.yaml', 'orders.yaml', 'platform.yaml', 'vocabulary.yaml'],
      problems: [],
    });
  });

  it('a non-null field that is not a key → a note above its rule: grant it with its neighbours, or make it nullable', () => {
    expect(textOf(scaffoldPolicies(supergraphSdl), 'orders.yaml')).toMatch(/# non-null in the schema: grant it to whoever may read other Order fields .*\n\s+total:/);
  });

  it('a key field → no non-null note (a reader who reaches a record reaches its key)', () => {
    expect(textOf(scaffoldPolicies(supergraphSdl), 'orders.yaml')).not.toMatch(/# non-null[^\n]*\n\s+id:/);
  });

  it('a field the SDL describes → no placeholder: the SDL description stands', () => {
    const orders = textOf(scaffoldPolicies(supergraphSdl), 'orders.yaml');
    expect(orders).toMatch(/placedAt:\n\s+read: \[\]/);
  });

  it('a field the SDL does not describe → the placeholder description', () => {
    expect(textOf(scaffoldPolicies(supergraphSdl), 'billing.yaml')).toContain(`      refund:\n        description: "${SCAFFOLD_DESCRIPTION}"\n`);
  });

  it('a subgraph named with an underscore and capitals → a department of that name the checker accepts', () => {
    const sdl = supergraphOf({ Order_Service: ORDERS });
    const files = scaffoldPolicies(sdl);
    expect({ files: files.map((f) => f.file), problems: problemsOf(files, sdl) }).toEqual({ files: ['Order_Service.yaml', 'vocabulary.yaml'], problems: [] });
  });

  it('a subgraph named platform → refused, naming it and how to fix it', () => {
    expect(() => scaffoldPolicies(supergraphOf({ platform: ORDERS }))).toThrow(/The subgraph "platform" cannot be a department .*Rename the subgraph/);
  });
});
