import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import pino from 'pino';
import { Server, utils, type Connection, type ParsedKey, type SFTPWrapper } from 'ssh2';
import type { DatasetSpec } from '../../exchange/ExchangeSource';
import { createFilesSource, listLoads, type FilesSource, type FilesTables } from '../../exchange/files';
import { openDatabase, type DepartmentDatabase } from '../../subgraphs/kit';

/**
 * The files source pulling from an SFTP server on a schedule: an in-process server (ssh2's
 * Server) serves a folder of a temporary directory, read-only, and counts every request that
 * would change it.
 */
const { OPEN_MODE, STATUS_CODE } = utils.sftp;
const HEADER = 'GMSFHM,XM,HYZK,DJRQ,DJJG';
const A = '110101198001011234';
const PASSWORD = 'correct-horse-battery';
const USER = 'civil';

const marriages: DatasetSpec = {
  name: 'marriages',
  file: 'subgraphs/civil/exchange.yaml',
  line: 14,
  key: 'GMSFHM',
  columns: ['GMSFHM', 'HYZK', 'DJRQ'],
  options: { encoding: 'gbk', files: 'marriages*.csv', validate: { DJRQ: 'date' } },
};

let dir: string;
let outbox: string;
let server: Server;
let port: number;
let hostKey: string;
/** The key the server lets `civil` in with, besides the password. */
let userKey: { private: string; parsed: ParsedKey };
/** Requests that would change something on the server: there must be none. */
const writes: string[] = [];
let logged: string[];
let database: DepartmentDatabase<FilesTables>;
const opened: FilesSource[] = [];

function fingerprint(key: ParsedKey): string {
  return `SHA256:${createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
}

function generateKey(): { private: string; parsed: ParsedKey } {
  const pair = utils.generateKeyPairSync('ed25519');
  return { private: pair.private, parsed: utils.parseKey(pair.private) as ParsedKey };
}

/** Serves `<dir>/…` as `/…`, read-only: OPEN for reading, READ, FSTAT, STAT, OPENDIR, READDIR, CLOSE, REALPATH. */
function serveSftp(sftp: SFTPWrapper): void {
  const handles = new Map<string, { fd?: number; entries?: string[]; dirPath?: string }>();
  let next = 0;
  const local = (remote: string): string => path.join(dir, path.posix.normalize(`/${remote}`));
  const attrsOf = (stat: fs.Stats) => ({ mode: stat.mode, uid: 0, gid: 0, size: stat.size, atime: Math.floor(stat.atimeMs / 1000), mtime: Math.floor(stat.mtimeMs / 1000) });
  const newHandle = (value: { fd?: number; entries?: string[]; dirPath?: string }): Buffer => {
    const handle = Buffer.from(String(next++));
    handles.set(handle.toString(), value);
    return handle;
  };
  const refuse = (name: string) => (reqid: number) => {
    writes.push(name);
    sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED);
  };
  sftp.on('OPEN', (reqid, filename, flags) => {
    if (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC)) return refuse('OPEN for writing')(reqid);
    try {
      sftp.handle(reqid, newHandle({ fd: fs.openSync(local(filename), 'r') }));
    } catch {
      sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
    }
  });
  sftp.on('READ', (reqid, handle, offset, length) => {
    const fd = handles.get(handle.toString())?.fd;
    if (fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
    const buffer = Buffer.alloc(length);
    const read = fs.readSync(fd, buffer, 0, length, offset);
    if (read === 0) sftp.status(reqid, STATUS_CODE.EOF);
    else sftp.data(reqid, buffer.subarray(0, read));
  });
  sftp.on('FSTAT', (reqid, handle) => {
    const fd = handles.get(handle.toString())?.fd;
    if (fd === undefined) sftp.status(reqid, STATUS_CODE.FAILURE);
    else sftp.attrs(reqid, attrsOf(fs.fstatSync(fd)));
  });
  for (const event of ['STAT', 'LSTAT'] as const)
    sftp.on(event, (reqid: number, remote: string) => {
      try {
        sftp.attrs(reqid, attrsOf(fs.statSync(local(remote))));
      } catch {
        sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
      }
    });
  sftp.on('OPENDIR', (reqid, remote) => {
    try {
      sftp.handle(reqid, newHandle({ entries: fs.readdirSync(local(remote)), dirPath: local(remote) }));
    } catch {
      sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
    }
  });
  sftp.on('READDIR', (reqid, handle) => {
    const open = handles.get(handle.toString());
    if (!open?.entries || open.entries.length === 0) return sftp.status(reqid, STATUS_CODE.EOF);
    const names = open.entries.splice(0).map((filename) => {
      const stat = fs.statSync(path.join(open.dirPath!, filename));
      return { filename, longname: `${stat.isDirectory() ? 'd' : '-'}rw-r--r-- 1 civil civil ${stat.size} Nov 1 00:00 ${filename}`, attrs: attrsOf(stat) };
    });
    sftp.name(reqid, names);
  });
  sftp.on('CLOSE', (reqid, handle) => {
    const fd = handles.get(handle.toString())?.fd;
    if (fd !== undefined) fs.closeSync(fd);
    handles.delete(handle.toString());
    sftp.status(reqid, STATUS_CODE.OK);
  });
  sftp.on('REALPATH', (reqid, remote) => sftp.name(reqid, [{ filename: path.posix.normalize(`/${remote}`), longname: '', attrs: {} as never }]));
  for (const event of ['WRITE', 'REMOVE', 'RENAME', 'MKDIR', 'RMDIR', 'SETSTAT', 'FSETSTAT', 'SYMLINK'] as const) sftp.on(event, refuse(event));
}

function onClient(client: Connection): void {
  // Without Nagle's algorithm on this side too (ssh2 has the method, its types do not), no reply waits out a delayed acknowledgement.
  (client as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
  client.on('authentication', (ctx) => {
    if (ctx.username === USER && ctx.method === 'password' && ctx.password === PASSWORD) return ctx.accept();
    if (ctx.username === USER && ctx.method === 'publickey' && ctx.key.data.equals(userKey.parsed.getPublicSSH())) {
      // Without a signature the client only asks whether the key would do.
      if (!ctx.signature || userKey.parsed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
    }
    ctx.reject(['password', 'publickey']);
  });
  client.on('ready', () => client.on('session', (accept) => accept().on('sftp', (acceptSftp) => serveSftp(acceptSftp()))));
  client.on('error', () => undefined);
}

/** Drops a file on the server as its sender does, its time set a minute back (it has settled). */
function sendToServer(name: string, lines: readonly string[]): void {
  const file = path.join(outbox, name);
  fs.writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(file, past, past);
}

function open(pull: Record<string, unknown>, env: Record<string, string> = {}, settleSeconds = 0): FilesSource {
  const source = createFilesSource({
    department: 'civil',
    source: { kind: 'files', pollSeconds: 0.05, settleSeconds, pull },
    datasets: [marriages],
    dataDir: dir,
    env: { CIVIL_SFTP_URL: `sftp://${USER}@127.0.0.1:${port}/outbox`, CIVIL_SFTP_PASSWORD: PASSWORD, CIVIL_SFTP_HOST_KEY: hostKey, ...env },
    log: pino({ level: 'info' }, { write: (line: string) => void logged.push(line) }),
    db: database.db,
    file: 'subgraphs/civil/exchange.yaml',
    line: 8,
  });
  opened.push(source);
  return source;
}

