import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, type FieldNode, type FragmentSpreadNode, type InlineFragmentNode } from 'graphql';

/**
 * Whether a selection is executed with these (coerced) variables: not `@skip(if: true)`,
 * not `@include(if: false)`, exactly as graphql-js decides during execution.
 */
export function isIncluded(node: FieldNode | FragmentSpreadNode | InlineFragmentNode, variables: Record<string, unknown>): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  return true;
}
