import { UsageError } from '../parseOptions';
import { policyCheck } from './policyCheck';
import { processIo, type PolicyIo } from './policyIo';
import { CHECK_USAGE, DIFF_USAGE, EXPLAIN_USAGE, MATRIX_USAGE, PUBLISH_USAGE, SCAFFOLD_USAGE } from './policyUsages';

type Subcommand = (args: string[], io: PolicyIo) => Promise<number>;

/** The closed list of `policy` subcommands, loaded on use; an unknown one is refused with this list. */
const SUBCOMMANDS: Record<string, { run: () => Subcommand; usage: string; summary: string }> = {
  check: { run: () => policyCheck, usage: CHECK_USAGE, summary: 'validate the policy files against the supergraph' },
  explain: {
    run: () => (require('./policyExplainCommand') as typeof import('./policyExplainCommand')).policyExplainCommand,
    usage: EXPLAIN_USAGE,
    summary: 'what the gateway decides for each field of a query, for one reader and purpose, and why',
  },
  diff: {
    run: () => (require('./policyDiffCommand') as typeof import('./policyDiffCommand')).policyDiffCommand,
    usage: DIFF_USAGE,
    summary: 'how access changes between two policy sets (directories or git revisions)',
  },
  matrix: {
    run: () => (require('./policyMatrixCommand') as typeof import('./policyMatrixCommand')).policyMatrixCommand,
    usage: MATRIX_USAGE,
    summary: 'the whole access matrix: every field × each role',
  },
  publish: {
    run: () => (require('./policyPublishCommand') as typeof import('./policyPublishCommand')).policyPublishCommand,
    usage: PUBLISH_USAGE,
    summary: 'check the policy files, then publish them through Redis to every gateway and department',
  },
  scaffold: {
    run: () => (require('./policyScaffoldCommand') as typeof import('./policyScaffoldCommand')).policyScaffoldCommand,
    usage: SCAFFOLD_USAGE,
    summary: 'write a starting policy folder for any supergraph: every field denied (or public), ready to fill in',
  },
};

export function policyUsage(): string {
  return [
    'usage: govgraph policy <subcommand> …',
    ...Object.entries(SUBCOMMANDS).flatMap(([name, s]) => ['', `  ${name}: ${s.summary}`, `    ${s.usage.split('\n').join('\n    ')}`]),
  ].join('\n');
}

/**
 * `govgraph policy <check|explain|diff|matrix|publish|scaffold> …`: the security officers' tools. Exit
 * codes: 0 fine, 1 the policies (or the input) have problems, or (publish) Redis is unreachable, 2 a usage error
 * (or, scaffold, an --out folder that is not empty), 3 (diff) access widens.
 */
export async function policyCommand(args: string[], io: PolicyIo = processIo()): Promise<number> {
  const [name, ...rest] = args;
  const subcommand = name && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!subcommand) throw new UsageError(`${name ? `policy: unknown subcommand '${name}'` : 'policy: which subcommand?'}\n${policyUsage()}`);
  return subcommand.run()(rest, io);
}
