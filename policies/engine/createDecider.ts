import type { CompiledField } from './compileRules';
import { decideField } from './decideField';
import type { FieldDecision, PolicySet, Reader } from './types';

/** What `policy diff` asks of a policy set: a decision per coordinate and reader. `PolicySet` is one. */
export interface Decider {
  decide(coordinate: string, reader: Reader): FieldDecision;
  /** As `PolicySet.accessKey`: two deciders that give a coordinate the same key give every reader the same access to it. */
  accessKey?(coordinate: string): string | undefined;
}

/**
 * `PolicySet.decide` without its memo, for a tool that asks about each coordinate and
 * kind of reader once (`policy diff`: about 180,000 questions), where filling and emptying
 * the memo costs ten times the deciding. The same `decideField`; a coordinate without a
 * rule is answered by the policy set itself.
 */
export function createDecider(policies: PolicySet, compiled: ReadonlyMap<string, CompiledField>): Decider {
  return {
    decide(coordinate, reader) {
      const field = compiled.get(coordinate);
      return field ? decideField(field, reader) : policies.decide(coordinate, reader);
    },
    accessKey: (coordinate) => policies.accessKey?.(coordinate),
  };
}
