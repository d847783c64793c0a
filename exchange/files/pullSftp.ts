import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Client as SshClient } from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import type { FilesTables } from './filesTables';
import { isTemporaryName } from './inboxFolders';
import type { PullSettings } from './readPullSettings';

export interface PullSftpOptions {
  db: Kysely<FilesTables>;
  /** Where pulled files go, as a sender would drop them. */
  inbox: string;
  /** A file modified on the server less than this long ago is still being written: it waits for the next pull. */
  settleMs: number;
  /** For the SSH client's debug name. */
  department: string;
}

/** What one pull did: the files it took into the inbox, and those it left for the next pull. */
export interface PullOutcome {
  pulled: { name: string; bytes: number }[];
  /** Still being written on the server (changed while looked at, or too recently), or a file of that name waits in the inbox. */
  waiting: string[];
}

/** A pull that failed, its message fit for a log and /health: it names the server, never a password or a key. */
export class PullFailure extends Error {}

const READY_TIMEOUT_MS = 10_000;
/** SFTP's status for a file that is not there (it went between the listing and the read). */
const NO_SUCH_FILE: readonly unknown[] = [2, 'ENOENT'];

/**
 * One pull from an SFTP server, read-only: it lists the remote folder and downloads each file
 * whose name the pull takes and that it has not pulled before (same name, size and time), into
 * the inbox under a hidden temporary name (the loader ignores it), then links it into place, so
 * the loader never sees part of a file. A file still being written on the server (its size or
 * time changed between the listing and a second look, or modified less than `settleMs` ago)
 * waits. What was pulled is recorded after it is in place: a stop in between pulls it again (a
 * second load of the same content), never loses it. Nothing on the server is changed or deleted.
 */
