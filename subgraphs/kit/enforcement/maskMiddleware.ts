import { getNamedType, isLeafType, type GraphQLSchema } from 'graphql';
import type { IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import type { MaskName, PolicySet } from '../../../policies';
import type { FieldAccess, ReaderContext } from './fieldAccess';
import { FEDERATION_INTERNALS, governedObjectTypes } from './federationInternals';
import { forbidden } from './forbidden';

/** Masks one value (`applyMask` of the policy engine). */
export type ApplyMask = (mask: MaskName, value: string) => unknown;

function masked(applyMask: ApplyMask, mask: MaskName, value: unknown, coordinate: string): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return applyMask(mask, value);
  if (Array.isArray(value)) return value.map((item) => masked(applyMask, mask, item, coordinate));
  // A value no mask can hide (a number, a boolean) is withheld rather than sent in the clear.
  throw forbidden(coordinate);
}

/**
 * Masks values in the department that owns them, so an unmasked value never leaves it
 * for a reader who may only see it masked: for each leaf field but keys, when the Access
 * for this reader and record is MASK, the resolved value is masked. For the reader's own
 * record the `own` Access applies (ALLOW: in the clear).
 */
export function maskMiddleware(schema: GraphQLSchema, policies: PolicySet, access: FieldAccess, applyMask: ApplyMask): IMiddlewareTypeMap {
  const map: IMiddlewareTypeMap = {};
  for (const type of governedObjectTypes(schema)) {
    const fields: Record<string, IMiddlewareFunction> = {};
    for (const [name, field] of Object.entries(type.getFields())) {
      const coordinate = `${type.name}.${name}`;
      if (!isLeafType(getNamedType(field.type)) || FEDERATION_INTERNALS.has(coordinate) || policies.isKeyField(coordinate)) continue;
      fields[name] = async (resolve, parent, args, context: ReaderContext, info) => {
        const value = await resolve(parent, args, context, info);
        const decided = access.of(context, type.name, coordinate, parent);
        return decided.kind === 'MASK' ? masked(applyMask, decided.mask, value, coordinate) : value;
      };
    }
    if (Object.keys(fields).length > 0) map[type.name] = fields;
  }
  return map;
}
