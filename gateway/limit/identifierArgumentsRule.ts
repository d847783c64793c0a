import {
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  type GraphQLInputType,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { requestError } from '../../schema/errorCodes';
import { identifierChecksOf } from './identifierChecksOf';
import { REFUSED_INPUT_STATUS } from './stringLengthRule';

interface Pending {
  name: string;
  type: GraphQLInputType;
  /** A literal from the document, or a value from the variables. */
  value: ValueNode | unknown;
  literal: boolean;
}

/**
 * Every identifier argument is well-formed: an ID number or a credit code — a literal or a
 * variable, given directly or inside an input object or list — passes its check character
 * (`identifierChecksOf`). Reports the first malformed one, naming the argument, never the
 * value (it may be somebody's ID number).
 */
export function identifierArgumentsRule(variables: Readonly<Record<string, unknown>>): ValidationRule {
  return (context: ValidationContext) => {
    const checkAt = identifierChecksOf(context.getSchema());
    let reported = false;
    const check = (start: Pending): void => {
      const pending = [start];
      while (pending.length > 0 && !reported) {
        const { name, type, value, literal } = pending.pop()!;
        const node = literal ? (value as ValueNode) : undefined;
        if (node?.kind === Kind.VARIABLE) {
          if (Object.hasOwn(variables, node.name.value)) pending.push({ name, type, value: variables[node.name.value], literal: false });
          continue;
        }
        const nullable = getNullableType(type);
        if (isListType(nullable)) {
          const items = node ? (node.kind === Kind.LIST ? node.values : [node]) : Array.isArray(value) ? value : [value];
          for (const item of items) pending.push({ name, type: nullable.ofType, value: item, literal });
        } else if (isInputObjectType(nullable)) {
          const fields = nullable.getFields();
          if (node?.kind === Kind.OBJECT) {
            for (const field of node.fields) if (fields[field.name.value]) pending.push({ name: field.name.value, type: fields[field.name.value].type, value: field.value, literal });
          } else if (!node && value !== null && typeof value === 'object') {
            for (const [key, item] of Object.entries(value)) if (fields[key]) pending.push({ name: key, type: fields[key].type, value: item, literal });
          }
        } else {
          const text = node ? (node.kind === Kind.STRING ? node.value : undefined) : typeof value === 'string' ? value : undefined;
          const identifier = text === undefined ? undefined : checkAt(name, type);
          if (identifier && !identifier.isValid(text!)) {
            reported = true;
            context.reportError(
              requestError('BAD_USER_INPUT', `The argument \`${name}\` is not a valid ${identifier.kind}.`, {
                argument: name,
                http: { status: REFUSED_INPUT_STATUS },
              }),
            );
          }
        }
      }
    };
    return {
      Argument(node) {
        const argument = context.getArgument();
        if (argument) check({ name: argument.name, type: argument.type, value: node.value, literal: true });
        return false;
      },
    };
  };
}
