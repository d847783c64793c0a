import { createHash } from 'node:crypto';
import { OperationFileError, operationsOfSource } from '../../gateway/limit/persisted';

/** How a `.graphql` file becomes registered operations: one per operation, with its fragments, by the sha256 of its text. */
const FILE = `
# the review screen
query Review($id: ID!) { application(id: $id) { ...Parts status } }
query Items { serviceItems { name } }
fragment Parts on Application { id item { name } }
fragment Unused on Application { id }
`;

describe('operations of a .graphql file', () => {
  it('two operations → two entries, named', () => {
    expect(operationsOfSource(FILE, 'review.graphql').map((o) => o.name)).toEqual(['Review', 'Items']);
  });

  it('an operation → its text holds the fragments it uses and no others', () => {
    const [review] = operationsOfSource(FILE, 'review.graphql');
    expect(review.text).toBe(
      'query Review($id: ID!) {\n  application(id: $id) {\n    ...Parts\n    status\n  }\n}\n\nfragment Parts on Application {\n  id\n  item {\n    name\n  }\n}',
    );
  });

  it('an operation → stored by the sha256 of its text, as automatic persisted queries hash it', () => {
    const [, items] = operationsOfSource(FILE, 'review.graphql');
    expect(items.hash).toBe(createHash('sha256').update(items.text).digest('hex'));
  });

  it('the same operation spaced and commented differently → the same hash', () => {
    const [, items] = operationsOfSource(FILE, 'a.graphql');
    const [again] = operationsOfSource('query   Items {\n  # names only\n  serviceItems { name }\n}', 'b.graphql');
    expect(again.hash).toBe(items.hash);
  });

  it('an anonymous operation alone → registered without a name', () => {
    expect(operationsOfSource('{ serviceItems { name } }', 'a.graphql').map((o) => o.name)).toEqual([null]);
  });

  it('a syntax error → refused, naming the file and line', () => {
    expect(() => operationsOfSource('query A {\n  serviceItems {\n', 'broken.graphql')).toThrow(
      new OperationFileError('broken.graphql:3: Syntax Error: Expected Name, found <EOF>.'),
    );
  });

  it('only fragments → refused: nothing to register', () => {
    expect(() => operationsOfSource('fragment F on Query { serviceItems { name } }', 'f.graphql')).toThrow(/f\.graphql: no operation/);
  });
});
