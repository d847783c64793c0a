import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { checkPolicies, loadPolicySet, PolicyLoadError, type PolicyProblem } from '../../policies';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';
const composed = composeServices([
  {
    name: 'people',
    url: 'http://127.0.0.1:1/graphql',
    typeDefs: parse(`${FEDERATION}
      type Person @key(fields: "idNumber") { idNumber: ID! name: String! gender: Gender! phone: String }
      enum Gender { MALE FEMALE }
      type PageInfo @shareable { hasNextPage: Boolean! }
      type PersonConnection { nodes: [Person!]! pageInfo: PageInfo! }
      type Query { person(idNumber: ID!): Person people: PersonConnection! }
      type Mutation { rename(idNumber: ID!, name: String!): Person }`),
  },
  {
    name: 'shops',
    url: 'http://127.0.0.1:2/graphql',
    typeDefs: parse(`${FEDERATION}
      type Shop @key(fields: "id") { id: ID! "Trading name." name: String! owner: Person! }
      type Person @key(fields: "idNumber") { idNumber: ID! shops: [Shop!]! }
      type PageInfo @shareable { hasNextPage: Boolean! }
      type Query { shop(id: ID!): Shop }`),
  },
]);
if (composed.errors) throw composed.errors[0];
const supergraphSdl = composed.supergraphSdl;

/** Files without the indentation of the test source; line 1 is the first line after the backtick. */
const yaml = (text: string) => text.replace(/^\n/, '').replace(/^ {4}/gm, '');

