import { getNamedType, type GraphQLSchema } from 'graphql';
import type { IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import type { FieldAccess, ReaderContext } from './fieldAccess';
import { governedObjectTypes } from './federationInternals';

function eachRecord(value: unknown, visit: (record: unknown) => void): void {
  if (Array.isArray(value)) value.forEach((item) => eachRecord(item, visit));
  else visit(value);
}

/**
 * For fields that return records of an `inheritOwner` type (`Application.events`),
 * records each returned record's owner: the owner of the record it was reached from.
 */
export function inheritOwnerMiddleware(schema: GraphQLSchema, access: FieldAccess): IMiddlewareTypeMap {
  const map: IMiddlewareTypeMap = {};
  for (const type of governedObjectTypes(schema)) {
    const fields: Record<string, IMiddlewareFunction> = {};
    for (const [name, field] of Object.entries(type.getFields())) {
      if (!access.inherits(getNamedType(field.type).name)) continue;
      fields[name] = async (resolve, parent, args, context: ReaderContext, info) => {
        const value = await resolve(parent, args, context, info);
        eachRecord(value, (record) => access.inherit(context, type.name, parent, record));
        return value;
      };
    }
    if (Object.keys(fields).length > 0) map[type.name] = fields;
  }
  return map;
}
