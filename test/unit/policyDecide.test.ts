import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DECISION_CACHE_LIMIT } from '../../policies/engine/createPolicySet';
import { loadPolicySet, type Identity, type PolicySet, type Reader } from '../../policies';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';
const composed = composeServices([
  {
    name: 'people',
    url: 'http://127.0.0.1:1/graphql',
    typeDefs: parse(`${FEDERATION}
      type Person @key(fields: "idNumber") { idNumber: ID! "Full name." name: String! phone: String address: String }
      type Query { person(idNumber: ID!): Person }`),
  },
  {
    name: 'shops',
    url: 'http://127.0.0.1:2/graphql',
    typeDefs: parse(`${FEDERATION}
      type Shop @key(fields: "id") { id: ID! name: String! }
      type Query { shop(id: ID!): Shop }`),
  },
]);
if (composed.errors) throw composed.errors[0];
const supergraphSdl = composed.supergraphSdl;

const yaml = (text: string) => text.replace(/^\n/, '').replace(/^ {4}/gm, '');
const FILES: Record<string, string> = {
  'vocabulary.yaml': yaml(`
    roles: { citizen: A resident., clerk: Counter staff., auditor: Inspector., officer: Official. }
    purposes: { review: Reviewing a case., audit: Inspecting. }
    departments: { people: People registry., shops: Shop registry., audit: Audit office. }
    `),
  // Line numbers matter: tests name them.
  'people.yaml': yaml(`
    department: people
    types:
      Person:
        defaults:
          sharing: conditional
          sensitivity: 2
          updateCycle: daily
          read:
            - self: true
            - roles: [clerk]
        fields:
          idNumber: { description: ID number }
          name:
            read:
              - roles: [clerk]
                mask: name
              - roles: [clerk]
                purposes: [review]
              - roles: [auditor]
                clearance: 3
                mask: name
                reveal: [{ departments: [audit], purposes: [audit] }]
          phone:
            description: Phone
            read:
              - self: true
                mask: phone
              - roles: [officer]
                departments: [people]
          address:
            description: Address
            read:
              - self: true
                mask: address
              - roles: [clerk]
      Query:
        fields:
          person: { description: One person, sharing: conditional, sensitivity: 2, updateCycle: real-time, read: [{ clearance: 1 }] }
    `),
  'shops.yaml': yaml(`
    department: shops
    types:
      Shop:
        defaults: { sharing: unconditional, sensitivity: 1, updateCycle: daily, read: [{ public: true }] }
        fields:
          id: { description: Shop number }
          name: { description: Trading name }
      Query:
        fields:
          shop: { description: One shop, sharing: unconditional, sensitivity: 1, updateCycle: daily, read: [{ public: true }] }
    `),
};

function load(files: Record<string, string> = FILES): PolicySet {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-decide-'));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return loadPolicySet({ dir, supergraphSdl });
}
const policies = load();

const reader = (identity: Partial<Identity> | null, purpose: string | null = null): Reader => ({
  identity: identity && { sub: 'S1', roles: [], dept: null, clearance: 1, ...identity },
  purpose,
});
const ANONYMOUS = reader(null);
const at = (line: number) => ({ file: 'people.yaml', line });

