import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { listLoads, quarantineOf, type FilesTables, type LoadSummary } from '../../exchange/files';
import { numberOption, parseOptions, UsageError } from '../parseOptions';
import type { ExchangeIo } from './ExchangeIo';
import { openFilesDepartment } from './openFilesDepartment';

export const LOAD_USAGE = 'govgraph exchange load NAME FILE [--wait SECONDS] [--timeout SECONDS] [--json]';
/** Quarantined rows printed under the outcome; the rest are one `exchange loads NAME --quarantine ID` away. */
const SHOWN_QUARANTINE = 20;

export interface LoadOptions {
  department: string;
  file: string;
  /** How long a running department has to take the file from its inbox before the command loads it itself (default 5 s). */
  waitSeconds: number;
  /** How long to wait in all for the load to be recorded (default 120 s). */
  timeoutSeconds: number;
  json: boolean;
}

/**
 * `govgraph exchange load NAME FILE`: loads a file by hand, the way a department's exchange
 * delivers one. The file is copied into the department's inbox (written under a temporary
 * name, then renamed, as a sender must); a running department takes it at once. If nobody
 * has taken it after `--wait` seconds, the command loads it itself, straight into the
 * department's database, where a running department's next lookup reads it (a claim is a
 * rename, so of the two only one ever loads it). Either way it prints the recorded outcome:
 * rows loaded and quarantined (line and reason), or why the file was refused. Exit code 0
 * when accepted, 1 when refused.
 */
export async function loadCommand(args: string[], io: ExchangeIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { wait: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 2) throw new UsageError(`usage: ${LOAD_USAGE}`);
  return exchangeLoad(
    {
      department: positionals[0],
      file: path.resolve(positionals[1]),
      waitSeconds: numberOption(values.wait, 'wait', 5),
      timeoutSeconds: numberOption(values.timeout, 'timeout', 120),
      json: values.json ?? false,
    },
    io,
  );
}

/** `exchange load` with its arguments parsed. */
export async function exchangeLoad(options: LoadOptions, io: ExchangeIo): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(options.file);
  } catch (error) {
    throw new UsageError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const opened = (await openFilesDepartment(options.department, io.env))!;
  try {
    const { source, database } = opened;
    const { inbox } = source.folders;
    const name = path.basename(options.file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const since = (await listLoads(database.db, { limit: 1 }))[0]?.id ?? 0;
    fs.mkdirSync(inbox, { recursive: true });
    const target = path.join(inbox, name);
    if (fs.existsSync(target)) {
      io.err(`A file named ${name} already waits in ${inbox}; nothing was copied.`);
      return 1;
    }
    const temporary = path.join(inbox, `.${name}.${process.pid}.part`);
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);

    const started = Date.now();
    for (;;) {
      const recorded = (await listLoads(database.db, { limit: 20 })).find((load) => load.id > since && load.file === name && load.sha256 === sha256);
      if (recorded) return await report(recorded, options, database.db, io);
      const waited = (Date.now() - started) / 1000;
      if (waited >= options.waitSeconds && fs.existsSync(target)) {
        await source.loadWaiting();
        const failure = await source.problem();
        if (failure) throw new Error(`${options.department}: ${failure}`);
        continue;
      }
      if (waited >= options.timeoutSeconds) {
        io.err(`${name} was ${fs.existsSync(target) ? 'not taken from' : 'taken from'} ${inbox}, but no load of it was recorded within ${options.timeoutSeconds} s.`);
        return 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await opened.close();
  }
}

async function report(load: LoadSummary, options: LoadOptions, db: Kysely<FilesTables>, io: ExchangeIo): Promise<number> {
  const quarantine = await quarantineOf(db, load.id);
  if (options.json) {
    io.out(JSON.stringify({ department: options.department, load, quarantine }, null, 2));
  } else {
    const counts = `${load.rowsLoaded} row(s) loaded, ${load.rowsQuarantined} quarantined`;
    io.out(
      load.outcome === 'accepted'
        ? `${options.department}: ${load.file} → dataset ${load.dataset}, load ${load.id}: accepted, ${counts}${load.current ? '; now served' : ''}.`
        : `${options.department}: ${load.file} → load ${load.id}: refused (${load.reason}); ${load.dataset ? `dataset ${load.dataset} keeps serving its previous version` : 'nothing changed'}.`,
    );
    for (const entry of quarantine.slice(0, SHOWN_QUARANTINE)) io.out(`  line ${entry.line}: ${entry.reason}`);
    if (quarantine.length > SHOWN_QUARANTINE) io.out(`  … ${quarantine.length - SHOWN_QUARANTINE} more: govgraph exchange loads ${options.department} --quarantine ${load.id}`);
    if (load.storedAs) io.out(`The file is kept as ${load.storedAs}.`);
  }
  return load.outcome === 'accepted' ? 0 : 1;
}
