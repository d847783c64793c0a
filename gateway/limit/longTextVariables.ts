import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { forEachArgument } from './forEachArgument';

interface Position {
  value: ValueNode;
  type: GraphQLInputType | undefined;
  /** At a long-text position, or inside the value given for one. */
  long: boolean;
}

/**
 * The variables of a document that feed a long-text position (`at`: `Type.field.argument`,
 * `InputType.field`): used at one, inside the value given for one, or at an argument or
 * input field whose input type holds one (`policyReview(files: $files)` feeds
 * `PolicyFileInput.content`). A variable not among them may hold no long text, wherever
 * else it is used or if it is used nowhere. One walk over the document's arguments.
 */
export function longTextVariables(schema: GraphQLSchema, document: DocumentNode, at: ReadonlySet<string>): ReadonlySet<string> {
  const feeding = new Set<string>();
  const holdsLongText = longTextTypes(schema, at);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    forEachArgument(schema, definition, (node, argument, coordinate) => {
      const pending: Position[] = [{ value: node.value, type: argument?.type, long: coordinate !== undefined && at.has(coordinate) }];
      while (pending.length > 0) {
        const { value, type, long } = pending.pop()!;
        const nullable = type && getNullableType(type);
        if (value.kind === Kind.VARIABLE) {
          if (long || (type && holdsLongText(type))) feeding.add(value.name.value);
        } else if (value.kind === Kind.LIST) {
          for (const item of value.values) pending.push({ value: item, type: isListType(nullable) ? nullable.ofType : undefined, long });
        } else if (value.kind === Kind.OBJECT) {
          const inputType = isInputObjectType(nullable) ? nullable : undefined;
          for (const field of value.fields) {
            const name = field.name.value;
            pending.push({ value: field.value, type: inputType?.getFields()[name]?.type, long: long || (inputType !== undefined && at.has(`${inputType.name}.${name}`)) });
          }
        }
      }
    });
  }
  return feeding;
}

const derived = new WeakMap<GraphQLSchema, WeakMap<ReadonlySet<string>, ReadonlySet<string>>>();

/** Whether a value of an input type can hold a long-text input field, at any depth. Derived once per schema and set of positions. */
function longTextTypes(schema: GraphQLSchema, at: ReadonlySet<string>): (type: GraphQLInputType) => boolean {
  let bySchema = derived.get(schema);
  if (!bySchema) derived.set(schema, (bySchema = new WeakMap()));
  let holding = bySchema.get(at);
  if (!holding) bySchema.set(at, (holding = holdingTypes(schema, at)));
  const found = holding;
  return (type) => found.has(getNamedType(type).name);
}

/** The input object types holding a long-text field, found by adding types until none more is found (input types may refer to one another in a cycle). */
function holdingTypes(schema: GraphQLSchema, at: ReadonlySet<string>): ReadonlySet<string> {
  const holding = new Set<string>();
  const inputTypes = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const holds = (type: GraphQLInputObjectType) =>
    Object.values(type.getFields()).some((field) => at.has(`${type.name}.${field.name}`) || holding.has(getNamedType(field.type).name));
  for (let grew = true; grew;) {
    grew = false;
    for (const type of inputTypes) {
      if (holding.has(type.name) || !holds(type)) continue;
      holding.add(type.name);
      grew = true;
    }
  }
  return holding;
}
