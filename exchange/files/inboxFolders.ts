import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a department's files go. The sender writes into `inbox/`; a loader claims a file by
 * renaming it into `loading/` (atomic: of two loaders, one wins), then moves it into
 * `processed/` (accepted) or `refused/`. The four folders are siblings, so every move is a
 * rename on one file system, and no file is ever deleted or overwritten.
 */
export interface InboxFolders {
  inbox: string;
  loading: string;
  processed: string;
  refused: string;
}

export interface InboxFoldersOptions {
  /** The platform's data directory (`GOVGRAPH_DATA_DIR`, else `.data`). */
  dataDir: string;
  department: string;
  /** The declaration's `source.inbox`: a folder (relative to `dataDir`) or `env:NAME`; default `exchange/<department>/inbox`. */
  inbox?: unknown;
  env: NodeJS.ProcessEnv;
}

export function inboxFolders({ dataDir, department, inbox, env }: InboxFoldersOptions): InboxFolders {
  let written = typeof inbox === 'string' && inbox.startsWith('env:') ? env[inbox.slice(4)] : inbox;
  if (written === undefined || written === '') written = path.join('exchange', department, 'inbox');
  if (typeof written !== 'string') throw new Error(`${department}: source.inbox must be a folder or env:NAME`);
  const resolved = path.resolve(dataDir, written);
  const parent = path.dirname(resolved);
  return { inbox: resolved, loading: path.join(parent, 'loading'), processed: path.join(parent, 'processed'), refused: path.join(parent, 'refused') };
}

export function createInboxFolders(folders: InboxFolders): void {
  for (const dir of Object.values(folders)) fs.mkdirSync(dir, { recursive: true });
}

/**
 * A name a sender is still writing or a tool keeps to itself: `.part`, `.tmp`, `.filepart`
 * (WinSCP), `~` backups and hidden files (rsync's `.name.XXXXXX`). Senders write under such
 * a name and rename when done.
 */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /\.(part|tmp|filepart|partial|crdownload|swp)$/i.test(name);
}

const CLAIM_SEPARATOR = '--';

/** Takes `name` from the inbox into `loading/`; null when another loader took it first. */
export function claimFile(folders: InboxFolders, name: string): string | null {
  const claimed = path.join(folders.loading, `${Date.now()}-${process.pid}${CLAIM_SEPARATOR}${name}`);
  try {
    fs.renameSync(path.join(folders.inbox, name), claimed);
    return claimed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The name the sender gave a claimed file. */
export function nameOfClaimed(claimed: string): string {
  const base = path.basename(claimed);
  const at = base.indexOf(CLAIM_SEPARATOR);
  return at === -1 ? base : base.slice(at + CLAIM_SEPARATOR.length);
}

/**
 * Moves `from` into `dir` as `name`, or `name.<tag>` when that name is taken (a file sent
 * twice): a hard link never replaces a file, then the old name is removed. Returns the new path.
 */
export function moveWithoutOverwrite(from: string, dir: string, name: string, tag: string): string {
  for (let attempt = 0; ; attempt++) {
    const to = path.join(dir, attempt === 0 ? name : `${name}.${tag}${attempt > 1 ? `-${attempt}` : ''}`);
    try {
      fs.linkSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    fs.unlinkSync(from);
    return to;
  }
}

/**
 * Files whose loader stopped mid-load (its process is gone) go back to the inbox to be loaded
 * again; a file another live process is loading (`govgraph exchange load`) is left to it. A
 * load is recorded before its file moves, so at worst a file is loaded twice, as two versions
 * with the same content; never lost.
 */
export function returnUnfinished(folders: InboxFolders): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folders.loading);
  } catch {
    return [];
  }
  return names
    .filter((claimed) => !isAlive(Number(/^\d+-(\d+)--/.exec(claimed)?.[1])))
    .map((claimed) => moveWithoutOverwrite(path.join(folders.loading, claimed), folders.inbox, nameOfClaimed(claimed), 'returned'));
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
