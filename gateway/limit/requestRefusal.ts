import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import type { LimitsConfig } from '../config';
import { argumentValuesRule } from './argumentValuesRule';
import { costMeasure } from './costMeasure';
import { limitExceeded } from './limitExceeded';
import { longVariableString } from './longVariableString';
import { runDefinitionRules } from './runDefinitionRules';
import { CODES } from '../../schema/contracts/errorCodes';

export interface OperationRequest {
  variables: Readonly<Record<string, unknown>>;
  /** The reader's cost budget (`budgetOf`). */
  budget: number;
}

/**
 * Why this reader may not run this document with these variables; null when they may.
 * Its cost (sizes given as variables at their values) within the reader's budget, no
 * string in the variables over the length limit, every identifier they give well-formed.
 * Checked on every request, including those whose document Apollo Server has cached; the
 * document itself has passed `documentRefusal`, so without variables its literals need no
 * second look.
 */
export function requestRefusal(schema: GraphQLSchema, document: DocumentNode, { variables, budget }: OperationRequest, limits: LimitsConfig): GraphQLError | null {
  const longString = longVariableString(variables, limits.maxStringLength);
  if (longString) return longString;
  let cost = 0;
  const rules: ValidationRule[] = [costMeasure((value) => void (cost = Math.max(cost, value)), { variables, defaultListSize: limits.cost.defaultListSize })];
  if (Object.keys(variables).length > 0) rules.push(argumentValuesRule({ variables, maxStringLength: limits.maxStringLength }));
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
