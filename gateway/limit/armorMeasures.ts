import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ValidationRule } from 'graphql';

/** Takes what a rule measured in one operation of the document. */
export type Measure = (value: number) => void;

/*
 * graphql-armor's rules used as measuring instruments: with a limit no operation reaches,
 * each reports what it counted per operation (`onAccept`), and `checkOperationLimits`
 * decides, so a refusal can state the measured value (the rules themselves only put it in
 * a message, and throw out of `validate`, which Apollo Server answers with HTTP 500).
 * What they count: fragments are followed (each spread counts again; a cycle ends the
 * walk), `__schema` adds no depth (introspection is governed by its own plugin).
 */
const NEVER = Number.MAX_SAFE_INTEGER;
const measuring = (measure: Measure) => ({ n: NEVER, propagateOnRejection: false, onAccept: [(_: unknown, { n }: { n: number }) => measure(n)] });

/** Fields nested in fields; fragments add no level of their own (`flattenFragments`). */
export function depthMeasure(measure: Measure): ValidationRule {
  return maxDepthRule({ ...measuring(measure), ignoreIntrospection: true, flattenFragments: true }) as unknown as ValidationRule;
}

/** Every alias counts, `__typename` ones too (armor exempts those by default; a flood of them is still a flood). */
export function aliasesMeasure(measure: Measure): ValidationRule {
  return maxAliasesRule({ ...measuring(measure), allowList: [] }) as unknown as ValidationRule;
}

/** Directives on the operation, its fields and fragments. */
export function directivesMeasure(measure: Measure): ValidationRule {
  return maxDirectivesRule(measuring(measure)) as unknown as ValidationRule;
}
