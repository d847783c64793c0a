import { getNamedType, isObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { IDENTIFIER_CHECKS, type IdentifierCheck } from '../../schema/contracts/identifiers';

/** Which check an argument or input field of this name and type must pass; undefined when none. */
export type IdentifierCheckAt = (name: string, type: GraphQLInputType) => IdentifierCheck | undefined;

const ID_TYPES = new Set(['ID', 'String']);
const derived = new WeakMap<GraphQLSchema, IdentifierCheckAt>();

/**
 * The identifier positions of a schema, derived from it rather than listed by hand: an
 * identifier with a check character (`IDENTIFIER_CHECKS`) that some type of the graph holds
 * as an `ID` field (`Person.idNumber`, `Enterprise.creditCode`, the entity keys) is checked
 * in every `ID` or `String` argument and input field that names it: `person(idNumber:)`,
 * `enterprise(creditCode:)`, `SubmitApplicationInput.applicantIdNumber`. Derived once per
 * schema.
 */
export function identifierChecksOf(schema: GraphQLSchema): IdentifierCheckAt {
  let checkAt = derived.get(schema);
  if (!checkAt) {
    const held = new Map<string, IdentifierCheck>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const check = Object.hasOwn(IDENTIFIER_CHECKS, field.name) ? IDENTIFIER_CHECKS[field.name] : undefined;
        if (check && getNamedType(field.type).name === 'ID') held.set(field.name, check);
      }
    }
    const suffixes = [...held].map(([name, check]) => [name, name[0].toUpperCase() + name.slice(1), check] as const);
    checkAt = (name, type) => {
      if (!ID_TYPES.has(getNamedType(type).name)) return undefined;
      return suffixes.find(([key, suffix]) => name === key || name.endsWith(suffix))?.[2];
    };
    derived.set(schema, checkAt);
  }
  return checkAt;
}
