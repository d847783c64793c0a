import { envVariableOf } from '../adapter/resolveSourceSettings';
import { globToRegExp } from './readFilesDataset';

/** Where and how a files source pulls from an SFTP server, its `env:` settings read. */
export interface PullSettings {
  /** The server and folder for messages and for remembering what was pulled: `sftp://host:port/folder`, without the user. */
  origin: string;
  host: string;
  port: number;
  username: string;
  /** The folder as the server names it: absolute (`/outbox`), or relative to the login folder when the URL says `/~/outbox`. */
  folder: string;
  /** Read when a pull connects; the variable names are kept for messages, never the values. */
  password: string | null;
  privateKeyFile: string | null;
  passphrase: string | null;
  /** The server's host key fingerprint (`SHA256:…`, as `ssh-keygen -lf` prints it), or `any` when declared so. */
  hostKey: string;
  everyMs: number;
  /** Which remote file names to pull. */
  files: readonly RegExp[];
}

/** The pull block as written, checked; its environment values may still be missing (then `missing` names the variables). */
export interface ReadPull {
  settings: PullSettings | null;
  /** Variables the block reads that the environment does not set: the pull cannot run, and says so in `problem()`. */
  missing: string[];
}

const SETTINGS = ['sftp', 'password', 'privateKey', 'passphrase', 'hostKey', 'everySeconds', 'files'];
/** Settings that are secrets, or say where one is: only ever from the environment, so that none is committed with exchange.yaml. */
const FROM_ENV_ONLY = ['sftp', 'password', 'privateKey', 'passphrase'];
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

/**
 * Reads the `pull:` block of a files source:
 *
 *   pull:
 *     sftp: env:CIVIL_SFTP_URL              # sftp://user@host:22/outbox (no password in it)
 *     privateKey: env:CIVIL_SFTP_KEY_FILE   # path of the private key file; or password: env:CIVIL_SFTP_PASSWORD
 *     hostKey: env:CIVIL_SFTP_HOST_KEY      # SHA256:… of the server's host key; `any` to skip the check
 *     everySeconds: 300
 *     files: 'marriages*.csv'               # default: the datasets' file patterns
 *
 * Throws a list of problems (sentences, `source: pull:` first) when the block cannot work: an
 * unknown setting, a secret written out rather than read from `env:`, a URL with a password in
 * it, no host key. `datasetFiles` are the datasets' own patterns, the default for `files`.
 */
export function readPullSettings(written: unknown, env: Readonly<Record<string, string | undefined>>, datasetFiles: readonly RegExp[]): ReadPull {
  const problems: string[] = [];
  const fail = (message: string): void => void problems.push(`source: pull: ${message}`);
  if (typeof written !== 'object' || written === null || Array.isArray(written)) {
    fail('must be a block of settings (sftp, password or privateKey, hostKey, everySeconds, files)');
    throw new PullSettingsError(problems);
  }
  const block = written as Record<string, unknown>;
  for (const name of Object.keys(block)) if (!SETTINGS.includes(name)) fail(`unknown setting '${name}' (known: ${SETTINGS.join(', ')})`);

  const missing: string[] = [];
  const values: Record<string, string | null> = {};
  for (const name of [...FROM_ENV_ONLY, 'hostKey']) {
    const value = block[name];
    if (value === undefined) {
      values[name] = null;
      continue;
    }
    const variable = envVariableOf(value);
    if (variable) {
      const set = env[variable]?.trim();
      if (!set) missing.push(variable);
      values[name] = set || null;
    } else if (FROM_ENV_ONLY.includes(name)) {
      // The value is not repeated: it may be the secret itself.
      fail(`${name} must be env:NAME: ${name === 'sftp' ? 'the server URL (and the user in it)' : `a ${name}`} written in exchange.yaml would be committed with it`);
    } else values[name] = typeof value === 'string' ? value.trim() : null;
  }
  if (block.sftp === undefined) fail('sftp: give env:NAME, a variable holding sftp://user@host:22/folder');
  if (block.password === undefined && block.privateKey === undefined) fail('give password: env:NAME or privateKey: env:NAME (the path of a private key file)');
  if (block.passphrase !== undefined && block.privateKey === undefined) fail('passphrase is the private key file’s: give privateKey with it');
  if (block.hostKey === undefined)
    fail("hostKey: give the server's host key fingerprint (SHA256:…, ssh-keygen -lf), or env:NAME; `hostKey: any` accepts any server, which lets anyone in between pose as it");
  else if (values.hostKey !== null && values.hostKey !== 'any' && !FINGERPRINT.test(values.hostKey))
    fail('hostKey must be a SHA256 fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints it), or any');

  const everySeconds = block.everySeconds ?? 300;
  if (typeof everySeconds !== 'number' || !(everySeconds >= 1)) fail('everySeconds must be a number of seconds, at least 1');
  let files = datasetFiles;
  if (block.files !== undefined) {
    if (typeof block.files !== 'string' || block.files === '' || /[/\\]/.test(block.files)) fail('files must be a file-name pattern (* and ?), without a folder');
    else files = [globToRegExp(block.files)];
  }

  let location: Omit<PullSettings, 'password' | 'privateKeyFile' | 'passphrase' | 'hostKey' | 'everyMs' | 'files'> | null = null;
  if (values.sftp !== null) {
    const read = readSftpUrl(values.sftp, envVariableOf(block.sftp) ?? 'sftp');
    if (typeof read === 'string') fail(read);
    else location = read;
  }
  if (problems.length > 0) throw new PullSettingsError(problems);
  if (missing.length > 0 || !location) return { settings: null, missing };
  return {
    settings: {
      ...location,
      password: values.password,
      privateKeyFile: values.privateKey,
      passphrase: values.passphrase,
      hostKey: values.hostKey!,
      everyMs: (everySeconds as number) * 1000,
      files,
    },
    missing,
  };
}

/** The pull block's problems, each a sentence. */
export class PullSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

/** `sftp://user@host:22/outbox`; a message naming the variable (never repeating its value: it may hold a password) when it is not one. */
function readSftpUrl(value: string, variable: string): Omit<PullSettings, 'password' | 'privateKeyFile' | 'passphrase' | 'hostKey' | 'everyMs' | 'files'> | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${variable} is not a URL: give sftp://user@host:22/folder`;
  }
  if (url.protocol !== 'sftp:') return `${variable} must be an sftp:// URL, not ${url.protocol}`;
  if (url.password) return `${variable} has a password in it: give the password with password: env:NAME, and the URL without it`;
  if (!url.username) return `${variable} names no user: give sftp://user@host:22/folder`;
  if (!url.hostname) return `${variable} names no host`;
  if (url.search || url.hash) return `${variable}: a query (?…) or a fragment (#…) means nothing here`;
  const port = url.port ? Number(url.port) : 22;
  const pathname = decodeURIComponent(url.pathname || '/');
  // `sftp://host/~/outbox`: relative to the folder the server logs the user into.
  const folder = pathname.startsWith('/~/') ? pathname.slice(3) || '.' : pathname === '/~' ? '.' : pathname;
  return { origin: `sftp://${url.hostname}:${port}${url.pathname || '/'}`, host: url.hostname.replace(/^\[|\]$/g, ''), port, username: decodeURIComponent(url.username), folder };
}
