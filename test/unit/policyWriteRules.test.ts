import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { checkPolicies, loadPolicySet, type PolicyProblem } from '../../policies';

/** Write rules beside read grants: what the checker refuses, and what the loaded set decides, over a one-department graph. */
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const composed = composeServices([
  {
    name: 'people',
    url: 'http://127.0.0.1:1/graphql',
    typeDefs: parse(`${FEDERATION}
      type Person @key(fields: "idNumber") { idNumber: ID! name: String address: String phone: String }
      type Query { person(idNumber: ID!): Person }
      type Mutation { move(idNumber: ID!, address: String!): Person }`),
  },
]);
if (composed.errors) throw composed.errors[0];
const supergraphSdl = composed.supergraphSdl;

const yaml = (text: string) => text.replace(/^\n/, '').replace(/^ {4}/gm, '');

const VOCABULARY = yaml(`
    roles:
      clerk: Counter staff.
    purposes:
      review: Reviewing a case.
    departments:
      people: Registry of people.
      services: Service center.
    `);

/** people.yaml with `person` (the Person fields' entries, indented six spaces) and `defaults` (extra lines of Person's defaults). */
function peopleFile({ fields = '', defaults = '', query = '' }: { fields?: string; defaults?: string; query?: string }): string {
  return [
    'department: people',
    'types:',
    '  Person:',
    '    defaults:',
    '      sharing: conditional',
    '      sensitivity: 2',
    '      updateCycle: daily',
    '      read: [{ roles: [clerk] }]',
    ...(defaults ? [defaults.replace(/\n$/, '')] : []),
    '    fields:',
    '      idNumber: { description: ID number }',
    '      name: { description: Name }',
    '      phone: { description: Phone }',
    fields ? fields.replace(/\n$/, '') : '      address: { description: Address }',
    '  Query:',
    '    defaults: { sharing: conditional, sensitivity: 2, updateCycle: real-time, read: [{ roles: [clerk] }] }',
    '    fields:',
    `      person: { description: One person${query} }`,
    '  Mutation:',
    '    defaults: { sharing: conditional, sensitivity: 2, updateCycle: real-time, read: [{ roles: [clerk] }] }',
    '    fields:',
    '      move: { description: Move }',
    '',
  ].join('\n');
}

/** The address entry (line 13; its first write rule on line 16) with a write list. */
const ADDRESS = (write: string) => `      address:\n        description: Address\n        write:\n${write}`;

let dirs: string[] = [];
function writeDir(people: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-rules-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'vocabulary.yaml'), VOCABULARY);
  fs.writeFileSync(path.join(dir, 'people.yaml'), people);
  return dir;
}
afterEach(() => {
  dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  dirs = [];
});

const problems = (people: string): PolicyProblem[] => checkPolicies({ dir: writeDir(people), supergraphSdl });
const problem = (line: number, message: RegExp) => ({ file: 'people.yaml', line, message: expect.stringMatching(message) });

