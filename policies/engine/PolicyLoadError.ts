import type { PolicyProblem } from './types';

/** Thrown by loadPolicySet when the policy files have problems; the last good set stays in force. */
export class PolicyLoadError extends Error {
  constructor(
    readonly problems: PolicyProblem[],
    dir: string,
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `The policies in ${dir} were not loaded (${count}; fix them and run \`npx govgraph policy check\`):\n${problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}`,
    );
    this.name = 'PolicyLoadError';
  }
}
