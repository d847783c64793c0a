import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import type { LimitsConfig } from '../config';
import { argumentValuesRule } from './argumentValuesRule';
import { costMeasure } from './costMeasure';
import { limitExceeded } from './limitExceeded';
import { longTextVariables } from './longTextVariables';
import { longVariableString } from './longVariableString';
import { runDefinitionRules } from './runDefinitionRules';
import { stringLimitsOf } from './stringLimitsOf';
import { CODES } from '../../schema/contracts/errorCodes';

export interface OperationRequest {
  variables: Readonly<Record<string, unknown>>;
  /** The reader's cost budget (`budgetOf`). */
  budget: number;
}

/**
 * Why this reader may not run this document with these variables; null when they may.
 * Its cost (sizes given as variables at their values) within the reader's budget, no
 * string in the variables over the length limit where it is used (the long-text limit at a
 * position declared to take long text), every identifier they give well-formed.
 * Checked on every request, including those whose document Apollo Server has cached; the
 * document itself has passed `documentRefusal`, so without variables its literals need no
 * second look.
 */
export function requestRefusal(schema: GraphQLSchema, document: DocumentNode, { variables, budget }: OperationRequest, limits: LimitsConfig): GraphQLError | null {
  const strings = stringLimitsOf(limits);
  const { longText } = strings;
  let feeding: ReadonlySet<string> | undefined;
  const longString = longVariableString(
    variables,
    strings.maxLength,
    longText && { maxLength: longText.maxLength, variables: () => (feeding ??= longTextVariables(schema, document, longText.at)) },
  );
  if (longString) return longString;
  let cost = 0;
  const rules: ValidationRule[] = [costMeasure((value) => void (cost = Math.max(cost, value)), { variables, defaultListSize: limits.cost.defaultListSize })];
  if (Object.keys(variables).length > 0) rules.push(argumentValuesRule({ variables, strings }));
  const [malformed] = runDefinitionRules(schema, document, rules);
  if (cost > budget)
    return limitExceeded(
      CODES.COST_LIMIT_EXCEEDED,
      `The operation would cost ${cost}; this reader's budget is ${budget}. Ask for smaller pages (\`first\`) or fewer nested lists.`,
      budget,
      cost,
    );
  return malformed ?? null;
}
