import { processExchangeIo, type ExchangeIo } from './exchange/ExchangeIo';
import { CHECK_USAGE } from './exchange/exchangeCheck';
import { DEADLETTERS_USAGE } from './exchange/deadLettersCommand';
import { LOAD_USAGE } from './exchange/loadCommand';
import { LOADS_USAGE } from './exchange/loadsCommand';
import { REPLAY_USAGE } from './exchange/replayCommand';
import { SCAFFOLD_USAGE } from './exchange/exchangeScaffold';
import { UsageError } from './parseOptions';

type Subcommand = (args: string[], io: ExchangeIo) => Promise<number>;

/**
 * The closed list of `exchange` subcommands, one file each under cli/exchange/, loaded on use;
 * an unknown one is refused with this list. A new subcommand is one entry here and its file.
 */
const SUBCOMMANDS: Record<string, { run: () => Subcommand; usage: string; summary: string }> = {
  check: {
    run: () => (require('./exchange/exchangeCheck') as typeof import('./exchange/exchangeCheck')).exchangeCheck,
    usage: CHECK_USAGE,
    summary: "each declared department's exchange.yaml against its schema, code tables and source: file:line per problem",
  },
  deadletters: {
    run: () => (require('./exchange/deadLettersCommand') as typeof import('./exchange/deadLettersCommand')).deadLettersCommand,
    usage: DEADLETTERS_USAGE,
    summary: 'the write-backs the service platform could not deliver after the set number of attempts: event id, application, department, event, attempts, last error, since',
  },
  load: {
    run: () => (require('./exchange/loadCommand') as typeof import('./exchange/loadCommand')).loadCommand,
    usage: LOAD_USAGE,
    summary: 'hands a file to a files department by hand: accepted or refused, rows loaded, rows quarantined with line and reason',
  },
  loads: {
    run: () => (require('./exchange/loadsCommand') as typeof import('./exchange/loadsCommand')).loadsCommand,
    usage: LOADS_USAGE,
    summary: "a files department's loads, newest first, with rows loaded and quarantined; with --quarantine ID, that load's quarantined lines and reasons",
  },
  replay: {
    run: () => (require('./exchange/replayCommand') as typeof import('./exchange/replayCommand')).replayCommand,
    usage: REPLAY_USAGE,
    summary: 'puts a dead write-back back in the outbox (pending, no attempts) for the running services relay to deliver again',
  },
  scaffold: {
    run: () => (require('./exchange/exchangeScaffold') as typeof import('./exchange/exchangeScaffold')).exchangeScaffold,
    usage: SCAFFOLD_USAGE,
    summary: "a starting exchange.yaml and schema.graphql from a table's own description, or from an OpenAPI document's operation",
  },
};

export function exchangeUsage(): string {
  return ['usage: govgraph exchange <subcommand> …', ...Object.entries(SUBCOMMANDS).flatMap(([name, s]) => ['', `  ${name}: ${s.summary}`, `    ${s.usage}`])].join('\n');
}

/** `govgraph exchange <subcommand> …`: tools for the people who connect departments' systems. Exit 0 fine, 1 problems, 2 a usage error. */
export async function exchangeCommand(args: string[], io: ExchangeIo = processExchangeIo()): Promise<number> {
  const [name, ...rest] = args;
  const subcommand = name && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!subcommand) throw new UsageError(`${name ? `exchange: unknown subcommand '${name}'` : 'exchange: which subcommand?'}\n${exchangeUsage()}`);
  return subcommand.run()(rest, io);
}
