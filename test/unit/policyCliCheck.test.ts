import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policyCommand } from '../../cli/policy/policyCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';

/** `govgraph policy check` over the shipped policies, against the shipped or an altered supergraph. */
async function check(supergraphSdl?: string) {
  const io = bufferedIo(process.cwd());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-check-'));
  try {
    const args = ['check'];
    if (supergraphSdl !== undefined) {
      fs.writeFileSync(path.join(dir, 'supergraph.graphql'), supergraphSdl);
      args.push('--supergraph', path.join(dir, 'supergraph.graphql'));
    }
    const code = await policyCommand(args, io);
    return { code, out: io.stdout(), err: io.stderr() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('policy check', () => {
  it('the shipped policies and schema → exit 0, saying every field has one rule and every deniable field is nullable', async () => {
    const { code, out } = await check();
    expect(code).toBe(0);
    expect(out).toContain('every field of the supergraph has exactly one valid rule, and every field a reader may be denied is nullable.');
  });

  it('a field some readers are denied, declared non-null → exit 1, the field at its rule as file:line, and what to change', async () => {
    const { code, out, err } = await check(fs.readFileSync(SUPERGRAPH_FILE, 'utf8').replace('ethnicity: String', 'ethnicity: String!'));
    expect(code).toBe(1);
    expect(out).toMatch(/^policies\/population\.yaml:\d+: Person\.ethnicity is non-null in the schema/m);
    expect(err).toContain("1 non-null field(s) the policies deny to some readers: make them nullable in the departments' SDLs");
  });
});