describe('write rules: what the checker refuses', () => {
  it('a write rule with departments and events → no problems', () => {
    expect(problems(peopleFile({ fields: ADDRESS('          - departments: [services]\n            events: [address-change]\n') }))).toEqual([]);
  });

  it('a write rule without events → a problem at the rule', () => {
    expect(problems(peopleFile({ fields: ADDRESS('          - departments: [services]\n') }))).toEqual([problem(16, /^this write rule names no event: add "events: \[\.\.\.\]"/)]);
  });

  it('a write rule without departments → a problem at the rule', () => {
    expect(problems(peopleFile({ fields: ADDRESS('          - events: [address-change]\n') }))).toEqual([problem(16, /^this write rule names no department/)]);
  });

  it('an empty events list → a problem at the rule', () => {
    expect(problems(peopleFile({ fields: ADDRESS('          - departments: [services]\n            events: []\n') }))).toEqual([
      problem(17, /^events is empty, so it matches no one/),
    ]);
  });

  it('a department the vocabulary does not declare → a problem at the name, with a suggestion', () => {
    expect(problems(peopleFile({ fields: ADDRESS('          - departments: [servces]\n            events: [address-change]\n') }))).toEqual([
      problem(16, /^unknown department "servces" \(did you mean "services"\?\): departments are declared in vocabulary\.yaml under departments$/),
    ]);
  });

  it('an event not written in lower-case words joined by hyphens → a problem at the event', () => {
    expect(problems(peopleFile({ fields: ADDRESS('          - departments: [services]\n            events: [Address_Change]\n') }))).toEqual([
      problem(17, /^"Address_Change" is not an event name: write-back events are lower-case words joined by hyphens/),
    ]);
  });

  it('a reader setting in a write rule (roles) → a problem at the setting, saying a write rule names departments and events only', () => {
    expect(problems(peopleFile({ fields: ADDRESS('          - departments: [services]\n            events: [address-change]\n            roles: [clerk]\n') }))).toEqual([
      problem(18, /^a write rule has no setting "roles": a write comes from a department on a write-back event, not from a reader/),
    ]);
  });

  it('a misspelt setting in a write rule → a problem with a suggestion, and the missing one reported too', () => {
    expect(problems(peopleFile({ fields: ADDRESS('          - departments: [services]\n            evnets: [address-change]\n') }))).toEqual([
      problem(16, /^this write rule names no event/),
      problem(17, /^a write rule has no setting "evnets" \(did you mean "events"\?\); its settings are departments, events$/),
    ]);
  });

  it('a write rule on a key field → a problem at the rule: keys are never written', () => {
    const fields = '      address: { description: Address }\n';
    const people = peopleFile({ fields }).replace(
      '      idNumber: { description: ID number }',
      '      idNumber:\n        description: ID number\n        write: [{ departments: [services], events: [address-change] }]',
    );
    expect(problems(people)).toEqual([problem(12, /^Person\.idNumber is the key of Person: a write-back names the record by its key, and keys are never written/)]);
  });

  it('a write rule on a Query field → a problem at the rule: an entry point is not a record', () => {
    expect(problems(peopleFile({ query: ', write: [{ departments: [services], events: [address-change] }]' }))).toEqual([
      problem(17, /^Query\.person is an entry point, not a field of a record/),
    ]);
  });

  it('a default write rule on a type with a key → no problem: defaults never reach the key', () => {
    expect(problems(peopleFile({ defaults: '      write: [{ departments: [services], events: [address-change] }]' }))).toEqual([]);
  });
});

describe('write rules: type defaults', () => {
  const load = (people: string) => loadPolicySet({ dir: writeDir(people), supergraphSdl });
  const ask = (coordinate: string) => ({ coordinate, from: 'services', event: 'address-change' });

  it("a field without its own write list → the type's default rule allows the write", () => {
    const policies = load(peopleFile({ defaults: '      write: [{ departments: [services], events: [address-change] }]' }));
    expect(policies.decideWrite!(ask('Person.address'))).toEqual({ allowed: true, rule: 'people.yaml:9' });
  });

  it("a field with its own write: [] → no one writes it, whatever the type's defaults say", () => {
    const policies = load(
      peopleFile({ defaults: '      write: [{ departments: [services], events: [address-change] }]', fields: '      address: { description: Address, write: [] }' }),
    );
    expect(policies.decideWrite!(ask('Person.address'))).toEqual({ allowed: false, why: "people's policy lets no department write Person.address" });
  });

  it('the key of a type whose defaults allow writes → refused: keys are never written', () => {
    const policies = load(peopleFile({ defaults: '      write: [{ departments: [services], events: [address-change] }]' }));
    expect(policies.decideWrite!(ask('Person.idNumber'))).toEqual({
      allowed: false,
      why: "people's policy lets no department write Person.idNumber, a key (keys are never written)",
    });
  });
});
