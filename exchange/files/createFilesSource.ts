import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DatasetSpec, ExchangeProblem, ExchangeSource, SourceRecord } from '../ExchangeSource';
import { migrateFilesTables } from './filesMigrations';
import type { FilesTables } from './filesTables';
import { createSftpPuller, type PullDetails, type SftpPuller } from './createSftpPuller';
import { distinctColumnValues } from './distinctColumnValues';
import { claimFile, createInboxFolders, inboxFolders, isTemporaryName, returnUnfinished, type InboxFolders } from './inboxFolders';
import { latestFileProblem } from './latestFileProblem';
import { listLoads, type LoadSummary } from './listLoads';
import { loadClaimedFile, type LoadResult } from './loadClaimedFile';
import { lookupRows } from './lookupRows';
import type { PullOutcome } from './pullSftp';
import { readPullSettings, PullSettingsError, type ReadPull } from './readPullSettings';
import { readFilesDataset, type FilesDataset } from './readFilesDataset';

export interface FilesSourceOptions {
  /** The department the files are for: names its default inbox and its log lines. */
  department: string;
  /** The declaration's `source:` block as written: `kind: files`, and optionally `inbox`, `pollSeconds`, `settleSeconds`, `encoding`, `format`, `pull` (readPullSettings). */
  source: Readonly<Record<string, unknown>>;
  datasets: readonly DatasetSpec[];
  /** The platform's data directory (`GOVGRAPH_DATA_DIR`, else `.data`): the inbox is `<dataDir>/exchange/<department>/inbox` unless `source.inbox` says otherwise. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** The department's own database (SQLite or PostgreSQL): loads, quarantine and loaded versions live there. */
  db: Kysely<any>;
  /** The department's PostgreSQL schema, for the migrations' bookkeeping (absent on SQLite). */
  schema?: string;
  /** exchange.yaml and the line of its `source:`, for problems with the source block (else the first dataset's file is named). */
  file?: string;
  line?: number;
}

/** The files source: an ExchangeSource, plus the inbox it follows. */
export interface FilesSource extends ExchangeSource {
  readonly kind: 'files';
  readonly folders: InboxFolders;
  /** Creates its tables and folders, returns files a stopped loader left half-done, loads what waits in the inbox, then follows it (fs.watch and a poll) and pulls from SFTP when `pull:` says so, until `close`. */
  start(): Promise<void>;
  /** Loads every file waiting in the inbox now, one after the other in name order (without following the inbox). */
  loadWaiting(): Promise<LoadResult[]>;
  /** The distinct non-empty values of a column in the current version: for checking that every legacy value maps to a code. */
  distinctValues(dataset: DatasetSpec, column: string): Promise<unknown[]>;
  /** Pulls from the declared SFTP server now (or joins the pull under way) and loads what it took; null when no pull is declared or it failed (see `problem`). */
  pull(): Promise<PullOutcome | null>;
  /** For /health: the latest load (file, dataset, outcome, when, rows loaded and quarantined, why refused), null before the first; and the pull from SFTP when one is declared. */
  details(): Promise<{ latestLoad: LatestLoad | null; pull?: PullDetails }>;
  /** Stops following the inbox and pulling, and waits for a pull or a load under way; the database stays open (it is the department's). */
  close(): Promise<void>;
}

/** The latest load as /health shows it: counts and reasons only, never a value from the file. */
export type LatestLoad = Pick<LoadSummary, 'id' | 'dataset' | 'file' | 'outcome' | 'loadedAt' | 'rowsLoaded' | 'rowsQuarantined' | 'reason'>;

const SOURCE_OPTIONS = new Set(['kind', 'inbox', 'pollSeconds', 'settleSeconds', 'encoding', 'format', 'pull']);

/**
 * A source of files dropped into an inbox, as a department's FTP/SFTP exchange delivers
 * them. Each file is decoded with its dataset's declared encoding, parsed (CSV or a JSON
 * array), validated row by row and loaded as a new version of the dataset in one
 * transaction; readers see the previous version or the new one. Bad rows are quarantined,
 * a file with too many is refused whole; every load is recorded, and every file ends in
 * `processed/` or `refused/`, never deleted. Throws when the declaration is not valid.
 */
