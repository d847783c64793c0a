import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/**
 * A one-department graph with one write rule, for the write-rule tests of the CLI: its
 * commands run in milliseconds here, where over the shipped graph `policy check` spends
 * seconds on non-null denials and `policy diff` on two thousand reader classes. People may
 * have their address written by services on address-change.
 */
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

export const SMALL_GRAPH: string = (() => {
  const composed = composeServices([
    {
      name: 'people',
      url: 'http://127.0.0.1:1/graphql',
      typeDefs: parse(`${FEDERATION}
        type Person @key(fields: "idNumber") { idNumber: ID! address: String phone: String }
        type Query { person(idNumber: ID!): Person }`),
    },
  ]);
  if (composed.errors) throw composed.errors[0];
  return composed.supergraphSdl;
})();

/** The policy files; the address's write rule is on lines 11 and 12 of people.yaml. */
export const SMALL_POLICIES: Readonly<Record<string, string>> = {
  'vocabulary.yaml':
    'roles:\n  clerk: Counter staff.\npurposes:\n  review: Reviewing a case.\ndepartments:\n  people: Registry.\n  services: Service center.\n  civil: Civil affairs.\n',
  'people.yaml': [
    'department: people',
    'types:',
    '  Person:',
    '    defaults: { sharing: conditional, sensitivity: 2, updateCycle: daily, read: [{ roles: [clerk] }] }',
    '    fields:',
    '      idNumber: { description: ID number }',
    '      phone: { description: Phone }',
    '      address:',
    '        description: Address',
    '        write:',
    '          - departments: [services]',
    '            events: [address-change]',
    '  Query:',
    '    fields:',
    '      person: { description: One person, sharing: conditional, sensitivity: 2, updateCycle: real-time, read: [{ roles: [clerk] }] }',
    '',
  ].join('\n'),
};

/** Service items' write-back declarations for the small graph, in the services department's format. */
export const SMALL_DECLARATIONS = `items:
  SI-0026:
    event: address-change
    writes:
      - department: people
        type: Person
        key: applicant
        values:
          address: { detail: newAddress }
`;

/** Writes the small policies to `dir` (in people.yaml, `from`, which must occur once, replaced by `to` when given) and the graph to `dir/../supergraph.graphql`. */
export function writeSmallPolicies(dir: string, edit?: { from: string; to: string }): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(SMALL_POLICIES)) {
    if (edit && file === 'people.yaml' && text.split(edit.from).length !== 2) throw new Error(`"${edit.from}" does not occur once in people.yaml`);
    fs.writeFileSync(path.join(dir, file), edit && file === 'people.yaml' ? text.replace(edit.from, edit.to) : text);
  }
  fs.writeFileSync(path.join(dir, '..', 'supergraph.graphql'), SMALL_GRAPH);
}
