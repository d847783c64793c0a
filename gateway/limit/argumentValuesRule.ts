import {
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  type ExecutableDefinitionNode,
  type GraphQLInputType,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { CODES, requestError } from '../../schema/contracts/errorCodes';
import { forEachArgument } from './forEachArgument';
import { identifierChecksOf } from './identifierChecksOf';
import { limitExceeded } from './limitExceeded';

/** Refused input is a request problem (BAD_USER_INPUT), answered with 400 before any department is asked. */
export const REFUSED_INPUT_STATUS = 400;

export interface ArgumentValuesOptions {
  /** The request's variables; `{}` to check the document's literals alone. */
  variables: Readonly<Record<string, unknown>>;
  maxStringLength: number;
}

interface Pending {
  /** The argument or input field the value is given for. */
  name: string;
  type: GraphQLInputType | undefined;
  /** A literal from the document, or (not `literal`) a value from the variables. */
  value: unknown;
  literal: boolean;
}

/**
 * Every argument value is acceptable input: no string literal longer than `maxStringLength`,
 * and every identifier with a check character — an ID number, a credit code, given as a
 * literal or a variable (or a variable's default), directly or inside input objects and
 * lists — passes its check (`identifierChecksOf`). Reports the first problem, naming the
 * argument, never the value (it may be somebody's ID number). Strings in the variables are
 * measured apart (`longVariableString`), before any is checked as an identifier.
 */
export function argumentValuesRule({ variables, maxStringLength }: ArgumentValuesOptions): ValidationRule {
  return (context: ValidationContext) => {
    const checkAt = identifierChecksOf(context.getSchema());
    const defaults = new Map<string, ValueNode>();
    let reported = false;
    const report = (error: ReturnType<typeof requestError>) => {
      reported = true;
      context.reportError(error);
    };
    const check = (start: Pending): void => {
      const pending = [start];
      while (pending.length > 0 && !reported) {
        const { name, type, value, literal } = pending.pop()!;
        const node = literal ? (value as ValueNode) : undefined;
        if (node?.kind === Kind.VARIABLE) {
          const variable = node.name.value;
          if (Object.hasOwn(variables, variable)) pending.push({ name, type, value: variables[variable], literal: false });
          else if (defaults.has(variable)) pending.push({ name, type, value: defaults.get(variable), literal: true });
          continue;
        }
        if (node?.kind === Kind.STRING && node.value.length > maxStringLength) {
          const message = `The argument \`${name}\` holds a string of ${node.value.length} characters; at most ${maxStringLength} are accepted.`;
          return report(limitExceeded(CODES.BAD_USER_INPUT, message, maxStringLength, node.value.length, { argument: name }, REFUSED_INPUT_STATUS));
        }
        const nullable = type && getNullableType(type);
        const listed = node ? (node.kind === Kind.LIST ? node.values : undefined) : Array.isArray(value) ? value : undefined;
        if (listed) {
          for (const item of listed) pending.push({ name, type: isListType(nullable) ? nullable.ofType : undefined, value: item, literal });
        } else if (node?.kind === Kind.OBJECT || (!node && value !== null && typeof value === 'object')) {
          const fields = isInputObjectType(nullable) ? nullable.getFields() : {};
          const entries = node?.kind === Kind.OBJECT ? node.fields.map((field) => [field.name.value, field.value] as const) : Object.entries(value as object);
          for (const [key, item] of entries) pending.push({ name: key, type: fields[key]?.type, value: item, literal });
        } else {
          const text = node ? (node.kind === Kind.STRING ? node.value : undefined) : typeof value === 'string' ? value : undefined;
          const identifier = text !== undefined && type ? checkAt(name, type) : undefined;
          if (identifier && !identifier.isValid(text!)) {
            report(requestError(CODES.BAD_USER_INPUT, `The argument \`${name}\` is not a valid ${identifier.kind}.`, { argument: name, http: { status: REFUSED_INPUT_STATUS } }));
          }
        }
      }
    };
    const walk = (definition: ExecutableDefinitionNode) => {
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        for (const variable of definition.variableDefinitions ?? []) {
          if (!variable.defaultValue) continue;
          defaults.set(variable.variable.name.value, variable.defaultValue);
          check({ name: `$${variable.variable.name.value}`, type: undefined, value: variable.defaultValue, literal: true });
        }
      }
      forEachArgument(context.getSchema(), definition, (node, argument) => check({ name: node.name.value, type: argument?.type, value: node.value, literal: true }));
      return false;
    };
    return { OperationDefinition: walk, FragmentDefinition: walk };
  };
}
