import type { GraphQLSchema } from 'graphql';
import { allow, rule, type and, type IRules } from 'graphql-shield';
import type { PolicySet } from '../../../policies';
import type { FieldAccess, ReaderContext } from './fieldAccess';
import { FEDERATION_INTERNALS, governedObjectTypes } from './federationInternals';
import { forbidden } from './forbidden';

/** graphql-shield does not export its rule type by name. */
type ShieldRule = Parameters<typeof and>[number];

/**
 * The graphql-shield rule tree for one subgraph, one rule per field:
 *   - federation internals and entity key fields: allowed (departments exchange keys to
 *     join records; the gateway applies the keys' own policy to what the client sees);
 *   - every other field: what the policies give this reader for this record. ALLOW and
 *     MASK let the field resolve (the mask middleware masks it); DENY resolves it to
 *     FORBIDDEN. A `self` rule (`own`) applies when the record's owner is the reader.
 *
 * Rules are not cached by shield: the answer depends on the record (`self`), and the
 * per-coordinate decision is already memoised per request in FieldAccess.
 */
export function policyRules(schema: GraphQLSchema, policies: PolicySet, access: FieldAccess): IRules {
  const tree: Record<string, Record<string, ShieldRule>> = {};
  for (const type of governedObjectTypes(schema)) {
    const fields: Record<string, ShieldRule> = {};
    for (const field of Object.keys(type.getFields())) {
      const coordinate = `${type.name}.${field}`;
      if (FEDERATION_INTERNALS.has(coordinate) || policies.isKeyField(coordinate)) {
        fields[field] = allow;
        continue;
      }
      fields[field] = rule(coordinate, { cache: 'no_cache' })((parent: unknown, _args: unknown, context: ReaderContext) =>
        access.of(context, type.name, coordinate, parent).kind === 'DENY' ? forbidden(coordinate, access.whyNotGranted(context, type.name, coordinate, parent)) : true,
      );
    }
    tree[type.name] = fields;
  }
  return tree;
}
