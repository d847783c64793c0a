import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { FilesTables } from './filesTables';
import { PullFailure, pullSftp, type PullOutcome } from './pullSftp';
import type { ReadPull } from './readPullSettings';

export interface SftpPullerOptions {
  department: string;
  pull: ReadPull;
  db: Kysely<FilesTables>;
  inbox: string;
  settleMs: number;
  log: Logger;
  /** Called after a pull that took files, before the pull counts as done: the source loads them. */
  onPulled: () => Promise<unknown>;
}

/** What /health shows of the pull: where from, when, and why it failed; never a user's password or key. */
export interface PullDetails {
  from: string | null;
  everySeconds: number | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** How many files the last successful pull took. */
  lastPulled: number | null;
  failure: string | null;
}

/** Pulls from an SFTP server on a schedule, one pull at a time. */
export interface SftpPuller {
  /** Pulls now, then every `everySeconds`, until `close`. */
  start(): void;
  /** Pulls now (or joins the pull under way); null when it failed or cannot run (see `problem`). */
  pull(): Promise<PullOutcome | null>;
  /** Why the latest pull failed, or why none can run, until one succeeds. */
  problem(): string | null;
  details(): PullDetails;
  /** Stops the schedule and waits for a pull under way. */
  close(): Promise<void>;
}

/**
 * The schedule around `pullSftp`: pulls never overlap (a tick while one runs is skipped), a
 * failure is logged once until it changes and is kept for `problem()` until a pull succeeds,
 * and the files already loaded keep serving meanwhile.
 */
export function createSftpPuller(options: SftpPullerOptions): SftpPuller {
  const { settings, missing } = options.pull;
  const log = options.log.child({ department: options.department, from: settings?.origin });
  let running: Promise<PullOutcome | null> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let failure: string | null = null;
  let lastAttemptAt: string | null = null;
  let lastSuccessAt: string | null = null;
  let lastPulled: number | null = null;

  const unset = missing.length > 0 ? `the pull from SFTP cannot run: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set` : null;

  async function pullOnce(): Promise<PullOutcome | null> {
    if (!settings) return null;
    lastAttemptAt = new Date().toISOString();
    try {
      const outcome = await pullSftp(settings, { db: options.db, inbox: options.inbox, settleMs: options.settleMs, department: options.department });
      for (const file of outcome.pulled) log.info({ file: file.name, bytes: file.bytes }, 'exchange file pulled from SFTP');
      if (outcome.pulled.length > 0) await options.onPulled();
      if (failure) log.info('the pull from SFTP works again');
      failure = null;
      lastSuccessAt = new Date().toISOString();
      lastPulled = outcome.pulled.length;
      return outcome;
    } catch (error) {
      // A PullFailure's message names the server and why, never a secret; anything else is ours (the database, the inbox).
      const message = error instanceof PullFailure ? error.message : `the pull failed: ${(error as Error).message}`;
      if (message !== failure) log.error({ err: message }, 'exchange files cannot be pulled from SFTP');
      failure = message;
      return null;
    }
  }

  function next(): void {
    if (closed || !settings) return;
    timer = setTimeout(() => {
      timer = null;
      void puller.pull().finally(next);
    }, settings.everyMs);
    timer.unref();
  }

  const puller: SftpPuller = {
    start() {
      if (unset) log.error({ err: unset }, 'exchange files cannot be pulled from SFTP');
      if (!settings || closed) return;
      if (settings.hostKey === 'any') log.warn('hostKey: any — the SFTP server is not verified: whoever answers at its address is taken for it');
      void puller.pull().finally(next);
    },
    pull() {
      running ??= pullOnce().finally(() => {
        running = null;
      });
      return running;
    },
    problem: () => unset ?? failure,
    details: () => ({
      from: settings?.origin ?? null,
      everySeconds: settings ? settings.everyMs / 1000 : null,
      lastAttemptAt,
      lastSuccessAt,
      lastPulled,
      failure: unset ?? failure,
    }),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
  return puller;
}
