import { CompositionError } from '../schema/composition/composeSupergraph';
import { UsageError } from './parseOptions';

type Command = (args: string[]) => Promise<number>;

/** The closed list of commands, loaded on use; an unknown one is refused with this list. */
export const COMMANDS: Record<string, { run: () => Command; summary: string }> = {
  start: {
    run: () => (require('./startCommand') as typeof import('./startCommand')).startCommand,
    summary: 'start every department and the gateway (seeds on first start)  [--scale N] [--seed S]',
  },
  gateway: {
    run: () => (require('./gatewayCommand') as typeof import('./gatewayCommand')).gatewayCommand,
    summary: 'the gateway alone, over subgraphs running elsewhere (any federation v2 supergraph); settings from the environment  [--supergraph FILE] [--policies DIR] [--port N]',
  },
  compose: {
    run: () => (require('./composeCommand') as typeof import('./composeCommand')).composeCommand,
    summary:
      'compose department SDLs into schema/composition/supergraph.graphql, or the subgraphs of another graph into FILE  [--check] [--subgraphs FILE.json --out FILE [--introspect]]',
  },
  keys: {
    run: () => (require('./keysCommand') as typeof import('./keysCommand')).keysCommand,
    summary: 'development key files: rotate (a new gateway signing key; the previous one stays published until the next rotation)',
  },
  token: {
    run: () => (require('./tokenCommand') as typeof import('./tokenCommand')).tokenCommand,
    summary: 'print a development JWT the started gateway accepts  --sub S --roles r1,r2 [--dept D] --clearance N [--ttl 1h]',
  },
  seed: {
    run: () => (require('./seedCommand') as typeof import('./seedCommand')).seedCommand,
    summary: 'replace department data with a deterministic seed  [--scale N] [--seed S] [--department NAME]',
  },
  policy: {
    run: () => (require('./policy/policyCommand') as typeof import('./policy/policyCommand')).policyCommand,
    summary: 'policy check | explain | diff | matrix | publish | scaffold: validate, explain, compare, print, publish and scaffold the access policies',
  },
  catalog: {
    run: () => (require('./catalogCommand') as typeof import('./catalogCommand')).catalogCommand,
    summary: 'the data catalog: every field with code, provider, sharing type, who may read  [--format md|csv|json] [--out FILE]',
  },
  audit: {
    run: () => (require('./auditCommand') as typeof import('./auditCommand')).auditCommand,
    summary: 'audit log: verify [--dir D] [--from FILE|DATE] | tail [-n N] [--follow] | query --since ISO [--subject ID] [--purpose P] [--coordinate C]',
  },
  exchange: {
    run: () => (require('./exchangeCommand') as typeof import('./exchangeCommand')).exchangeCommand,
    summary:
      'declared departments over their own systems: check [NAME…] | scaffold --sql URL --table T, --openapi FILE --operation ID | load NAME FILE | loads NAME (govgraph exchange for each)',
  },
  operations: {
    run: () => (require('./operationsCommand') as typeof import('./operationsCommand')).operationsCommand,
    summary: 'the operations a safelisting gateway runs: register FILE… | list  [--redis URL] [--json]',
  },
};

function usage(): string {
  return ['usage: govgraph <command> [options]', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)].join('\n');
}

export function main(argv: string[]): void {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name && name !== '--help' ? `Unknown command '${name}'.\n\n${usage()}` : usage());
    process.exitCode = name && name !== '--help' ? 2 : 0;
    return;
  }
  Promise.resolve()
    .then(() => command.run()(args))
    .then(
      (code) => {
        process.exit(code);
      },
      (error: unknown) => {
        if (error instanceof UsageError) console.error(`${error.message}\n\n${usage()}`);
        else if (error instanceof CompositionError) console.error(error.message);
        else console.error(`govgraph ${name}: ${(error as Error).message}`);
        process.exit(error instanceof UsageError ? 2 : 1);
      },
    );
}
