import { accessKeyOf } from './accessKeyOf';
import type { CompiledField } from './compileRules';
import { ALLOW, DENY } from './compileRules';
import { compileWriteRules, type CompiledWrites } from './compileWriteRules';
import { DecisionCache } from './DecisionCache';
import { decideField } from './decideField';
import { decideWrite } from './decideWrite';
import { UNCACHED_ROOT_TYPES, type FieldRule, type Vocabulary } from './model';
import type { SupergraphFacts } from './readSupergraph';
import { DEFAULT_STATISTICS } from './resolveStatistics';
import type { CacheHint, FieldCatalogEntry, FieldDecision, PolicySet, Reader, StatisticsSettings, WriteDecision, WriteRequest } from './types';

/** Decisions kept per policy set; when full the cache is emptied and refills (reader kinds are few, so it rarely fills). */
export const DECISION_CACHE_LIMIT = 20_000;

function uncovered(coordinate: string): FieldDecision {
  // `__typename` names a record's type and nothing else; federation and clients need it everywhere.
  if (coordinate.endsWith('.__typename')) {
    return Object.freeze({ coordinate, others: ALLOW, rule: null, reason: `${coordinate} names the type of a record: always allowed` });
  }
  return Object.freeze({ coordinate, others: DENY, rule: null, reason: `no rule covers ${coordinate}: denied (fail closed)` });
}

/**
 * An immutable policy set over compiled rules, memoising decisions per coordinate and kind of
 * reader. `writes` are the compiled write rules (`compileWriteRules`), compiled here when not given.
 */
export function createPolicySet(input: {
  hash: string;
  vocabulary: Vocabulary;
  rules: FieldRule[];
  compiled: Map<string, CompiledField>;
  facts: SupergraphFacts;
  writes?: ReadonlyMap<string, CompiledWrites>;
  /** Each department's statistics settings (`resolveStatistics`); the built-in default when not given. */
  statistics?: (department: string) => StatisticsSettings;
  /**
   * Decisions remembered at most (default `DECISION_CACHE_LIMIT`); 0 for a set that walks every
   * reader class once (the officers' tools), where remembering only costs memory.
   */
  cacheLimit?: number;
}): PolicySet {
  const { compiled, facts } = input;
  const writes = input.writes ?? compileWriteRules(input.rules, facts);
  const decisions = new DecisionCache(input.cacheLimit ?? DECISION_CACHE_LIMIT);
  const keyFields = new Set(
    facts
      .governedFields()
      .filter((f) => f.isKey)
      .map((f) => f.coordinate),
  );
  const catalog: readonly FieldCatalogEntry[] = Object.freeze(
    input.rules
      .map((rule) =>
        Object.freeze({
          coordinate: rule.coordinate,
          department: rule.department,
          description: rule.description,
          sharing: rule.sharing,
          sensitivity: rule.sensitivity,
          updateCycle: rule.updateCycle,
        }),
      )
      .sort((a, b) => (a.coordinate < b.coordinate ? -1 : 1)),
  );
  // Only the tools that walk every reader class ask: written on the first question.
  let accessKeys: Map<string, string> | undefined;
  const accessKeysOf = (): Map<string, string> =>
    (accessKeys ??= new Map(input.rules.filter((rule) => compiled.has(rule.coordinate)).map((rule) => [rule.coordinate, accessKeyOf(rule)])));
  const cacheHints = new Map<string, CacheHint>();
  for (const { coordinate, typeName, file, cache } of input.rules) {
    // `uncacheableFieldRule` refuses such a setting; a set loaded with problems (`policy diff`) still never offers one.
    if (cache && !UNCACHED_ROOT_TYPES.includes(typeName))
      cacheHints.set(coordinate, Object.freeze({ maxAgeSeconds: cache.maxAgeSeconds, perReader: cache.perReader, rule: Object.freeze({ file, line: cache.line }) }));
  }

  return Object.freeze({
    hash: input.hash,
    purposes: Object.freeze([...input.vocabulary.purposes.keys()]),
    roles: Object.freeze([...input.vocabulary.roles.keys()]),
    departments: Object.freeze([...input.vocabulary.departments.keys()]),
    decide(coordinate: string, reader: Reader): FieldDecision {
      const found = decisions.get(coordinate, reader);
      if (found) return found;
      const field = compiled.get(coordinate);
      // Only coordinates of the graph are remembered: unknown ones would let callers fill the cache.
      if (!field) return uncovered(coordinate);
      const decision = decideField(field, reader);
      decisions.set(coordinate, reader, decision);
      return decision;
    },
    accessKey: (coordinate: string) => accessKeysOf().get(coordinate),
    isKeyField: (coordinate: string) => keyFields.has(coordinate),
    catalog: () => catalog.slice(),
    cacheHint: (coordinate: string) => cacheHints.get(coordinate) ?? null,
    decideWrite: (request: WriteRequest): WriteDecision => decideWrite(writes.get(request.coordinate) ?? null, request),
    statistics: input.statistics ?? (() => DEFAULT_STATISTICS),
  });
}
