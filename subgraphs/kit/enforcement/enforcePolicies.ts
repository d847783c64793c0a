import { isObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareTypeMap } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import type { PolicySet } from '../../../policies';
import type { OwnerOf } from '../defineDepartment';
import type { DisclosureCollector } from '../disclosures/DisclosureCollector';
import { createFieldAccess } from './fieldAccess';
import { forbidden } from './forbidden';
import { guardFields } from './guardFields';
import { inheritOwnerMiddleware } from './inheritOwnerMiddleware';
import { maskMiddleware, type ApplyMask } from './maskMiddleware';
import { policyRules } from './policyRules';
import { reattachResolveReference } from './reattachResolveReference';

export interface EnforcePoliciesOptions {
  /** The policy set in force; read once per request (a reload swaps what this returns). */
  policies: () => PolicySet;
  owners: Record<string, OwnerOf>;
  applyMask: ApplyMask;
  /** The department's resolvers, whose `__resolveReference`s must survive the wrapping. */
  resolvers: Record<string, any>;
  /** The disclosure log, fed with every record a value is served of (inside the shield). */
  disclosures?: DisclosureCollector;
}

/**
 * The subgraph's own enforcement of the policies, built once at start: graphql-shield
 * rules compiled from the same PolicySet the gateway uses (deny what no rule allows),
 * then masking of values before they leave the department.
 */
export function enforcePolicies(schema: GraphQLSchema, options: EnforcePoliciesOptions): GraphQLSchema {
  for (const typeName of Object.keys(options.owners)) {
    // A misspelt type would silently make its `self` rules never match.
    if (!isObjectType(schema.getType(typeName))) {
      throw new Error(`owners.${typeName}: the subgraph schema has no object type ${typeName}; fix the department's owners`);
    }
  }
  const policies = options.policies();
  const access = createFieldAccess(options.policies, options.owners);
  const tree = policyRules(schema, policies, access);
  const rules = shield(tree, {
    // Only fields the tree does not name fall back, and there are none: deny keeps it so.
    fallbackRule: deny,
    // A rule that throws (an owner function failing) denies too, naming the field.
    fallbackError: (_thrown, _parent, _args, _context, info) => forbidden(`${info.parentType.name}.${info.fieldName}`),
    // Resolver errors (BAD_USER_INPUT, INVALID_TRANSITION…) keep their codes.
    allowExternalErrors: true,
  });
  const guarded = guardFields(schema, {
    rules: tree,
    shield: rules.generate(schema) as IMiddlewareTypeMap,
    inheritOwner: inheritOwnerMiddleware(schema, access),
    mask: maskMiddleware(schema, policies, access, options.applyMask),
    access,
    disclosures: options.disclosures,
  });
  const shielded = applyMiddleware(schema, guarded);
  reattachResolveReference(schema, shielded, options.resolvers);
  return shielded;
}