const PULL = { sftp: 'env:CIVIL_SFTP_URL', password: 'env:CIVIL_SFTP_PASSWORD', hostKey: 'env:CIVIL_SFTP_HOST_KEY', everySeconds: 60 };

async function pulledNames(): Promise<string[]> {
  return (await database.db.selectFrom('files_pulls').select('name').orderBy('name').execute()).map((row) => row.name);
}

beforeAll(async () => {
  const key = generateKey();
  hostKey = fingerprint(key.parsed);
  userKey = generateKey();
  server = new Server({ hostKeys: [key.private] }, onClient);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-sftp-'));
  outbox = path.join(dir, 'outbox');
  fs.mkdirSync(outbox);
  logged = [];
  writes.length = 0;
  database = await openDatabase<FilesTables>({ department: 'civil', dataDir: dir });
});

afterEach(async () => {
  for (const source of opened.splice(0)) await source.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('files on the server → the running source pulls the matching ones into the inbox and loads them; the server is not changed', async () => {
  sendToServer('marriages-20261101.csv', [HEADER, `${A},"王伟",已婚,20190520,"民政局"`]);
  sendToServer('readme.txt', ['not an export']);
  sendToServer('.marriages-20261102.csv.part', [HEADER]);
  const source = open(PULL);
  await source.start();
  for (let i = 0; i < 100 && (await listLoads(database.db)).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect((await listLoads(database.db)).map((l) => [l.file, l.outcome])).toEqual([['marriages-20261101.csv', 'accepted']]);
  expect((await source.lookup(marriages, [A])).get(A)).toEqual([{ GMSFHM: A, HYZK: '已婚', DJRQ: '2019-05-20' }]);
  expect(await pulledNames()).toEqual(['marriages-20261101.csv']);
  expect(fs.readdirSync(outbox).sort()).toEqual(['.marriages-20261102.csv.part', 'marriages-20261101.csv', 'readme.txt']);
  expect(writes).toEqual([]);
  expect(await source.problem()).toBeNull();
});

it('a file pulled before → neither the next pull nor a restarted source pulls it again; a new file is', async () => {
  sendToServer('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`]);
  const first = open(PULL);
  expect((await first.pull())?.pulled.map((f) => f.name)).toEqual(['marriages-1.csv']);
  expect(await first.pull()).toEqual({ pulled: [], waiting: [] });
  await first.close();
  sendToServer('marriages-2.csv', [HEADER, `${A},"王伟",离婚,20230101,""`]);
  const restarted = open(PULL);
  expect((await restarted.pull())?.pulled.map((f) => f.name)).toEqual(['marriages-2.csv']);
  expect((await listLoads(database.db)).map((l) => l.file)).toEqual(['marriages-2.csv', 'marriages-1.csv']);
});

it('a private key file instead of a password → logged in and pulled', async () => {
  sendToServer('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`]);
  const keyFile = path.join(dir, 'id_ed25519');
  fs.writeFileSync(keyFile, userKey.private, { mode: 0o600 });
  const { password: _, ...withoutPassword } = PULL;
  const source = open({ ...withoutPassword, privateKey: 'env:CIVIL_SFTP_KEY_FILE' }, { CIVIL_SFTP_KEY_FILE: keyFile, CIVIL_SFTP_PASSWORD: '' });
  expect((await source.pull())?.pulled.map((f) => f.name)).toEqual(['marriages-1.csv']);
});

it('a file modified within settleSeconds → waits for a later pull, nothing is taken', async () => {
  fs.writeFileSync(path.join(outbox, 'marriages-1.csv'), `${HEADER}\r\n`);
  const source = open(PULL, {}, 60);
  expect(await source.pull()).toEqual({ pulled: [], waiting: ['marriages-1.csv'] });
  expect(fs.readdirSync(source.folders.inbox)).toEqual([]);
});

it('a wrong password → problem() says the server refused the login; neither it nor the logs hold the password', async () => {
  sendToServer('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`]);
  const wrong = 'not-the-password-42';
  const source = open(PULL, { CIVIL_SFTP_PASSWORD: wrong });
  expect(await source.pull()).toBeNull();
  const problem = await source.problem();
  expect(problem).toMatch(/SFTP server at 127\.0\.0\.1:\d+ refused the login of civil/);
  expect(JSON.stringify(await source.details())).toContain('refused the login');
  expect(logged.join('\n')).toContain('refused the login');
  for (const text of [problem!, logged.join('\n'), JSON.stringify(await source.details())]) expect(text).not.toContain(wrong);
  expect(await pulledNames()).toEqual([]);
});

it('a server whose host key is not the declared one → refused before logging in, nothing pulled', async () => {
  sendToServer('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`]);
  const other = fingerprint(generateKey().parsed);
  const source = open(PULL, { CIVIL_SFTP_HOST_KEY: other });
  expect(await source.pull()).toBeNull();
  expect(await source.problem()).toBe(`the SFTP server at 127.0.0.1:${port} presented host key ${hostKey}, not the declared hostKey: refused, nothing pulled`);
  expect(fs.readdirSync(source.folders.inbox)).toEqual([]);
  expect(await pulledNames()).toEqual([]);
});

it('a failed pull then a good one → the problem clears', async () => {
  const source = open(PULL, { CIVIL_SFTP_URL: `sftp://${USER}@127.0.0.1:${port}/missing` });
  expect(await source.pull()).toBeNull();
  expect(await source.problem()).toMatch(/the folder \/missing cannot be listed/);
  await source.close();
  const fixed = open(PULL);
  expect(await fixed.pull()).toEqual({ pulled: [], waiting: [] });
  expect(await fixed.problem()).toBeNull();
});

it('a password written in the declaration → refused when the source is created, naming the file and line, without repeating it', () => {
  expect(() => open({ ...PULL, password: 'hunter2-secret' })).toThrow(/subgraphs\/civil\/exchange\.yaml:8: source: pull: password must be env:NAME/);
  expect(() => open({ ...PULL, password: 'hunter2-secret' })).not.toThrow(/hunter2-secret/);
});

it('a URL with a password in it → refused when the source is created, without repeating it', () => {
  const url = `sftp://${USER}:url-secret@127.0.0.1:${port}/outbox`;
  expect(() => open(PULL, { CIVIL_SFTP_URL: url })).toThrow(/CIVIL_SFTP_URL has a password in it/);
  expect(() => open(PULL, { CIVIL_SFTP_URL: url })).not.toThrow(/url-secret/);
});

it('no hostKey → refused when the source is created (hostKey: any must be said)', () => {
  const { hostKey: _, ...withoutHostKey } = PULL;
  expect(() => open(withoutHostKey)).toThrow(/source: pull: hostKey: give the server's host key fingerprint/);
});

it('an unknown pull setting → refused when the source is created', () => {
  expect(() => open({ ...PULL, deleteAfter: true })).toThrow(/source: pull: unknown setting 'deleteAfter'/);
});

it('a pull variable not set → the source opens, problem() and check name the variable, nothing is pulled', async () => {
  const source = createFilesSource({
    department: 'civil',
    source: { kind: 'files', pull: PULL },
    datasets: [marriages],
    dataDir: dir,
    env: {},
    log: pino({ level: 'silent' }),
    db: database.db,
  });
  opened.push(source);
  expect(await source.pull()).toBeNull();
  expect(await source.problem()).toBe('the pull from SFTP cannot run: CIVIL_SFTP_URL, CIVIL_SFTP_PASSWORD, CIVIL_SFTP_HOST_KEY are not set');
  expect((await source.check([marriages])).map((p) => p.message)).toEqual([
    'source: pull: CIVIL_SFTP_URL, CIVIL_SFTP_PASSWORD, CIVIL_SFTP_HOST_KEY are not set, so nothing is pulled from SFTP',
  ]);
});
