import type { ExchangeProblem } from '../ExchangeSource';

/** A declaration that cannot be served: every problem found, each as `file:line: message`. */
export class DeclarationError extends Error {
  constructor(readonly problems: readonly ExchangeProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`The exchange declaration has ${count} (fix them and run \`npx govgraph exchange check\`):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'DeclarationError';
  }
}

export function formatProblem(problem: ExchangeProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
