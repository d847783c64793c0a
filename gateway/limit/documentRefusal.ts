import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { LimitsConfig } from '../config';
import { argumentValuesRule } from './argumentValuesRule';
import { aliasesMeasure, depthMeasure, directivesMeasure } from './armorMeasures';
import { costMeasure } from './costMeasure';
import { fragmentsMeasure } from './fragmentsMeasure';
import { limitExceeded } from './limitExceeded';
import { rootFieldsMeasure } from './rootFieldsMeasure';
import { runDefinitionRules } from './runDefinitionRules';
import { stringLimitsOf } from './stringLimitsOf';
import { CODES } from '../../schema/contracts/errorCodes';

/**
 * Why no reader may run this document, whatever the variables; null when that is not so.
 * Every operation in it stays within the depth, alias, root-field and directive limits, the
 * document within the fragment limit (definitions, spreads and inline fragments as written), and
 * within the largest cost budget of any role (sizes given as variables count at their
 * defaults); its strings within the length limit (the long-text limit at a position declared
 * to take long text); its literal identifiers well-formed.
 * Depends on the document alone, so a refusal holds for every later request with the same
 * text. The shape rules run side by side over the document's definitions (`runDefinitionRules`),
 * then, for a document within them, cost and argument values; the first limit exceeded is
 * reported, in this order.
 */
export function documentRefusal(schema: GraphQLSchema, document: DocumentNode, limits: LimitsConfig): GraphQLError | null {
  const measured = { depth: 0, aliases: 0, rootFields: 0, directives: 0, fragments: 0, cost: 0 };
  const keepMax = (key: keyof typeof measured) => (value: number) => void (measured[key] = Math.max(measured[key], value));
  const addUp = (key: keyof typeof measured) => (value: number) => void (measured[key] += value);
  // The document's shape first: a flood of aliases or fragments is refused without the cost and value walks.
  runDefinitionRules(schema, document, [
    depthMeasure(keepMax('depth')),
    aliasesMeasure(keepMax('aliases')),
    rootFieldsMeasure(keepMax('rootFields')),
    directivesMeasure(keepMax('directives')),
    fragmentsMeasure(addUp('fragments')),
  ]);
  const { depth, aliases, rootFields, directives, fragments } = measured;
  if (depth > limits.maxDepth)
    return limitExceeded(CODES.MAX_DEPTH_EXCEEDED, `The operation nests fields ${depth} deep; at most ${limits.maxDepth} levels are allowed.`, limits.maxDepth, depth);
  if (aliases > limits.maxAliases)
    return limitExceeded(CODES.MAX_ALIASES_EXCEEDED, `The operation has ${aliases} aliases; at most ${limits.maxAliases} are allowed.`, limits.maxAliases, aliases);
  if (rootFields > limits.maxRootFields)
    return limitExceeded(
      CODES.MAX_ROOT_FIELDS_EXCEEDED,
      `The operation selects ${rootFields} root fields; at most ${limits.maxRootFields} are allowed.`,
      limits.maxRootFields,
      rootFields,
    );
  if (directives > limits.maxDirectives)
    return limitExceeded(
      CODES.MAX_DIRECTIVES_EXCEEDED,
      `The operation has ${directives} directives; at most ${limits.maxDirectives} are allowed.`,
      limits.maxDirectives,
      directives,
    );
  if (fragments > limits.maxFragments)
    return limitExceeded(
      CODES.MAX_FRAGMENTS_EXCEEDED,
      `The document writes ${fragments} fragments (definitions, spreads and inline fragments); at most ${limits.maxFragments} are allowed.`,
      limits.maxFragments,
      fragments,
    );
  const inputErrors = runDefinitionRules(schema, document, [
    costMeasure(keepMax('cost'), { variables: {}, defaultListSize: limits.cost.defaultListSize }),
    argumentValuesRule({ variables: {}, strings: stringLimitsOf(limits) }),
  ]);
  const largestBudget = Math.max(...Object.values(limits.cost.budgets));
  const { cost } = measured;
  if (cost > largestBudget)
    return limitExceeded(
      CODES.COST_LIMIT_EXCEEDED,
      `The operation would cost ${cost}; no reader's budget is larger than ${largestBudget}. Ask for smaller pages (\`first\`) or fewer nested lists.`,
      largestBudget,
      cost,
    );
  return inputErrors[0] ?? null;
}
