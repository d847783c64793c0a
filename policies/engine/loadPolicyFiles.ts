import { checkPolicyFiles } from './checkPolicyFiles';
import { compileRules } from './compileRules';
import { compileWriteRules, type CompiledWrites } from './compileWriteRules';
import { createDecider, type Decider } from './createDecider';
import { createPolicySet } from './createPolicySet';
import { hashPolicyFiles } from './hashPolicyFiles';
import type { Vocabulary } from './model';
import type { PolicyFileText } from './readPolicyDir';
import { readSupergraph } from './readSupergraph';
import { resolveStatistics } from './resolveStatistics';
import type { PolicyProblem, PolicySet } from './types';

/** The `.yaml` files of a policy directory as read from anywhere: a directory, a git revision. */
export interface PolicyFiles {
  files: PolicyFileText[];
  /** `.yml` files, which are not read (reported as problems). */
  misnamed: string[];
}

export type LoadedPolicies =
  | {
      /**
       * When there are problems the set holds only the rules that resolved: every other
       * field is denied (fail closed), as a field with no rule is. Only a set without
       * problems may be enforced.
       */
      policies: PolicySet;
      /** The same decisions without the memo, for asking about every reader class once. */
      decider: Decider;
      vocabulary: Vocabulary;
      /** Each covered field's write rules, as `policies.decideWrite` decides by them (explain, matrix, diff). */
      writes: ReadonlyMap<string, CompiledWrites>;
      /** Sorted by file and line; [] when `loadPolicySet` would load these files. */
      problems: PolicyProblem[];
    }
  /** No usable vocabulary: nothing can be decided. */
  | { policies: null; decider: null; vocabulary: null; writes: null; problems: PolicyProblem[] };

/**
 * `loadPolicySet`'s pipeline (check → compile → create) over files read from anywhere, and
 * without throwing: `policy diff` reads the old side from git, and may compare policies
 * written for an older supergraph.
 */
export function loadPolicyFiles({ files, misnamed }: PolicyFiles, supergraphSdl: string): LoadedPolicies {
  const facts = readSupergraph(supergraphSdl);
  const { vocabulary, models, rules, problems } = checkPolicyFiles(files, misnamed, facts);
  if (!vocabulary) return { policies: null, decider: null, vocabulary: null, writes: null, problems };
  const compiled = compileRules(rules);
  const writes = compileWriteRules(rules, facts);
  const policies = createPolicySet({ hash: hashPolicyFiles(files), vocabulary, rules, compiled, facts, writes, cacheLimit: 0, statistics: resolveStatistics(models) });
  return { policies, decider: createDecider(policies, compiled), vocabulary, writes, problems };
}
