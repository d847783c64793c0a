import { buildSchema, parse, print, type OperationDefinitionNode } from 'graphql';
import { collectFieldSelections, decideOperation, filterDocument } from '../../gateway/policy';
import { ALLOW, DENY, fakePolicySet } from '../support/fixtureDepartments';

/** The document planned for a reader: what the walk finds and what the filter leaves, printed. */
const schema = buildSchema(`
  type Query { things: [Thing!]! labelled: [Labelled!]! }
  type Thing { id: ID! name: String! secret: String }
  interface Labelled { label: String }
  type Gadget implements Labelled { label: String }
  type Badge implements Labelled { label: String }
`);

const policies = fakePolicySet({ 'Thing.secret': () => DENY, 'Badge.label': () => DENY, 'Thing.name': () => ALLOW });

function filtered(source: string, operationName?: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && (!operationName || d.name?.value === operationName))!;
  const selections = collectFieldSelections(schema, document, operation, variables);
  const policy = decideOperation(selections, policies, { identity: null, purpose: null });
  return { selections, policy, result: filterDocument(schema, document, operation, policy.removals) };
}

describe('the filtered document', () => {
  it('collects one coordinate per possible type for a field of an interface', () => {
    expect(filtered('{ labelled { label } }').selections.map((s) => s.coordinates)).toEqual([['Query.labelled'], ['Gadget.label', 'Badge.label']]);
  });

  it('narrows an interface field to inline fragments on the types that allow it, selecting __typename', () => {
    expect(print(filtered('{ labelled { label } }').result.document)).toBe(`{
  labelled {
    __typename
    ... on Gadget {
      label
    }
  }
}`);
  });

  it('selects __typename where every selected field was removed', () => {
    expect(print(filtered('{ things { secret } }').result.document)).toBe(`{
  things {
    __typename
  }
}`);
  });

  it('keeps only the executed operation and the fragments it uses', () => {
    const source = 'query A { things { ...F } } query B { things { secret } } fragment F on Thing { id secret } fragment G on Thing { name }';
    expect(print(filtered(source, 'A').result.document)).toBe(`query A {
  things {
    ...F
  }
}

fragment F on Thing {
  id
}`);
  });

  it('does not collect a field under @skip whose condition is a true variable', () => {
    const { selections } = filtered('query ($s: Boolean!) { things { id secret @skip(if: $s) } }', undefined, { s: true });
    expect(selections.flatMap((s) => s.coordinates)).toEqual(['Query.things', 'Thing.id']);
  });

  it('collects a fragment spread many times once', () => {
    const { selections } = filtered('{ things { ...F ...F ... on Thing { ...F } } } fragment F on Thing { id }');
    expect(selections.flatMap((s) => s.coordinates)).toEqual(['Query.things', 'Thing.id']);
  });

  it('hashes the printed filtered document: the same document, the same hash; another, another', () => {
    const a = filtered('{ things { id secret } }').result.queryHash;
    const b = filtered('{ things { id } }').result.queryHash;
    const c = filtered('{ things { id name } }').result.queryHash;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
