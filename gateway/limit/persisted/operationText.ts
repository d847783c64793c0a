import { createHash } from 'node:crypto';
import { Kind, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The text that identifies one operation of a document, whatever else the document holds and
 * however it was spaced: the operation and the fragments it uses (transitively), in document
 * order, as graphql-js prints them. A file with one operation and its fragments prints to
 * what most clients send for it.
 */
export function operationText(document: DocumentNode, operation: OperationDefinitionNode): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const used = new Set<string>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name) || !fragments.has(name)) return;
        used.add(name);
        collect(fragments.get(name)!);
      },
    });
  collect(operation);
  const definitions = document.definitions.filter((d) => d === operation || (d.kind === Kind.FRAGMENT_DEFINITION && used.has(d.name.value)));
  return print({ kind: Kind.DOCUMENT, definitions });
}

/** sha256, lowercase hex: how automatic persisted queries hash a query's text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
