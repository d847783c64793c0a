import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { IMiddlewareFieldMap, IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import { allow, type IRules } from 'graphql-shield';
import type { FieldAccess, ReaderContext } from './fieldAccess';
import type { DisclosureCollector } from '../disclosures/DisclosureCollector';

type Resolve = (parent: unknown, args: any, context: any, info: GraphQLResolveInfo) => unknown;
/** A graphql-middleware field middleware (its own type insists on a Promise, which is the cost avoided here). */
type IMiddlewareResolver = (resolve: Resolve, parent: unknown, args: any, context: any, info: GraphQLResolveInfo) => unknown;

export interface GuardFieldsOptions {
  /** The rule tree the shield was built from (`policyRules`). */
  rules: IRules;
  /** What `shield(rules, …).generate(schema)` made of it: one middleware per field of every object type. */
  shield: IMiddlewareTypeMap;
  /** Records owners for fields returning `inheritOwner` records; runs inside the shield, on every record. */
  inheritOwner: IMiddlewareTypeMap;
  /** Masks values; runs innermost. A no-op when the Access is ALLOW. */
  mask: IMiddlewareTypeMap;
  access: FieldAccess;
  /** The disclosure log: notes each record a value is resolved of, inside the shield (a denied field discloses nothing). */
  disclosures?: DisclosureCollector;
}

function resolverOf(middleware: IMiddlewareFunction): IMiddlewareResolver {
  const resolver = typeof middleware === 'function' ? middleware : middleware.resolve;
  if (!resolver) throw new Error('graphql-shield generated a field middleware without a resolver');
  return resolver as IMiddlewareResolver;
}

function fieldMiddlewareOf(map: IMiddlewareTypeMap, typeName: string, fieldName: string): IMiddlewareResolver | undefined {
  const fields = map[typeName] as IMiddlewareFieldMap | undefined;
  const middleware = fields?.[fieldName];
  return middleware ? resolverOf(middleware) : undefined;
}

/** `outer` around `inner`: what graphql-middleware does for two layers, without a second layer. */
function around(outer: IMiddlewareResolver, inner: IMiddlewareResolver): IMiddlewareResolver {
  return (resolve, parent, args, context, info) => outer((p, a, c, i) => inner(resolve, p, a, c, i), parent, args, context, info);
}

/**
 * The subgraph's field enforcement as ONE middleware layer: for every field, the
 * graphql-shield middleware (the gate: fallback deny, FORBIDDEN) around the inner
 * middlewares that field needs (disclosure log, inheritOwner, mask). Separate layers would
 * wrap every field several times and make every scalar asynchronous; this is where the
 * cost of enforcement was.
 *
 * Two shortcuts, each returning exactly what the shield would:
 *   - a field whose rule is `allow` (federation internals, entity keys) and which no inner
 *     middleware names is left unwrapped: the shield would only call its resolver;
 *   - a policy field the reader may read in the clear whoever owns the record
 *     (`FieldAccess.allowsWhoeverOwns`: the decision is taken once per request and
 *     coordinate) resolves directly (noted in the disclosure log first): its rule would
 *     return true and the mask would leave the value alone. Every other answer (MASK, DENY, a `self` rule that makes a
 *     difference, a failing owner lookup, an inheritOwner field) goes through the shield
 *     per record, as before.
 * Fields the rule tree does not name keep the bare shield middleware (its fallback: deny).
 */
export function guardFields(schema: GraphQLSchema, options: GuardFieldsOptions): IMiddlewareTypeMap {
  const { rules, shield, inheritOwner, mask, access, disclosures } = options;
  const tree = rules as Record<string, Record<string, unknown> | undefined>;
  const guarded: Record<string, Record<string, IMiddlewareResolver>> = {};
  for (const [typeName, shieldFields] of Object.entries(shield)) {
    if (typeof shieldFields === 'function' || 'resolve' in shieldFields || !schema.getType(typeName)) {
      throw new Error(`graphql-shield generated middleware for ${typeName} that is not a field map`);
    }
    const fields: Record<string, IMiddlewareResolver> = {};
    for (const fieldName of Object.keys(shieldFields)) {
      const coordinate = `${typeName}.${fieldName}`;
      const inheriting = fieldMiddlewareOf(inheritOwner, typeName, fieldName);
      const masking = fieldMiddlewareOf(mask, typeName, fieldName);
      const disclosing = disclosures?.discloses(typeName, fieldName);
      const rule = tree[typeName]?.[fieldName];
      if (rule === allow && !inheriting && !masking && !disclosing) continue;
      const noteDisclosure: IMiddlewareResolver | undefined = disclosing
        ? (resolve, parent, args, context: ReaderContext, info) => {
            disclosures!.note(context, typeName, fieldName, parent, info, access.of(context, typeName, coordinate, parent).kind === 'MASK');
            return resolve(parent, args, context, info);
          }
        : undefined;
      // Order matters: the shield runs first, so a denied field is never resolved, logged or masked.
      const layers = [resolverOf((shieldFields as IMiddlewareFieldMap)[fieldName]), noteDisclosure, inheriting, masking].filter((m): m is IMiddlewareResolver => m !== undefined);
      const chain = layers.reduceRight((innerMost, outer) => around(outer, innerMost));
      // Only a rule policyRules made for the field may be short-cut, and never around inheritOwner.
      if (rule === undefined || rule === allow || inheriting) {
        fields[fieldName] = chain;
        continue;
      }
      fields[fieldName] = (resolve, parent, args, context: ReaderContext | null, info) => {
        if (context === null || typeof context !== 'object' || !access.allowsWhoeverOwns(context, typeName, coordinate, parent)) return chain(resolve, parent, args, context, info);
        if (disclosing) disclosures!.note(context, typeName, fieldName, parent, info, false);
        return resolve(parent, args, context, info);
      };
    }
    if (Object.keys(fields).length > 0) guarded[typeName] = fields;
  }
  return guarded as IMiddlewareTypeMap;
}