const BASE: Record<string, string> = {
  'vocabulary.yaml': yaml(`
    roles:
      citizen: A resident.
      clerk: Counter staff.
    purposes:
      review: Reviewing a case.
    departments:
      people: Registry of people.
      shops: Registry of shops.
      audit: Audit office.
    `),
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
          name: { description: Name }
          gender: { description: Gender }
          phone:
            description: Phone
            read:
              - roles: [clerk]
                mask: phone
      Query:
        defaults: { sharing: conditional, sensitivity: 2, updateCycle: real-time, read: [{ roles: [citizen, clerk] }] }
        fields:
          person: { description: One person }
          people: { description: All people }
      Mutation:
        fields:
          rename: { description: Change a name, sharing: conditional, sensitivity: 2, updateCycle: real-time, read: [{ roles: [clerk] }] }
    `),
  'platform.yaml': yaml(`
    department: platform
    types:
      PageInfo:
        fields:
          hasNextPage: { description: More pages, sharing: unconditional, sensitivity: 1, updateCycle: real-time, read: [{ public: true }] }
      PersonConnection:
        defaults: { sharing: unconditional, sensitivity: 1, updateCycle: real-time, read: [{ public: true }] }
        fields:
          nodes: { description: People }
          pageInfo: { description: Paging }
    `),
  'shops.yaml': yaml(`
    department: shops
    types:
      Shop:
        defaults: { sharing: unconditional, sensitivity: 1, updateCycle: daily, read: [{ public: true }] }
        fields:
          id: { description: Shop number }
          name: {}
          owner: { description: Owner, read: [{ roles: [clerk] }] }
      Person:
        fields:
          shops: { description: Shops, sharing: conditional, sensitivity: 2, updateCycle: daily, read: [{ self: true }] }
      Query:
        fields:
          shop: { description: One shop, sharing: unconditional, sensitivity: 1, updateCycle: daily, read: [{ public: true }] }
    `),
};

function writeDir(files: Record<string, string | null>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-policies-'));
  for (const [file, text] of Object.entries({ ...BASE, ...files })) if (text !== null) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** The problems of the base files with some files replaced (null = removed). */
function problems(files: Record<string, string | null>): PolicyProblem[] {
  return checkPolicies({ dir: writeDir(files), supergraphSdl });
}

/** The base file with `from` (which must occur once) replaced by `to`. */
function edit(file: string, from: string, to: string): Record<string, string> {
  const text = BASE[file];
  if (text.split(from).length !== 2) throw new Error(`"${from}" does not occur exactly once in ${file}`);
  return { [file]: text.replace(from, to) };
}

const problem = (file: string, line: number, message: RegExp) => ({ file, line, message: expect.stringMatching(message) });

const PHONE_BLOCK = `      phone:
        description: Phone
        read:
          - roles: [clerk]
            mask: phone
`;
const NAME_LINE = '      name: { description: Name }\n';

describe('checkPolicies', () => {
  it('valid files → no problems', () => {
    expect(problems({})).toEqual([]);
  });

  it('file that does not parse → one problem at the line of the error, its fields not reported as uncovered', () => {
    expect(problems(edit('people.yaml', NAME_LINE, '      name: { description: Name\n'))).toEqual([problem('people.yaml', 14, /^the file does not parse as YAML: /)]);
  });

  it('field listed twice in one file → parse problem saying so', () => {
    expect(problems(edit('people.yaml', NAME_LINE, NAME_LINE + NAME_LINE))).toEqual([problem('people.yaml', 14, /the same name is listed twice/)]);
  });

  it('empty file → problem at line 1', () => {
    expect(problems({ 'people.yaml': '' })).toEqual([problem('people.yaml', 1, /^the file is empty$/)]);
  });

  it('unknown type → problem at the type, with a suggestion', () => {
    expect(problems(edit('shops.yaml', '  Shop:\n', '  Shopp:\n'))).toEqual(
      expect.arrayContaining([problem('shops.yaml', 3, /^the graph has no type Shopp \(did you mean "Shop"\?\)$/)]),
    );
  });

  it('type that is not an object type → problem at the type', () => {
    expect(problems(edit('people.yaml', '  Query:\n', '  Gender:\n    fields:\n      MALE: {}\n  Query:\n'))).toEqual([
      problem('people.yaml', 20, /^Gender is an enum type, not an object type/),
    ]);
  });

  it('unknown field → problem at the field with a suggestion, and the real field reported as uncovered', () => {
    expect(problems(edit('people.yaml', NAME_LINE, '      nmae: { description: Name }\n'))).toEqual([
      problem('people.yaml', 11, /^Person\.name has no rule; add it under types\.Person\.fields$/),
      problem('people.yaml', 13, /^Person has no field nmae \(did you mean "name"\?\)$/),
    ]);
  });

  it('field covered in a file whose department does not resolve it → problem naming the right file', () => {
    const files = {
      ...edit('people.yaml', NAME_LINE, ''),
      ...edit('shops.yaml', '      shops:', '      name: { description: Name, sharing: conditional, sensitivity: 2, updateCycle: daily, read: [] }\n      shops:'),
    };
    expect(problems(files)).toEqual([problem('shops.yaml', 11, /^Person\.name is resolved by people, not by shops: cover it in people\.yaml$/)]);
  });

  it('key field covered by a department that is not the entity owner → problem naming the owner', () => {
    const files = {
      ...edit('people.yaml', '      idNumber: { description: ID number }\n', ''),
      ...edit('shops.yaml', '      shops:', '      idNumber: { description: ID, sharing: conditional, sensitivity: 2, updateCycle: daily, read: [] }\n      shops:'),
    };
    expect(problems(files)).toEqual([
      problem('shops.yaml', 11, /^Person\.idNumber is the key of Person, shared by people and shops; the owner of Person, people, covers it: move it to people\.yaml$/),
    ]);
  });

  it('shared structural field covered in a department file → problem pointing to platform.yaml', () => {
    const hasNextPage = '      hasNextPage: { description: More pages, sharing: unconditional, sensitivity: 1, updateCycle: real-time, read: [{ public: true }] }\n';
    const files = {
      ...edit('platform.yaml', `  PageInfo:\n    fields:\n${hasNextPage}`, ''),
      ...edit('people.yaml', '  Query:\n', `  PageInfo:\n    fields:\n${hasNextPage}  Query:\n`),
    };
    expect(problems(files)).toEqual([problem('people.yaml', 22, /^PageInfo\.hasNextPage is shared by people and shops; shared fields are covered in platform\.yaml$/)]);
  });

  it('platform.yaml covering a type that is not shared structure → problem naming the department file', () => {
    const shop = '      shop: { description: One shop, sharing: unconditional, sensitivity: 1, updateCycle: daily, read: [{ public: true }] }\n';
    const files = {
      ...edit('shops.yaml', `  Query:\n    fields:\n${shop}`, ''),
      ...edit('platform.yaml', '  PersonConnection:\n', `  Query:\n    fields:\n${shop}  PersonConnection:\n`),
    };
    expect(problems(files)).toEqual([problem('platform.yaml', 8, /^platform\.yaml covers only shared structural types .*: cover Query\.shop in shops\.yaml$/)]);
  });

  it('field covered in two files → problem at the second naming the first', () => {
    const files = edit('shops.yaml', '      shops:', '      name: { description: Name, sharing: conditional, sensitivity: 2, updateCycle: daily, read: [] }\n      shops:');
    expect(problems(files)).toEqual([problem('shops.yaml', 11, /^Person\.name is already covered in people\.yaml:13; each field is covered in one place only/)]);
  });

  it('field with no rule → problem in the department file that should cover it, at its fields', () => {
    expect(problems(edit('people.yaml', PHONE_BLOCK, ''))).toEqual([problem('people.yaml', 11, /^Person\.phone has no rule; add it under types\.Person\.fields$/)]);
  });

  it('department file missing → every field it should cover reported in that file', () => {
    expect(problems({ 'shops.yaml': null }).map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'shops.yaml:1: Person.shops has no rule; add it under types.Person.fields',
      'shops.yaml:1: Query.shop has no rule; add it under types.Query.fields',
      'shops.yaml:1: Shop.id has no rule; add it under types.Shop.fields',
      'shops.yaml:1: Shop.name has no rule; add it under types.Shop.fields',
      'shops.yaml:1: Shop.owner has no rule; add it under types.Shop.fields',
    ]);
  });

  it('unknown role → problem at the role with a suggestion', () => {
    expect(problems(edit('people.yaml', '        - roles: [clerk]\n    fields:', '        - roles: [clerc]\n    fields:'))).toEqual([
      problem('people.yaml', 10, /^unknown role "clerc" \(did you mean "clerk"\?\): roles are declared in vocabulary\.yaml under roles$/),
    ]);
  });

  it('unknown department in a grant → problem at the department', () => {
    expect(problems(edit('people.yaml', '        - roles: [clerk]\n    fields:', '        - roles: [clerk]\n          departments: [peeple]\n    fields:'))).toEqual([
      problem('people.yaml', 11, /^unknown department "peeple" \(did you mean "people"\?\)/),
    ]);
  });

  it('unknown purpose in a reveal list → problem at the purpose', () => {
    expect(problems(edit('people.yaml', '            mask: phone\n', '            mask: phone\n            reveal: [{ purposes: [reveiw] }]\n'))).toEqual([
      problem('people.yaml', 20, /^unknown purpose "reveiw" \(did you mean "review"\?\)/),
    ]);
  });

  it('unknown mask → problem listing the masks', () => {
    expect(problems(edit('people.yaml', 'mask: phone', 'mask: salary'))).toEqual([
      problem('people.yaml', 19, /^mask must be one of idNumber, phone, name, address, not "salary"$/),
    ]);
  });

  it('misspelt grant condition → problem at the key with a suggestion', () => {
    expect(problems(edit('people.yaml', '        - roles: [clerk]\n    fields:', '        - rolse: [clerk]\n    fields:'))).toEqual([
      problem(
        'people.yaml',
        10,
        /^a grant has no setting "rolse" \(did you mean "roles"\?\); its settings are roles, departments, clearance, purposes, self, public, mask, reveal$/,
      ),
    ]);
  });

  it('misspelt field setting → one problem at the key, not a second one for the missing setting', () => {
    expect(problems(edit('people.yaml', '        description: Phone', '        descripton: Phone'))).toEqual([
      problem('people.yaml', 16, /^Person\.phone has no setting "descripton" \(did you mean "description"\?\)/),
    ]);
  });

  it('misspelt key at the top of a file → problem at the key', () => {
    expect(problems(edit('shops.yaml', 'department: shops\n', 'department: shops\ntipes: {}\n'))).toEqual([
      problem('shops.yaml', 2, /^a policy file has no setting "tipes" \(did you mean "types"\?\)/),
    ]);
  });

  it('sensitivity outside 1–4 → problem at the value', () => {
    expect(problems(edit('people.yaml', 'sensitivity: 2\n', 'sensitivity: 5\n'))).toEqual([
      problem('people.yaml', 6, /^sensitivity must be a whole number from 1 \(public\) to 4 \(restricted\), not 5$/),
    ]);
  });

  it('clearance outside 1–4 → problem at the value', () => {
    expect(problems(edit('people.yaml', '            mask: phone\n', '            mask: phone\n            clearance: 0\n'))).toEqual([
      problem('people.yaml', 20, /^clearance must be a whole number from 1 \(public\) to 4 \(restricted\), not 0$/),
    ]);
  });

  it('sharing none with grants reaching other departments → problem per field, default grants reported at the field', () => {
    expect(problems(edit('people.yaml', 'sharing: conditional\n', 'sharing: none\n'))).toEqual([
      problem(
        'people.yaml',
        12,
        /^Person\.idNumber has "sharing: none" \(not shared outside people\), but the default grant at line 10 reaches readers outside people: add "departments: \[people\]"/,
      ),
      problem('people.yaml', 13, /^Person\.name has "sharing: none".*the default grant at line 10/),
      problem('people.yaml', 14, /^Person\.gender has "sharing: none".*the default grant at line 10/),
      problem('people.yaml', 18, /^Person\.phone has "sharing: none".*but this grant reaches/),
    ]);
  });

  it('sharing none with grants limited to the department and self → no problem', () => {
    const files = edit('people.yaml', '        - roles: [clerk]\n    fields:', '        - roles: [clerk]\n          departments: [people]\n    fields:');
    expect(
      problems({
        'people.yaml': files['people.yaml']
          .replace('sharing: conditional', 'sharing: none')
          .replace('          - roles: [clerk]\n            mask', '          - roles: [clerk]\n            departments: [people]\n            mask'),
      }),
    ).toEqual([]);
  });

  const PAGE_INFO_RULE = 'hasNextPage: { description: More pages, sharing: unconditional, sensitivity: 1, updateCycle: real-time, read: [{ public: true }] }';
  const sharedNone = (departments: string) =>
    edit(
      'platform.yaml',
      PAGE_INFO_RULE,
      `hasNextPage: { description: More pages, sharing: none, sensitivity: 1, updateCycle: real-time, read: [{ roles: [clerk], departments: [${departments}] }] }`,
    );

  it('platform.yaml: sharing none with grants limited to the departments serving the field → no problem', () => {
    expect(problems(sharedNone('people, shops'))).toEqual([]);
  });

  it('platform.yaml: sharing none with a grant reaching a department not serving the field → problem naming the serving departments', () => {
    expect(problems(sharedNone('people, audit'))).toEqual([
      problem('platform.yaml', 5, /^PageInfo\.hasNextPage has "sharing: none" \(not shared outside people, shops\), but this grant reaches readers outside people, shops/),
    ]);
  });

  it('public grant on a field of sensitivity 3 or more → problem at the field', () => {
    expect(
      problems(
        edit(
          'shops.yaml',
          'sensitivity: 1, updateCycle: daily, read: [{ public: true }] }\n    fields',
          'sensitivity: 3, updateCycle: daily, read: [{ public: true }] }\n    fields',
        ),
      ),
    ).toEqual([
      problem('shops.yaml', 6, /^Shop\.id has sensitivity 3, but the default grant at line 4 is public: only sensitivity 1 or 2 may be public/),
      problem('shops.yaml', 7, /^Shop\.name has sensitivity 3/),
    ]);
  });

  it('mask on a field that is not text → problem at the grant', () => {
    expect(problems(edit('people.yaml', '      gender: { description: Gender }', '      gender: { description: Gender, read: [{ roles: [clerk], mask: name }] }'))).toEqual([
      problem('people.yaml', 14, /^Person\.gender is a Gender, not text, but this grant masks it with "name": masks apply to String and ID fields only/),
    ]);
  });

  it('masked default grant on a field that is not text → problem at the field naming the default grant', () => {
    expect(problems(edit('people.yaml', '        - roles: [clerk]\n    fields:', '        - { roles: [clerk], mask: name }\n    fields:'))).toEqual([
      problem('people.yaml', 14, /^Person\.gender is a Gender, not text, but the default grant at line 10 masks it/),
    ]);
  });

  it('self grant on a root field → problem saying self never matches there', () => {
    expect(problems(edit('people.yaml', 'read: [{ roles: [citizen, clerk] }]', 'read: [{ self: true }]'))).toEqual([
      problem('people.yaml', 23, /^Query\.person is a root field, not a record, so "self: true" never matches it/),
      problem('people.yaml', 24, /^Query\.people is a root field/),
    ]);
  });

  it('public grant with other conditions → problem at the grant', () => {
    expect(
      problems(
        edit(
          'shops.yaml',
          'One shop, sharing: unconditional, sensitivity: 1, updateCycle: daily, read: [{ public: true }]',
          'One shop, sharing: unconditional, sensitivity: 1, updateCycle: daily, read: [{ public: true, roles: [clerk] }]',
        ),
      ),
    ).toEqual([problem('shops.yaml', 14, /^a public grant is for everyone, anonymous readers included, so it takes no roles/)]);
  });

  it('grant that names no reader → problem at the grant', () => {
    expect(problems(edit('people.yaml', NAME_LINE, '      name: { description: Name, read: [{ mask: name }] }\n'))).toEqual([
      problem('people.yaml', 13, /^this grant names no reader: give it roles, departments, clearance, purposes, self: true or public: true$/),
    ]);
  });

  it('reveal on a grant without mask → problem at reveal', () => {
    expect(
      problems(edit('people.yaml', NAME_LINE, '      name:\n        description: Name\n        read:\n          - roles: [clerk]\n            reveal: [{ roles: [citizen] }]\n')),
    ).toEqual([problem('people.yaml', 17, /^reveal only matters on a masked grant/)]);
  });

  it('field without a sharing type → problem at the field saying where to add it', () => {
    expect(problems(edit('shops.yaml', 'shops: { description: Shops, sharing: conditional, ', 'shops: { description: Shops, '))).toEqual([
      problem('shops.yaml', 11, /^Person\.shops lacks a sharing type \(add "sharing:" unconditional, conditional or none; add it to the field or to Person's defaults\)$/),
    ]);
  });

  it('field without a description here or in the SDL → problem at the field', () => {
    expect(problems(edit('people.yaml', '        description: Phone\n', ''))).toEqual([problem('people.yaml', 15, /^Person\.phone lacks a description/)]);
  });

  it('field without its own description → the SDL description is enough', () => {
    // Shop.name has `name: {}` in the base files and "Trading name." in the SDL.
    expect(problems({})).toEqual([]);
  });

  it('department that does not match the file name → problem at department', () => {
    expect(problems(edit('shops.yaml', 'department: shops', 'department: people'))).toEqual([
      problem('shops.yaml', 1, /^the file says "department: people" but is named shops\.yaml/),
    ]);
  });

  it('department file without department → problem at line 1', () => {
    expect(problems(edit('shops.yaml', 'department: shops\n', ''))).toEqual([problem('shops.yaml', 1, /^the file does not say whose it is: add "department: shops"/)]);
  });

  it('file of a declared department that serves no subgraph → problem at department', () => {
    expect(problems({ 'audit.yaml': 'department: audit\ntypes: {}\n' })).toEqual([problem('audit.yaml', 1, /^audit serves no subgraph of the supergraph \(people, shops\)/)]);
  });

  it('file of an undeclared department → problem at department', () => {
    expect(problems({ 'taxes.yaml': 'department: taxes\ntypes: {}\n' })).toEqual([
      problem('taxes.yaml', 1, /^unknown department "taxes": declare it in vocabulary\.yaml under departments$/),
    ]);
  });

  it('subgraph department missing from the vocabulary → problem in vocabulary.yaml', () => {
    expect(problems(edit('vocabulary.yaml', '  shops: Registry of shops.\n', ''))).toEqual([
      problem('shops.yaml', 1, /^unknown department "shops"/),
      problem('vocabulary.yaml', 1, /^department shops serves a subgraph but is not declared/),
    ]);
  });

  it('misspelt vocabulary section → problem at the key and the missing section', () => {
    expect(problems(edit('vocabulary.yaml', 'purposes:', 'purpose:'))).toEqual([
      problem('vocabulary.yaml', 1, /^vocabulary\.yaml has no purposes/),
      problem('vocabulary.yaml', 4, /^vocabulary\.yaml has no setting "purpose" \(did you mean "purposes"\?\)/),
    ]);
  });

  it('vocabulary.yaml missing → problem naming it', () => {
    expect(problems({ 'vocabulary.yaml': null })).toEqual([problem('vocabulary.yaml', 1, /^vocabulary\.yaml is missing/)]);
  });

  it('policy file ending in .yml → problem asking to rename it', () => {
    expect(problems({ 'extra.yml': 'department: extra\n' })).toEqual([problem('extra.yml', 1, /rename it to extra\.yaml$/)]);
  });
});

describe('cache settings', () => {
  const GENDER = '      gender: { description: Gender }\n';
  // Person's defaults keep answers 60s; name keeps them per reader, gender not at all.
  const hinted = () => {
    let text = edit('people.yaml', '      updateCycle: daily\n', '      updateCycle: daily\n      cache: 60s\n')['people.yaml'];
    text = text
      .replace(NAME_LINE, '      name: { description: Name, cache: { maxAge: 5m, scope: reader } }\n')
      .replace(GENDER, '      gender: { description: Gender, cache: none }\n');
    return loadPolicySet({ dir: writeDir({ 'people.yaml': text }), supergraphSdl });
  };

  it("cache: 60s in a type's defaults → a field that sets none gets a shared 60-second hint at the defaults' line", () => {
    expect(hinted().cacheHint?.('Person.idNumber')).toEqual({ maxAgeSeconds: 60, perReader: false, rule: { file: 'people.yaml', line: 8 } });
  });

  it("a field's { maxAge: 5m, scope: reader } → replaces the default: a per-reader 300-second hint at its line", () => {
    expect(hinted().cacheHint?.('Person.name')).toEqual({ maxAgeSeconds: 300, perReader: true, rule: { file: 'people.yaml', line: 14 } });
  });

  it("a field's cache: none → no hint, whatever the defaults say", () => {
    expect(hinted().cacheHint?.('Person.gender')).toBeNull();
  });

  it.each([
    ['90x', /^cache must be a duration \(a whole number and s, m or h: 60s, 5m, 1h\), "\{ maxAge: 5m, scope: reader \}" or none, not "90x"$/],
    ['60', /^cache must be a duration .*, not 60 \(did you mean "60s"\?\)$/],
    ['2h', /^cache: 2h is longer than 1h, the longest an answer may be kept/],
    ['{ maxAge: 5m, scope: everyone }', /^scope must be one of shared, reader, not "everyone"$/],
    ['{ scope: reader }', /^cache needs maxAge/],
  ])('cache: %s → one problem at its line', (value, message) => {
    expect(problems(edit('people.yaml', GENDER, `      gender: { description: Gender, cache: ${value} }\n`))).toEqual([problem('people.yaml', 14, message)]);
  });

  it('cache on a Mutation field → problem at the setting: a write is never kept', () => {
    expect(problems(edit('people.yaml', 'read: [{ roles: [clerk] }] }', 'read: [{ roles: [clerk] }], cache: 60s }'))).toEqual([
      problem('people.yaml', 27, /^Mutation\.rename is a mutation: it writes, so its answer is never kept, but this field says "cache": remove it$/),
    ]);
  });
});

describe('loadPolicySet', () => {
  it('files with problems → PolicyLoadError listing each as file:line: message', () => {
    const dir = writeDir(edit('people.yaml', PHONE_BLOCK, ''));
    let error: unknown;
    try {
      loadPolicySet({ dir, supergraphSdl });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect((error as PolicyLoadError).problems).toEqual([problem('people.yaml', 11, /Person\.phone has no rule/)]);
    expect((error as Error).message).toContain('people.yaml:11: Person.phone has no rule; add it under types.Person.fields');
  });

  it('valid files → a policy set', () => {
    expect(loadPolicySet({ dir: writeDir({}), supergraphSdl }).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('supergraph SDL that is not a supergraph → error saying what to pass', () => {
    expect(() => loadPolicySet({ dir: writeDir({}), supergraphSdl: 'type Query { a: Int }' })).toThrow(/pass a composed supergraph/);
  });
});
