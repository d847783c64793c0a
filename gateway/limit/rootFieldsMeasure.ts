import { Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { Measure } from './armorMeasures';

/**
 * The fields an operation selects at its root, through inline fragments and fragment
 * spreads too (a fragment counts each time it is spread); `__typename` counts. Each root
 * field is a plan of its own, so their number, not their names, is what costs.
 */
export function rootFieldsMeasure(measure: Measure): ValidationRule {
  return (context: ValidationContext) => {
    const fragmentCounts = new Map<string, number>();
    const entered = new Set<string>();
    const count = (selectionSet: SelectionSetNode): number => {
      let fields = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) fields += 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT) fields += count(selection.selectionSet);
        else fields += fragmentCount(selection.name.value);
      }
      return fields;
    };
    const fragmentCount = (name: string): number => {
      const known = fragmentCounts.get(name);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      // An unknown fragment or a cycle adds nothing here; validation refuses both.
      if (!fragment || entered.has(name)) return 0;
      entered.add(name);
      const fields = count(fragment.selectionSet);
      fragmentCounts.set(name, fields);
      return fields;
    };
    return {
      OperationDefinition(operation) {
        measure(count(operation.selectionSet));
        return false;
      },
    };
  };
}
