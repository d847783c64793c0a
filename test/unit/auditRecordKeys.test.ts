import { buildSchema, getOperationAST, parse } from 'graphql';
import { recordKeysOf } from '../../gateway/audit';

const schema = buildSchema(`
  type Query {
    person(idNumber: ID!): Person
    people(nameContains: String, ids: [ID!]): [Person]
    search(filter: Filter): [Person]
  }
  type Mutation { submit(input: Filter!): Person }
  input Filter { ownerId: ID, name: String, nested: Filter }
  type Person { idNumber: ID!, name: String, friend(idNumber: ID): Person }
`);

function keysOf(source: string, variables?: Record<string, unknown>, operationName?: string): string[] {
  const document = parse(source);
  return recordKeysOf(schema, document, getOperationAST(document, operationName)!, variables);
}

describe('recordKeysOf', () => {
  it('takes an ID argument written in the document', () => {
    expect(keysOf('{ person(idNumber: "110105194912310021") { name } }')).toEqual(['110105194912310021']);
  });

  it('takes an ID argument passed as a variable', () => {
    expect(keysOf('query($id: ID!) { person(idNumber: $id) { name } }', { id: '110105194912310021' })).toEqual(['110105194912310021']);
  });

  it("takes a variable's default value when the variable is not given", () => {
    expect(keysOf('query($id: ID = "p-1") { person(idNumber: $id) { name } }', {})).toEqual(['p-1']);
  });

  it('takes every item of an ID list', () => {
    expect(keysOf('query($ids: [ID!]) { people(ids: $ids) { name } }', { ids: ['b', 'a'] })).toEqual(['a', 'b']);
  });

  it('takes ID fields of input objects, nested ones included', () => {
    expect(keysOf('mutation($input: Filter!) { submit(input: $input) { name } }', { input: { ownerId: 'o-1', name: 'x', nested: { ownerId: 'o-2' } } })).toEqual(['o-1', 'o-2']);
  });

  it('ignores arguments that are not IDs', () => {
    expect(keysOf('{ people(nameContains: "13812345678") { name } }')).toEqual([]);
  });

  it('takes ID arguments of nested fields and of fragments the operation uses', () => {
    expect(keysOf('{ person(idNumber: "a") { ...F } } fragment F on Person { friend(idNumber: "b") { name } }')).toEqual(['a', 'b']);
  });

  it('ignores the operations of the document that are not executed', () => {
    expect(keysOf('query A { person(idNumber: "a") { name } } query B { person(idNumber: "b") { name } }', undefined, 'B')).toEqual(['b']);
  });

  it('lists a key named twice once', () => {
    expect(keysOf('{ a: person(idNumber: "x") { name } b: person(idNumber: "x") { name } }')).toEqual(['x']);
  });
});
