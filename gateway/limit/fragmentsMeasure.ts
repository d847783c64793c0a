import { Kind, type ExecutableDefinitionNode, type SelectionNode, type ValidationRule } from 'graphql';
import type { Measure } from './armorMeasures';

/**
 * The fragments a definition writes: each spread and each inline fragment where it stands,
 * and the definition itself when it is a fragment. Fragments add nothing the other measures
 * count (no depth, no cost), yet every one is work for validation and planning: a thousand
 * nested inline fragments, or five hundred fragments spread side by side, cost the gateway
 * more than a hundred milliseconds each. Counted as written, not as expanded (the other
 * measures count expansions); reported once per definition, for the document's sum.
 */
export function fragmentsMeasure(measure: Measure): ValidationRule {
  const count = (definition: ExecutableDefinitionNode): number => {
    let fragments = definition.kind === Kind.FRAGMENT_DEFINITION ? 1 : 0;
    // A stack of its own: fragments nest a thousand deep within the token limit.
    const pending: SelectionNode[] = [...definition.selectionSet.selections];
    for (let selection = pending.pop(); selection; selection = pending.pop()) {
      if (selection.kind !== Kind.FIELD) fragments++;
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) pending.push(...selection.selectionSet.selections);
    }
    return fragments;
  };
  return () => ({
    OperationDefinition(definition) {
      measure(count(definition));
      return false;
    },
    FragmentDefinition(definition) {
      measure(count(definition));
      return false;
    },
  });
}
