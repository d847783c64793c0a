import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { POLICIES_DIR, readPolicyDir } from '../../policies';
import { describeWithRedis, REDIS_URL } from '../support/services';

/** `npx govgraph policy publish` as an officer runs it: the process's exit code and what it prints. */
const BIN = path.join(__dirname, '..', '..', 'bin', 'govgraph.js');
const PREFIX = `govgraph-test-cli-${process.pid}-${Math.floor(Math.random() * 1e6)}:`;

let work: string;

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { REDIS_URL: _ignored, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'policy', 'publish', ...args], { cwd: work, env: { ...inherited, USER: 'officer-li', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-publish-cli-'));
  for (const name of ['good', 'bad']) {
    fs.mkdirSync(path.join(work, name));
    for (const { file, text } of readPolicyDir(POLICIES_DIR).files) fs.writeFileSync(path.join(work, name, file), text);
  }
  const bad = path.join(work, 'bad', 'licenses.yaml');
  fs.writeFileSync(bad, fs.readFileSync(bad, 'utf8').replace('department: licenses', 'department: license'));
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('govgraph policy publish (exit codes)', () => {
  it('no REDIS_URL and no --redis → exit 2, saying how to give one', async () => {
    const { code, stderr } = await run(['--dir', 'good']);
    expect(code).toBe(2);
    expect(stderr).toContain('policy publish: where to? Set REDIS_URL or pass --redis redis://host:6379');
  });

  it('policies with a problem → exit 1, each problem as file:line, nothing published', async () => {
    const { code, stdout, stderr } = await run(['--dir', 'bad'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^bad\/licenses\.yaml:\d+: /);
    expect(stderr).toContain('nothing was published');
  });
});

describeWithRedis('govgraph policy publish (against Redis)', () => {
  afterAll(async () => {
    const redis = new Redis(REDIS_URL!);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('valid policies → exit 0, version 1 published; again → exit 0, nothing to publish', async () => {
    const env = { REDIS_URL: REDIS_URL!, GOVGRAPH_REDIS_PREFIX: PREFIX };
    const first = await run(['--dir', 'good'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Published policy version 1 from good as officer-li to redis:\/\//);
    const again = await run(['--dir', 'good', '--as', 'officer-wang'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing to publish: version 1 .* published by officer-li at /);
  });
});
