import { replayWriteBack } from '../../subgraphs/services/writeBack/deadLetters';
import { parseOptions, UsageError } from '../parseOptions';
import { openDeadLettersDatabase, outboxError } from './deadLettersDatabase';
import type { ExchangeIo } from './ExchangeIo';

export const REPLAY_USAGE = 'govgraph exchange replay ID';

/**
 * `govgraph exchange replay ID`: a dead write-back back in the outbox, pending with no attempts,
 * for the running services relay to deliver again (the owning department applies an event id
 * once). Exit 1 for an id that is unknown or not dead.
 */
export async function replayCommand(args: string[], io: ExchangeIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals.length !== 1) throw new UsageError(`usage: ${REPLAY_USAGE}`);
  const [id] = positionals;
  const database = await openDeadLettersDatabase(io.env);
  if (!database) {
    io.err(`There is no write-back ${id}: the services department has not started yet.`);
    return 1;
  }
  try {
    let result;
    try {
      result = await replayWriteBack(database.db, id);
    } catch (error) {
      io.err(outboxError(error));
      return 1;
    }
    if (result.kind === 'unknown') {
      io.err(`There is no write-back ${id} (govgraph exchange deadletters lists the dead ones).`);
      return 1;
    }
    if (result.kind === 'not-dead') {
      io.err(`Write-back ${id} is ${result.state}, not dead: only a dead write-back is replayed.`);
      return 1;
    }
    const { writeBack } = result;
    io.out(
      `Replayed ${writeBack.eventId} (application ${writeBack.applicationId}, ${writeBack.department}, ${writeBack.event}): pending again with 0 attempts.` +
        ` The running services relay delivers it again (it looks every GOVGRAPH_WRITE_BACK_IDLE_POLL_MS, 30 s by default, when it has nothing pending).`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
