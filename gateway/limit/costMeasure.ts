import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { Measure } from './armorMeasures';

export interface CostOptions {
  /** The request's variables, for sizes given as `first: $n`. */
  variables: Readonly<Record<string, unknown>>;
  /** The size of a list whose size nothing states. */
  defaultListSize: number;
}

const SIZE_ARGUMENTS = ['first', 'last'];
const INTROSPECTION = new Set(['__schema', '__type']);

/**
 * What an operation may cost the departments: every field selected costs 1, and a list
 * multiplies the cost of what is selected in it by its size. The size is `first` (or
 * `last`) when the field has it, as a literal or a variable, else that argument's default
 * in the schema, else `defaultListSize`. A field that takes `first` but is not a list (a
 * connection: `people(first: 100)`) gives its size to the lists directly under it
 * (`edges`). Introspection (`__schema`, `__type`) costs 1 whatever it selects: it reads
 * the schema, not the departments.
 */
export function costMeasure(measure: Measure, { variables, defaultListSize }: CostOptions): ValidationRule {
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    const variableDefaults = new Map<string, ValueNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const variable of definition.variableDefinitions ?? []) {
        if (variable.defaultValue) variableDefaults.set(variable.variable.name.value, variable.defaultValue);
      }
    }
    const sizeOf = (value: ValueNode): number | undefined => {
      if (value.kind === Kind.INT) return Number(value.value);
      if (value.kind !== Kind.VARIABLE) return undefined;
      const name = value.name.value;
      if (typeof variables[name] === 'number') return variables[name] as number;
      const fallback = variableDefaults.get(name);
      return fallback ? sizeOf(fallback) : undefined;
    };
    const statedSize = (node: FieldNode, field: GraphQLField<unknown, unknown> | undefined): number | undefined => {
      for (const argument of node.arguments ?? []) {
        if (!SIZE_ARGUMENTS.includes(argument.name.value)) continue;
        const size = sizeOf(argument.value);
        if (size !== undefined && Number.isFinite(size)) return Math.max(0, Math.ceil(size));
      }
      const fallback = field?.args.find((arg) => SIZE_ARGUMENTS.includes(arg.name) && typeof arg.defaultValue === 'number');
      return fallback?.defaultValue as number | undefined;
    };

    const fragmentCosts = new Map<string, number>();
    const entered = new Set<string>();
    const selectionsCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, givenSize: number | undefined): number => {
      let cost = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) cost += fieldCost(selection, parent, givenSize);
        else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          cost += selectionsCost(selection.selectionSet, condition ?? undefined, givenSize);
        } else cost += fragmentCost(selection.name.value, givenSize);
      }
      return cost;
    };
    const fieldCost = (node: FieldNode, parent: GraphQLNamedType | undefined, givenSize: number | undefined): number => {
      if (!node.selectionSet || INTROSPECTION.has(node.name.value)) return 1;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
      const size = statedSize(node, field);
      const type = field ? getNamedType(field.type) : undefined;
      if (field && isListType(getNullableType(field.type))) return 1 + (size ?? givenSize ?? defaultListSize) * selectionsCost(node.selectionSet, type, undefined);
      return 1 + selectionsCost(node.selectionSet, type, size);
    };
    const fragmentCost = (name: string, givenSize: number | undefined): number => {
      const key = `${name}:${givenSize}`;
      const known = fragmentCosts.get(key);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      // An unknown fragment or a cycle adds nothing here; validation refuses both.
      if (!fragment || entered.has(key)) return 0;
      entered.add(key);
      const cost = selectionsCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, givenSize);
      fragmentCosts.set(key, cost);
      return cost;
    };

    return {
      OperationDefinition(operation) {
        measure(selectionsCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, undefined));
        return false;
      },
    };
  };
}
