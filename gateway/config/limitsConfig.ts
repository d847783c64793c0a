import { z } from 'zod';
import { envBoolean, envList, envNumber, envNumberMap, positiveInt, type Env } from './envReaders';

/** `Type.field.argument` (a field's argument) or `InputType.field` (an input object's field). */
const ARGUMENT_COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)?$/;

/** The arguments and input fields that take long text out of the box: a GraphQL document to explain, a whole policy file. */
export const LONG_TEXT_ARGUMENTS: readonly string[] = ['Query.explainMyAccess.query', 'Query.explainAccess.query', 'PolicyFileInput.content'];

/**
 * Operation limits (stage 2), checked before planning. Each has a default a real frontend
 * stays far below; an operator raises one deliberately.
 */
export const limitsConfig = z.object({
  maxDepth: positiveInt.default(10),
  maxAliases: positiveInt.default(30),
  maxRootFields: positiveInt.default(20),
  maxDirectives: positiveInt.default(50),
  /** Fragment definitions, spreads and inline fragments one document writes. */
  maxFragments: positiveInt.default(100),
  maxTokens: positiveInt.default(5000),
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: positiveInt.default(256 * 1024),
  /** Several operations in one HTTP request (a JSON array); off by default. */
  batching: z.boolean().default(false),
  /** Longest string accepted in an argument or a variable, in characters. */
  maxStringLength: positiveInt.default(1000),
  /**
   * The arguments and input fields (schema coordinates) whose strings may be as long as
   * `maxLongTextLength`; every other string keeps `maxStringLength`. A coordinate the graph
   * does not have allows nothing.
   */
  longTextArguments: z
    .array(z.string().regex(ARGUMENT_COORDINATE, { message: 'each entry is `Type.field.argument` or `InputType.field`' }))
    .default(() => [...LONG_TEXT_ARGUMENTS]),
  /**
   * Longest string accepted at a `longTextArguments` position, in characters (never less than
   * `maxStringLength`); the request body limit bounds it anyway.
   */
  maxLongTextLength: positiveInt.default(200_000),
  cost: z
    .object({
      /** The size assumed for a list nothing sizes: no `first`, and no default for it in the schema. */
      defaultListSize: positiveInt.default(20),
      /**
       * The cost budget per role: a reader gets the largest of their roles' budgets,
       * `default` for a role not named, `anonymous` without a token (the smallest).
       *
       * Calibrated on the queries the tests and the benchmark send (every field costs 1, a
       * list multiplies what it holds; see gateway/limit/costMeasure.ts):
       * - anonymous 1,000: public reads, such as the service items (101 with five fields) or
       *   a full page of 100 enterprises with eight fields each (902), but no page of 100
       *   with a list inside (at least 100 × 20 = 2,000).
       * - default 10,000: the largest staff query is the benchmark's pick of an application
       *   (`people(first: 100) { edges { node { applications { id status enterprise {
       *   creditCode } } } } }`: 8,202); the review query costs 240, a page of 100 licenses
       *   with their holders 1,302. A page of 100 with one nested list fits; with two
       *   (`applications { events { stage } }` under it: 42,202) it does not, nor does the
       *   caseworker's twelve-fold `applications { applicant { … } }` under
       *   `people(first: 100)` (8.6 × 10^17), which its depth (28) stops first anyway.
       */
      budgets: z
        .record(z.string(), positiveInt)
        .default({ anonymous: 1000, default: 10000 })
        .refine((budgets) => budgets.anonymous !== undefined && budgets.default !== undefined, {
          message: 'the cost budgets need `anonymous` and `default` (e.g. anonymous=1000,default=10000)',
        })
        .refine((budgets) => Object.values(budgets).every((budget) => budget >= budgets.anonymous), {
          message: 'the `anonymous` cost budget must be the smallest: a token never buys less than no token',
        }),
    })
    .prefault({}),
});

export type LimitsConfig = z.infer<typeof limitsConfig>;

export const LIMITS_ENV = {
  maxDepth: 'GOVGRAPH_MAX_DEPTH',
  maxAliases: 'GOVGRAPH_MAX_ALIASES',
  maxRootFields: 'GOVGRAPH_MAX_ROOT_FIELDS',
  maxDirectives: 'GOVGRAPH_MAX_DIRECTIVES',
  maxFragments: 'GOVGRAPH_MAX_FRAGMENTS',
  maxTokens: 'GOVGRAPH_MAX_TOKENS',
  maxBodyBytes: 'GOVGRAPH_MAX_BODY_BYTES',
  batching: 'GOVGRAPH_BATCHING',
  maxStringLength: 'GOVGRAPH_MAX_STRING_LENGTH',
  longTextArguments: 'GOVGRAPH_LONG_TEXT_ARGUMENTS',
  maxLongTextLength: 'GOVGRAPH_MAX_LONG_TEXT_LENGTH',
  'cost.defaultListSize': 'GOVGRAPH_COST_DEFAULT_LIST_SIZE',
  'cost.budgets': 'GOVGRAPH_COST_BUDGETS',
} as const;

export function limitsFromEnv(env: Env): unknown {
  return {
    maxDepth: envNumber(env, LIMITS_ENV.maxDepth),
    maxAliases: envNumber(env, LIMITS_ENV.maxAliases),
    maxRootFields: envNumber(env, LIMITS_ENV.maxRootFields),
    maxDirectives: envNumber(env, LIMITS_ENV.maxDirectives),
    maxFragments: envNumber(env, LIMITS_ENV.maxFragments),
    maxTokens: envNumber(env, LIMITS_ENV.maxTokens),
    maxBodyBytes: envNumber(env, LIMITS_ENV.maxBodyBytes),
    batching: envBoolean(env, LIMITS_ENV.batching),
    maxStringLength: envNumber(env, LIMITS_ENV.maxStringLength),
    longTextArguments: envList(env, LIMITS_ENV.longTextArguments),
    maxLongTextLength: envNumber(env, LIMITS_ENV.maxLongTextLength),
    cost: {
      defaultListSize: envNumber(env, LIMITS_ENV['cost.defaultListSize']),
      budgets: envNumberMap(env, LIMITS_ENV['cost.budgets']),
    },
  };
}