export function createFilesSource(options: FilesSourceOptions): FilesSource {
  const { department, source, env } = options;
  const problems: string[] = [];
  for (const name of Object.keys(source))
    if (!SOURCE_OPTIONS.has(name)) problems.push(`source: unknown option '${name}' for a files source (known: ${[...SOURCE_OPTIONS].join(', ')})`);
  if (source.kind !== undefined && source.kind !== 'files') problems.push(`source: kind is ${JSON.stringify(source.kind)}, not files`);
  const pollMs = seconds(source.pollSeconds, 2, 'pollSeconds', problems);
  const settleMs = seconds(source.settleSeconds, 1, 'settleSeconds', problems);
  const datasets = new Map<string, FilesDataset>();
  for (const spec of options.datasets) {
    const read = readFilesDataset(spec, source, options.datasets.length === 1);
    problems.push(...read.problems.map((p) => `${spec.file}:${spec.line}: ${p}`));
    if (read.dataset) datasets.set(spec.name, read.dataset);
  }
  let pull: ReadPull | null = null;
  if (source.pull !== undefined) {
    const where = options.file ? `${options.file}${options.line ? `:${options.line}` : ''}` : options.datasets[0]?.file;
    try {
      pull = readPullSettings(
        source.pull,
        env,
        [...datasets.values()].map((d) => d.files),
      );
    } catch (error) {
      if (!(error instanceof PullSettingsError)) throw error;
      problems.push(...error.problems.map((p) => (where ? `${where}: ${p}` : p)));
    }
  }
  if (problems.length > 0) throw new Error(`${department}: the files source cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return new InboxSource(options, inboxFolders({ dataDir: options.dataDir, department, inbox: source.inbox, env }), [...datasets.values()], pollMs, settleMs, pull);
}

function seconds(value: unknown, fallback: number, name: string, problems: string[]): number {
  if (value === undefined) return fallback * 1000;
  if (typeof value !== 'number' || !(value >= 0)) problems.push(`source: ${name} must be a number of seconds`);
  return Number(value) * 1000;
}

class InboxSource implements FilesSource {
  readonly kind = 'files';
  private readonly db: Kysely<FilesTables>;
  private migrated: Promise<void> | null = null;
  private watcher: fs.FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private timers = new Set<NodeJS.Timeout>();
  private draining: Promise<LoadResult[]> | null = null;
  private again = false;
  private closed = false;
  /** Why the last attempt to load failed (the database did not take the record), until one succeeds. */
  private loadFailure: string | null = null;
  /** The pull from an SFTP server, when `source.pull` declares one. */
  private readonly puller: SftpPuller | null;
  private readonly log: Logger;

  constructor(
    private readonly options: FilesSourceOptions,
    readonly folders: InboxFolders,
    private readonly datasets: readonly FilesDataset[],
    private readonly pollMs: number,
    private readonly settleMs: number,
    private readonly pullSettings: ReadPull | null,
  ) {
    this.db = options.db as Kysely<FilesTables>;
    this.log = options.log;
    this.puller = pullSettings
      ? createSftpPuller({
          department: options.department,
          pull: pullSettings,
          db: this.db,
          inbox: folders.inbox,
          settleMs,
          log: options.log,
          onPulled: () => this.drain(),
        })
      : null;
  }

  async start(): Promise<void> {
    await this.ready();
    createInboxFolders(this.folders);
    for (const returned of returnUnfinished(this.folders))
      this.log.warn({ department: this.options.department, file: path.basename(returned) }, 'exchange file returned to the inbox: its load did not finish');
    // Followed before the first look, so that a file arriving during it is seen too.
    this.follow();
    this.poll = setInterval(() => {
      if (!this.watcher) this.follow();
      this.schedule(0);
    }, this.pollMs || 1000);
    this.poll.unref();
    await this.drain();
    // Its first pull runs in the background: a server that is down does not hold up the department.
    this.puller?.start();
  }

  async pull(): Promise<PullOutcome | null> {
    if (!this.puller) return null;
    await this.ready();
    createInboxFolders(this.folders);
    return this.puller.pull();
  }

  loadWaiting(): Promise<LoadResult[]> {
    return this.drain();
  }

  async lookup(dataset: DatasetSpec, keys: readonly string[]): Promise<Map<string, SourceRecord[]>> {
    this.datasetNamed(dataset.name);
    try {
      await this.ready();
      return await lookupRows(this.db, dataset.name, keys);
    } catch (error) {
      throw new Error(`${this.options.department}: cannot read the loaded files of dataset ${dataset.name}: ${(error as Error).message}`);
    }
  }

  async distinctValues(dataset: DatasetSpec, column: string): Promise<unknown[]> {
    this.datasetNamed(dataset.name);
    await this.ready();
    return distinctColumnValues(this.db, dataset.name, column);
  }

  /**
   * Each dataset against the latest file it was sent: the declared columns must be in that
   * file's header, and a refused latest file is named with why. A dataset no file has been
   * sent for yet is no problem (it answers no records until one arrives).
   */
  async check(datasets: readonly DatasetSpec[]): Promise<ExchangeProblem[]> {
    await this.ready();
    const problems: ExchangeProblem[] = [];
    const missing = this.pullSettings?.missing ?? [];
    if (missing.length > 0 && datasets[0]) {
      const at = { file: this.options.file ?? datasets[0].file, line: this.options.line ?? datasets[0].line };
      problems.push({ ...at, message: `source: pull: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set, so nothing is pulled from SFTP` });
    }
    for (const spec of datasets) {
      const at = { file: spec.file, line: spec.line };
      const read = readFilesDataset(spec, this.options.source, this.options.datasets.length === 1);
      problems.push(...read.problems.map((message) => ({ ...at, message })));
      if (!read.dataset) continue;
      const latest = await latestFileProblem(this.db, read.dataset);
      if (latest) problems.push({ ...at, message: latest });
    }
    return problems;
  }

  async problem(): Promise<string | null> {
    try {
      await fs.promises.access(this.folders.inbox, fs.constants.R_OK | fs.constants.W_OK);
      await fs.promises.readdir(this.folders.inbox);
    } catch (error) {
      return `the inbox ${this.folders.inbox} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    }
    if (this.loadFailure) return `files in the inbox cannot be loaded: ${this.loadFailure}`;
    return this.puller?.problem() ?? null;
  }

  async details(): Promise<{ latestLoad: LatestLoad | null; pull?: PullDetails }> {
    const pull = this.puller && { pull: this.puller.details() };
    const [latest] = await listLoads(this.db, { limit: 1 });
    if (!latest) return { latestLoad: null, ...pull };
    const { id, dataset, file, outcome, loadedAt, rowsLoaded, rowsQuarantined, reason } = latest;
    return { latestLoad: { id, dataset, file, outcome, loadedAt, rowsLoaded, rowsQuarantined, reason }, ...pull };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
    if (this.poll) clearInterval(this.poll);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.puller?.close();
    await this.draining?.catch(() => undefined);
  }

  private ready(): Promise<void> {
    this.migrated ??= migrateFilesTables(this.options.db, this.options.schema).catch((error: unknown) => {
      this.migrated = null;
      throw error;
    });
    return this.migrated;
  }

  private datasetNamed(name: string): FilesDataset {
    const dataset = this.datasets.find((d) => d.name === name);
    if (!dataset) throw new Error(`${this.options.department}: the files source declares no dataset ${name}`);
    return dataset;
  }

  /** fs.watch reports a rename into the inbox at once; the poll is the backstop (network shares, a watcher that failed). */
  private follow(): void {
    try {
      this.watcher = fs.watch(this.folders.inbox, { persistent: false }, () => this.schedule(20));
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      this.watcher = null;
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.drain();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** One loader at a time: a call while one runs makes it look again when done, and shares its result. */
  private drain(): Promise<LoadResult[]> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      const results: LoadResult[] = [];
      try {
        await this.ready();
        do {
          this.again = false;
          results.push(...(await this.loadInbox()));
        } while (this.again && !this.closed);
        this.loadFailure = null;
      } catch (error) {
        const failure = (error as Error).message;
        if (failure !== this.loadFailure) this.log.error({ department: this.options.department, err: failure }, 'exchange files cannot be loaded');
        this.loadFailure = failure;
      }
      return results;
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** Loads the files waiting now, in name order; a file written less than `settleSeconds` ago waits for the next look. */
  private async loadInbox(): Promise<LoadResult[]> {
    let names: string[];
    try {
      names = fs.readdirSync(this.folders.inbox);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    // The default sort compares UTF-16 code units: name order, whatever the locale.
    const waiting = names.filter((n) => !isTemporaryName(n)).sort();
    if (waiting.length === 0) return [];
    // Where claimed files go; made here too, as `loadWaiting` may run without `start`.
    createInboxFolders(this.folders);
    const now = Date.now();
    const results: LoadResult[] = [];
    let soonest = Infinity;
    for (const name of waiting) {
      if (this.closed) break;
      let stat: fs.Stats;
      try {
        stat = fs.statSync(path.join(this.folders.inbox, name));
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      const wait = stat.mtimeMs + this.settleMs - now;
      if (wait > 0) {
        // Still being written (or just renamed in): later files wait too, so that name order holds.
        soonest = Math.min(soonest, wait);
        break;
      }
      const claimed = claimFile(this.folders, name);
      if (claimed)
        results.push(await loadClaimedFile(claimed, name, { department: this.options.department, db: this.db, folders: this.folders, datasets: this.datasets, log: this.log }));
    }
    if (soonest < Infinity && !this.closed && this.poll) this.schedule(soonest + 10);
    return results;
  }
}
