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
import { longTextVariables } from './longTextVariables';
import type { StringLimits } from './stringLimitsOf';

/** Refused input is a request problem (BAD_USER_INPUT), answered with 400 before any department is asked. */
export const REFUSED_INPUT_STATUS = 400;

export interface ArgumentValuesOptions {
  /** The request's variables; `{}` to check the document's literals alone. */
  variables: Readonly<Record<string, unknown>>;
  strings: StringLimits;
}

interface Pending {
  /** The argument or input field the value is given for. */
  name: string;
  type: GraphQLInputType | undefined;
  /** A literal from the document, or (not `literal`) a value from the variables. */
  value: unknown;
  literal: boolean;
  /** The longest string accepted here: the long-text limit at a long-text position and anywhere inside the value given for one. */
  maxLength: number;
  /** In a variable's default, measured where the variable is declared: the variable, whose feeding a long-text position raises `maxLength`. */
  declared?: string;
}

/**
 * Every argument value is acceptable input: no string, literal or from the variables, longer
 * than its position accepts — `strings.maxLength`, or the long-text limit at a position
 * declared to take long text (`Type.field.argument`, `InputType.field`) and inside the value
 * given for it — and every identifier with a check character — an ID number, a credit code,
 * given as a literal or a variable (or a variable's default), directly or inside input
 * objects and lists — passes its check (`identifierChecksOf`). Reports the first problem,
 * naming the argument, never the value (it may be somebody's ID number). Strings in the
 * variables are first measured apart (`longVariableString`), before any is checked as an
 * identifier. A variable's default is measured where it is declared too, against the
 * long-text limit when the variable feeds a long-text position (`longTextVariables`).
 */
export function argumentValuesRule({ variables, strings }: ArgumentValuesOptions): ValidationRule {
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    const checkAt = identifierChecksOf(schema);
    const defaults = new Map<string, ValueNode>();
    const { longText } = strings;
    const limitAt = (coordinate: string | undefined, otherwise = strings.maxLength) =>
      longText && coordinate !== undefined && longText.at.has(coordinate) ? longText.maxLength : otherwise;
    let feeding: ReadonlySet<string> | undefined;
    const feedsLongText = (variable: string) => longText !== null && (feeding ??= longTextVariables(schema, context.getDocument(), longText.at)).has(variable);
    let reported = false;
    const report = (error: ReturnType<typeof requestError>) => {
      reported = true;
      context.reportError(error);
    };
    const check = (start: Pending): void => {
      const pending = [start];
      while (pending.length > 0 && !reported) {
        const { name, type, value, literal, maxLength, declared } = pending.pop()!;
        const node = literal ? (value as ValueNode) : undefined;
        if (node?.kind === Kind.VARIABLE) {
          const variable = node.name.value;
          if (Object.hasOwn(variables, variable)) pending.push({ name, type, value: variables[variable], literal: false, maxLength });
          else if (defaults.has(variable)) pending.push({ name, type, value: defaults.get(variable), literal: true, maxLength });
          continue;
        }
        const text = node ? (node.kind === Kind.STRING ? node.value : undefined) : typeof value === 'string' ? value : undefined;
        const limit = text !== undefined && text.length > maxLength && declared !== undefined && feedsLongText(declared) ? longText!.maxLength : maxLength;
        if (text !== undefined && text.length > limit) {
          const message = `The argument \`${name}\` holds a string of ${text.length} characters; at most ${limit} are accepted.`;
          return report(limitExceeded(CODES.BAD_USER_INPUT, message, limit, text.length, { argument: name }, REFUSED_INPUT_STATUS));
        }
        const nullable = type && getNullableType(type);
        const listed = node ? (node.kind === Kind.LIST ? node.values : undefined) : Array.isArray(value) ? value : undefined;
        if (listed) {
          for (const item of listed) pending.push({ name, type: isListType(nullable) ? nullable.ofType : undefined, value: item, literal, maxLength, declared });
        } else if (node?.kind === Kind.OBJECT || (!node && value !== null && typeof value === 'object')) {
          const inputType = isInputObjectType(nullable) ? nullable : undefined;
          const fields = inputType?.getFields() ?? {};
          const entries = node?.kind === Kind.OBJECT ? node.fields.map((field) => [field.name.value, field.value] as const) : Object.entries(value as object);
          for (const [key, item] of entries)
            pending.push({ name: key, type: fields[key]?.type, value: item, literal, maxLength: limitAt(inputType && `${inputType.name}.${key}`, maxLength), declared });
        } else {
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
          const name = variable.variable.name.value;
          defaults.set(name, variable.defaultValue);
          check({ name: `$${name}`, type: undefined, value: variable.defaultValue, literal: true, maxLength: strings.maxLength, declared: name });
        }
      }
      forEachArgument(schema, definition, (node, argument, coordinate) =>
        check({ name: node.name.value, type: argument?.type, value: node.value, literal: true, maxLength: limitAt(coordinate) }),
      );
      return false;
    };
    return { OperationDefinition: walk, FragmentDefinition: walk };
  };
}