describe('decide', () => {
  it('masked grant is the only match → MASK, rule at that grant', () => {
    expect(policies.decide('Person.name', reader({ roles: ['clerk'] }))).toMatchObject({ others: { kind: 'MASK', mask: 'name' }, rule: at(15) });
  });

  it('allowing grant listed after a masked one also matches → ALLOW wins', () => {
    expect(policies.decide('Person.name', reader({ roles: ['clerk'] }, 'review'))).toMatchObject({ others: { kind: 'ALLOW' }, rule: at(17) });
  });

  it('grant with purposes, no purpose declared → does not match', () => {
    expect(policies.decide('Person.name', reader({ roles: ['clerk'] }, null)).others.kind).toBe('MASK');
  });

  it('clearance below the grant minimum → DENY', () => {
    expect(policies.decide('Person.name', reader({ roles: ['auditor'], clearance: 2 })).others).toEqual({ kind: 'DENY' });
  });

  it('clearance at the grant minimum → the grant applies', () => {
    expect(policies.decide('Person.name', reader({ roles: ['auditor'], clearance: 3 })).others).toEqual({ kind: 'MASK', mask: 'name' });
  });

  it('reader matching the reveal list of a masked grant → ALLOW, reason says so', () => {
    const decision = policies.decide('Person.name', reader({ roles: ['auditor'], dept: 'audit', clearance: 3 }, 'audit'));
    expect(decision.others).toEqual({ kind: 'ALLOW' });
    expect(decision.reason).toBe('auditor of audit with purpose audit: allowed unmasked by people.yaml:19 (the reader is in its reveal list)');
  });

  it('reveal entry partly matched (department but not purpose) → still masked', () => {
    expect(policies.decide('Person.name', reader({ roles: ['auditor'], dept: 'audit', clearance: 3 })).others.kind).toBe('MASK');
  });

  it('grant limited to a department, reader of that department → ALLOW', () => {
    expect(policies.decide('Person.phone', reader({ roles: ['officer'], dept: 'people' })).others).toEqual({ kind: 'ALLOW' });
  });

  it('grant limited to a department, reader of another or of none → DENY', () => {
    expect(policies.decide('Person.phone', reader({ roles: ['officer'], dept: 'shops' })).others).toEqual({ kind: 'DENY' });
    expect(policies.decide('Person.phone', reader({ roles: ['officer'] })).others).toEqual({ kind: 'DENY' });
  });

  it('reader with several roles → the best grant over all of them', () => {
    expect(policies.decide('Person.phone', reader({ roles: ['clerk', 'officer'], dept: 'people' })).others).toEqual({ kind: 'ALLOW' });
  });

  it('field without its own read → the type defaults apply', () => {
    expect(policies.decide('Person.idNumber', reader({ roles: ['clerk'] }))).toMatchObject({ others: { kind: 'ALLOW' }, rule: at(10) });
  });

  it("field with its own read → the defaults' grants do not apply", () => {
    // Person.phone's own read has no clerk grant, although the defaults have one.
    expect(policies.decide('Person.phone', reader({ roles: ['clerk'] })).others).toEqual({ kind: 'DENY' });
  });

  it('anonymous reader, grant for any signed-in reader (clearance 1) → DENY', () => {
    expect(policies.decide('Query.person', ANONYMOUS).others).toEqual({ kind: 'DENY' });
  });

  it('signed-in reader, grant for clearance 1 → ALLOW', () => {
    expect(policies.decide('Query.person', reader({ roles: ['citizen'] })).others).toEqual({ kind: 'ALLOW' });
  });

  it('anonymous reader, public grant → ALLOW', () => {
    expect(policies.decide('Shop.name', ANONYMOUS)).toMatchObject({ others: { kind: 'ALLOW' }, rule: { file: 'shops.yaml', line: 4 } });
  });

  it('anonymous reader, self grant → no own access', () => {
    expect(policies.decide('Person.phone', ANONYMOUS).own).toBeUndefined();
  });

  it('signed-in reader, masked self grant and nothing else → others DENY, own MASK, rule at the self grant', () => {
    expect(policies.decide('Person.phone', reader({ roles: ['citizen'] }))).toMatchObject({ others: { kind: 'DENY' }, own: { kind: 'MASK', mask: 'phone' }, rule: at(26) });
  });

  it('masked self grant, others ALLOW → own ALLOW (own is never worse than others)', () => {
    expect(policies.decide('Person.address', reader({ roles: ['clerk'] }))).toMatchObject({ others: { kind: 'ALLOW' }, own: { kind: 'ALLOW' } });
  });

  it('field where no self grant exists → no own access', () => {
    expect(policies.decide('Query.person', reader({ roles: ['citizen'] })).own).toBeUndefined();
  });

  it('no grant matches → DENY, rule at the field, reason says no grant matches', () => {
    const decision = policies.decide('Person.name', reader({ roles: ['citizen'] }));
    expect(decision).toMatchObject({ others: { kind: 'DENY' }, rule: at(13) });
    expect(decision.own).toBeUndefined();
    expect(decision.reason).toBe('citizen: denied: no grant of Person.name (people.yaml:13) matches');
  });

  it('reader with purpose → reason names role, purpose and rule', () => {
    expect(policies.decide('Person.name', reader({ roles: ['clerk'] }, 'review')).reason).toBe('clerk with purpose review: allowed by people.yaml:17');
  });

  it('anonymous reader → reason names the anonymous reader', () => {
    expect(policies.decide('Person.phone', ANONYMOUS).reason).toBe('anonymous reader: denied: no grant of Person.phone (people.yaml:23) matches');
  });

  it('coordinate no rule covers → DENY with no rule', () => {
    expect(policies.decide('Person.salary', reader({ roles: ['officer'], dept: 'people', clearance: 4 }))).toEqual({
      coordinate: 'Person.salary',
      others: { kind: 'DENY' },
      rule: null,
      reason: 'no rule covers Person.salary: denied (fail closed)',
    });
  });

  it('__typename → ALLOW for anyone', () => {
    expect(policies.decide('Person.__typename', ANONYMOUS).others).toEqual({ kind: 'ALLOW' });
  });

  it('same kind of reader twice → the same memoised decision', () => {
    expect(policies.decide('Person.name', reader({ roles: ['clerk'] }))).toBe(
      policies.decide('Person.name', { identity: { sub: 'other', roles: ['clerk'], dept: null, clearance: 1 }, purpose: null }),
    );
  });

  it('same roles in another order → the same access and rule', () => {
    const { others, own, rule } = policies.decide('Person.phone', reader({ roles: ['clerk', 'officer'], dept: 'people' }));
    expect(policies.decide('Person.phone', reader({ roles: ['officer', 'clerk'], dept: 'people' }))).toMatchObject({ others, own, rule });
  });

  it('another purpose → another decision', () => {
    expect(policies.decide('Person.name', reader({ roles: ['clerk'] }, 'review'))).not.toEqual(policies.decide('Person.name', reader({ roles: ['clerk'] })));
  });

  it('decision → frozen', () => {
    const decision = policies.decide('Person.name', reader({ roles: ['clerk'] }));
    expect(Object.isFrozen(decision)).toBe(true);
    expect(Object.isFrozen(decision.others)).toBe(true);
  });

  it('decision cache full → what it holds stays, a new kind of reader is decided afresh each time, answers unchanged', () => {
    const set = load();
    const first = set.decide('Person.name', reader({ roles: ['clerk'] }));
    for (let i = 0; i < DECISION_CACHE_LIMIT; i += 1) set.decide('Person.name', reader({ roles: ['clerk'] }, `p${i}`));
    const newcomer = set.decide('Person.name', reader({ roles: ['officer'], dept: 'people' }));
    expect({
      kept: set.decide('Person.name', reader({ roles: ['clerk'] })) === first,
      newcomerKept: set.decide('Person.name', reader({ roles: ['officer'], dept: 'people' })) === newcomer,
      newcomerAgain: set.decide('Person.name', reader({ roles: ['officer'], dept: 'people' })),
    }).toEqual({ kept: true, newcomerKept: false, newcomerAgain: newcomer });
  });
});

