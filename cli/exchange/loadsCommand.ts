import { listLoads, quarantineOf } from '../../exchange/files';
import { numberOption, parseOptions, UsageError } from '../parseOptions';
import { processIo, textTable, type PolicyIo } from '../policy/policyIo';
import { openFilesDepartment } from './openFilesDepartment';
import { readFilesDeclaration, type ReadDeclaration } from './readFilesDeclaration';

const USAGE = 'usage: govgraph exchange loads NAME [--load ID] [-n N] [--json]';

export interface LoadsOptions {
  department: string;
  /** Show one load's quarantined rows (file, line, reason) instead of the list. */
  load: number | null;
  limit: number;
  json: boolean;
}

/**
 * `govgraph exchange loads NAME`: the files a department was sent, newest first, with rows
 * loaded and quarantined, accepted or refused and why, and which load readers are served
 * (`*`). `--load ID` lists one load's quarantined rows by line and reason; the rows' text
 * stays in the department's database (it holds personal data).
 */
export async function loadsCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: PolicyIo = processIo(),
  readDeclaration: ReadDeclaration = readFilesDeclaration(),
): Promise<number> {
  const { values, positionals } = parseOptions(args, { load: { type: 'string' }, n: { type: 'string', short: 'n' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const load = values.load === undefined ? null : numberOption(values.load, 'load', 0);
  if (load !== null && !(Number.isInteger(load) && load > 0)) throw new UsageError('--load takes a load id (a whole number)');
  return exchangeLoads({ department: positionals[0], load, limit: numberOption(values.n, 'n', 50), json: values.json ?? false }, env, io, readDeclaration);
}

/** `exchange loads` with its arguments parsed. */
export async function exchangeLoads(options: LoadsOptions, env: NodeJS.ProcessEnv, io: PolicyIo, readDeclaration: ReadDeclaration): Promise<number> {
  const opened = await openFilesDepartment(options.department, readDeclaration, env, io.cwd, true);
  if (!opened) {
    if (options.json) io.out('[]');
    else io.out(`${options.department}: no load is recorded (the department has not started yet).`);
    return 0;
  }
  try {
    const db = opened.database.db;
    if (options.load !== null) {
      const quarantine = await quarantineOf(db, options.load);
      if (options.json) io.out(JSON.stringify(quarantine, null, 2));
      else if (quarantine.length === 0) io.out(`Load ${options.load} of ${options.department} quarantined no row.`);
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
