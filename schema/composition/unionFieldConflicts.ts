import { Supergraph } from '@apollo/federation-internals';
import { isInterfaceType, isLeafType, isListType, isNonNullType, isUnionType, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';

/**
 * True when two fields of the same name, on different object types, cannot be selected
 * together (graphql-js's rule for overlapping fields in mutually exclusive parents): list
 * and non-null wrappers must match, and leaf types must be the same.
 */
function shapesConflict(a: GraphQLOutputType, b: GraphQLOutputType): boolean {
  if (isListType(a) || isListType(b)) return !(isListType(a) && isListType(b)) || shapesConflict(a.ofType, b.ofType);
  if (isNonNullType(a) || isNonNullType(b)) return !(isNonNullType(a) && isNonNullType(b)) || shapesConflict(a.ofType, b.ofType);
  if (isLeafType(a) || isLeafType(b)) return a !== b;
  return false;
}

/**
 * Fields that the members of one union (or the implementations of one interface) declare
 * under the same name with types a client cannot select together: a query with
 * `... on Person { name } ... on Enterprise { name }` is refused ("fields conflict") when one
 * is `String` and the other `String!`. Departments own the member types, so composition
 * accepts this; the graph's clients cannot live with it. One message per conflict.
 */
export function unionFieldConflicts(supergraphSdl: string): string[] {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    let members: readonly GraphQLObjectType[];
    if (isUnionType(type)) members = type.getTypes();
    else if (isInterfaceType(type)) members = schema.getPossibleTypes(type);
    else continue;
    const seen = new Map<string, { member: GraphQLObjectType; type: GraphQLOutputType }>();
    const reported = new Set<string>();
    for (const member of members) {
      for (const field of Object.values(member.getFields())) {
        const first = seen.get(field.name);
        if (!first) {
          seen.set(field.name, { member, type: field.type });
        } else if (!reported.has(field.name) && shapesConflict(first.type, field.type)) {
          reported.add(field.name);
          problems.push(
            `${type.name}: ${first.member.name}.${field.name} is ${String(first.type)} but ${member.name}.${field.name} is ${String(field.type)}; a client selecting both in one query is refused (fields conflict): give them the same type`,
          );
        }
      }
    }
  }
  return problems;
}