describe('policy set', () => {
  it.each(['Person.idNumber', 'Shop.id'])('%s → a key field', (coordinate) => {
    expect(policies.isKeyField(coordinate)).toBe(true);
  });

  it.each(['Person.name', 'Query.person', 'Nope.nope'])('%s → not a key field', (coordinate) => {
    expect(policies.isKeyField(coordinate)).toBe(false);
  });

  it('purposes and roles → those of vocabulary.yaml', () => {
    expect(policies.purposes).toEqual(['review', 'audit']);
    expect(policies.roles).toEqual(['citizen', 'clerk', 'auditor', 'officer']);
  });

  it('field without a description in the policy → catalog takes the SDL description', () => {
    expect(policies.catalog().find((entry) => entry.coordinate === 'Person.name')).toEqual({
      coordinate: 'Person.name',
      department: 'people',
      description: 'Full name.',
      sharing: 'conditional',
      sensitivity: 2,
      updateCycle: 'daily',
    });
  });

  it('catalog → sorted by coordinate', () => {
    const coordinates = policies.catalog().map((entry) => entry.coordinate);
    expect(coordinates).toEqual([...coordinates].sort());
  });

  it('same files → same hash', () => {
    expect(load().hash).toBe(policies.hash);
  });

  it('a changed file → another hash', () => {
    expect(load({ ...FILES, 'shops.yaml': `${FILES['shops.yaml']}# a comment\n` }).hash).not.toBe(policies.hash);
  });
});
