import { listDeadWriteBacks } from '../../subgraphs/services/writeBack/deadLetters';
import { numberOption, parseOptions, UsageError } from '../parseOptions';
import { textTable } from '../policy/policyIo';
import { openDeadLettersDatabase, outboxError } from './deadLettersDatabase';
import type { ExchangeIo } from './ExchangeIo';

export const DEADLETTERS_USAGE = 'govgraph exchange deadletters [--limit N] [--json]';

/**
 * `govgraph exchange deadletters`: the write-backs the service platform could not deliver after
 * the set number of attempts, oldest first: event id, application, owning department, event,
 * attempts, last error and since when. `govgraph exchange replay ID` delivers one again.
 * Reads the services department's own database (`SERVICES_DATABASE_URL`, `DATABASE_URL`, else
 * its SQLite file under `GOVGRAPH_DATA_DIR` or `.data`).
 */
export async function deadLettersCommand(args: string[], io: ExchangeIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { limit: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 0) throw new UsageError(`usage: ${DEADLETTERS_USAGE}`);
  const limit = numberOption(values.limit, 'limit', 100);
  if (!(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit takes a whole number of write-backs');
  const json = values.json ?? false;
  const database = await openDeadLettersDatabase(io.env);
  if (!database) {
    io.out(json ? '[]' : 'No dead write-back: the services department has not started yet.');
    return 0;
  }
  try {
    let dead;
    try {
      dead = await listDeadWriteBacks(database.db, limit);
    } catch (error) {
      io.err(outboxError(error));
      return 1;
    }
    if (json) io.out(JSON.stringify(dead, null, 2));
    else if (dead.length === 0) io.out('No dead write-back.');
    else {
      io.out(
        textTable([
          ['EVENT ID', 'APPLICATION', 'DEPARTMENT', 'EVENT', 'ATTEMPTS', 'SINCE', 'LAST ERROR'],
          ...dead.map((d) => [d.eventId, d.applicationId, d.department, d.event, String(d.attempts), d.since, d.lastError ?? '']),
        ]).join('\n'),
      );
      io.out(`${dead.length} dead write-back(s); deliver one again with: govgraph exchange replay EVENT_ID`);
    }
    return 0;
  } finally {
    await database.close();
  }
}
