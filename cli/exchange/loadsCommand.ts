import { listLoads, quarantineOf } from '../../exchange/files';
import { numberOption, parseOptions, UsageError } from '../parseOptions';
import { textTable } from '../policy/policyIo';
import type { ExchangeIo } from './ExchangeIo';
import { openFilesDepartment } from './openFilesDepartment';

export const LOADS_USAGE = 'govgraph exchange loads NAME [--limit N] [--quarantine ID] [--json]';

export interface LoadsOptions {
  department: string;
  /** Show one load's quarantined rows (file, line, reason) instead of the list. */
  quarantine: number | null;
  limit: number;
  json: boolean;
}

/**
 * `govgraph exchange loads NAME`: the files a department was sent, newest first, with rows
 * loaded and quarantined, accepted or refused and why, and which load readers are served
 * (`*`). `--quarantine ID` lists one load's quarantined rows by line and reason, never their
 * values: the rows' text stays in the department's database (it holds personal data).
 */
export async function loadsCommand(args: string[], io: ExchangeIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { quarantine: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError(`usage: ${LOADS_USAGE}`);
  const quarantine = values.quarantine === undefined ? null : numberOption(values.quarantine, 'quarantine', 0);
  if (quarantine !== null && !(Number.isInteger(quarantine) && quarantine > 0)) throw new UsageError('--quarantine takes a load id (a whole number)');
  const limit = numberOption(values.limit, 'limit', 50);
  if (!(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit takes a whole number of loads');
  return exchangeLoads({ department: positionals[0], quarantine, limit, json: values.json ?? false }, io);
}

/** `exchange loads` with its arguments parsed. */
export async function exchangeLoads(options: LoadsOptions, io: ExchangeIo): Promise<number> {
  const opened = await openFilesDepartment(options.department, io.env, true);
  if (!opened) {
    if (options.json) io.out('[]');
    else io.out(`${options.department}: no load is recorded (the department has not started yet).`);
    return 0;
  }
  try {
    const db = opened.database.db;
    if (options.quarantine !== null) {
      const known = await db
        .selectFrom('files_loads')
        .select('id')
        .where('id', '=', options.quarantine)
        .executeTakeFirst()
        .catch(() => undefined);
      if (!known) {
        io.err(`${options.department} has no load ${options.quarantine} (govgraph exchange loads ${options.department} lists them).`);
        return 1;
      }
      const quarantine = await quarantineOf(db, options.quarantine);
      if (options.json) io.out(JSON.stringify(quarantine, null, 2));
      else if (quarantine.length === 0) io.out(`Load ${options.quarantine} of ${options.department} quarantined no row.`);
      else io.out(textTable([['FILE', 'LINE', 'REASON'], ...quarantine.map((q) => [q.file, String(q.line), q.reason])]).join('\n'));
      return 0;
    }
    const loads = await listLoads(db, { limit: options.limit });
    if (options.json) io.out(JSON.stringify(loads, null, 2));
    else if (loads.length === 0) io.out(`${options.department}: no load is recorded yet.`);
    else
      io.out(
        textTable([
          ['ID', 'DATASET', 'FILE', 'LOADED AT', 'OUTCOME', 'ROWS', 'QUARANTINED', 'NOTE'],
          ...loads.map((l) => [
            `${l.current ? '*' : ' '}${l.id}`,
            l.dataset ?? '-',
            l.file,
            l.loadedAt,
            l.outcome,
            String(l.rowsLoaded),
            String(l.rowsQuarantined),
            l.reason ?? (l.current ? 'served now' : ''),
          ]),
        ]).join('\n'),
      );
    return 0;
  } finally {
    await opened.close();
  }
}