export async function pullSftp(settings: PullSettings, options: PullSftpOptions): Promise<PullOutcome> {
  const client = new SftpClient(`govgraph-${options.department}`);
  // ssh2 leaves Nagle's algorithm on, so each of the many small packets of the handshake and the
  // listing waits out the server's delayed acknowledgement (about 40 ms a round trip): a pull of
  // one file took over a second on a local network. Switched off once the socket connects.
  const ssh = (client as unknown as { client: SshClient }).client;
  ssh.once('connect', () => ssh.setNoDelay(true));
  const seen: { level?: string; code?: string; presented?: string; mismatch?: boolean } = {};
  // The raw error, before ssh2-sftp-client words it: its level tells a refused login from a network failure.
  client.on('error', (error: Error & { level?: string; code?: string }) => {
    seen.level ??= error.level;
    seen.code ??= error.code;
  });
  const secrets = [settings.password, settings.passphrase].filter((s): s is string => !!s);
  try {
    await client.connect({
      host: settings.host,
      port: settings.port,
      username: settings.username,
      readyTimeout: READY_TIMEOUT_MS,
      ...(settings.password !== null && { password: settings.password }),
      ...(settings.privateKeyFile !== null && { privateKey: readPrivateKey(settings.privateKeyFile) }),
      ...(settings.passphrase !== null && { passphrase: settings.passphrase }),
      hostVerifier: (key: Buffer) => {
        seen.presented = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
        seen.mismatch = settings.hostKey !== 'any' && seen.presented !== settings.hostKey;
        return !seen.mismatch;
      },
    });
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new PullFailure(connectFailure(settings, seen, error as Error & { code?: string }, secrets));
  }
  try {
    return await pullListed(client, settings, options);
  } catch (error) {
    throw new PullFailure(redact(`${(error as Error).message}`, secrets));
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pullListed(client: SftpClient, settings: PullSettings, options: PullSftpOptions): Promise<PullOutcome> {
  const listed = await client.list(settings.folder).catch((error: Error) => {
    throw new Error(`the folder ${settings.folder} cannot be listed (${stripPrefix(error.message)})`);
  });
  const names = listed
    .filter((f) => f.type === '-' && isPlainName(f.name) && !isTemporaryName(f.name) && settings.files.some((files) => files.test(f.name)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const outcome: PullOutcome = { pulled: [], waiting: [] };
  for (const file of names) {
    const mtime = new Date(file.modifyTime).toISOString();
    const known = await options.db
      .selectFrom('files_pulls')
      .select('name')
      .where('origin', '=', settings.origin)
      .where('name', '=', file.name)
      .where('size', '=', file.size)
      .where('mtime', '=', mtime)
      .executeTakeFirst();
    if (known) continue;
    const remote = path.posix.join(settings.folder, file.name);
    if (file.modifyTime > Date.now() - options.settleMs) {
      outcome.waiting.push(file.name);
      continue;
    }
    let again: SftpClient.FileStats;
    try {
      again = await client.stat(remote);
    } catch (error) {
      if (NO_SUCH_FILE.includes((error as { code?: unknown }).code)) continue;
      throw new Error(`${file.name} cannot be read (${stripPrefix((error as Error).message)})`);
    }
    if (!again.isFile || again.size !== file.size || again.modifyTime !== file.modifyTime) {
      outcome.waiting.push(file.name);
      continue;
    }
    const bytes = await download(client, remote, file.name, file.size, options.inbox);
    if (bytes === null) {
      outcome.waiting.push(file.name);
      continue;
    }
    await options.db
      .insertInto('files_pulls')
      .values({ origin: settings.origin, name: file.name, size: file.size, mtime, pulled_at: new Date().toISOString(), stored_as: file.name })
      .onConflict((oc) => oc.doNothing())
      .execute();
    outcome.pulled.push({ name: file.name, bytes });
  }
  return outcome;
}

/**
 * Downloads into `.name.<random>.part` and links it into the inbox as `name`: null when the
 * bytes are not the size listed (it changed meanwhile) or a file of that name still waits
 * there (it is not overwritten). The temporary file is always removed.
 */
async function download(client: SftpClient, remote: string, name: string, size: number, inbox: string): Promise<number | null> {
  const temporary = path.join(inbox, `.${name}.${randomBytes(4).toString('hex')}.part`);
  try {
    const out = fs.createWriteStream(temporary, { flags: 'wx' });
    const closed = new Promise<void>((resolve, reject) => {
      out.once('close', resolve);
      out.once('error', reject);
    });
    // Awaited below; marked handled now, as a failed download throws first.
    closed.catch(() => undefined);
    await client.get(remote, out).catch((error: Error) => {
      out.destroy();
      throw new Error(`${name} cannot be read (${stripPrefix(error.message)})`);
    });
    await closed;
    const bytes = fs.statSync(temporary).size;
    if (bytes !== size) return null;
    try {
      fs.linkSync(temporary, path.join(inbox, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
      throw error;
    }
    return bytes;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** A name the server gives is used in the inbox: one with a folder in it (`../x`) is never taken. */
function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

function readPrivateKey(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new PullFailure(`the private key file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

/** Why the connection failed, in words an operator acts on. */
function connectFailure(
  settings: PullSettings,
  seen: { level?: string; code?: string; presented?: string; mismatch?: boolean },
  error: Error & { code?: string },
  secrets: string[],
): string {
  if (error instanceof PullFailure) return error.message;
  const server = `${settings.host}:${settings.port}`;
  if (seen.mismatch) return `the SFTP server at ${server} presented host key ${seen.presented}, not the declared hostKey: refused, nothing pulled`;
  if (seen.level === 'client-authentication') return `the SFTP server at ${server} refused the login of ${settings.username} (wrong password or key?)`;
  if (seen.level === 'client-timeout') return `the SFTP server at ${server} did not answer within ${READY_TIMEOUT_MS / 1000} s`;
  const code = seen.code ?? error.code;
  if (code === 'ECONNREFUSED') return `the SFTP server at ${server} refused the connection (is it running?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the SFTP server's host ${settings.host} is not known`;
  return `cannot connect to the SFTP server at ${server}: ${redact(stripPrefix(error.message), secrets)}`;
}

/** ssh2-sftp-client prefixes its messages with the call (`getConnection: `, `list: `). */
function stripPrefix(message: string): string {
  return message.replace(/^(?:[A-Za-z_]+(?::|->)\s*)+/, '');
}

function redact(message: string, secrets: readonly string[]): string {
  return secrets.reduce((text, secret) => text.split(secret).join('***'), message);
}
