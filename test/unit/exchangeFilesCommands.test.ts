import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCommand } from '../../cli/exchange/loadCommand';
import { loadsCommand } from '../../cli/exchange/loadsCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { marriageRegistrationsCsv, SEED_FILE_NAME } from '../../subgraphs/civil/marriageRegistrations';

/** `govgraph exchange load` and `exchange loads` over the civil department's declaration and seed export. */
it('exchange load civil FILE with no department running → the command loads it and prints the quarantined lines; exchange loads --json lists it as served', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-files-cli-'));
  try {
    const file = path.join(dir, SEED_FILE_NAME);
    fs.writeFileSync(file, marriageRegistrationsCsv({ seed: 7, scale: 0.05 }));
    const env = { GOVGRAPH_DATA_DIR: path.join(dir, 'data') };

    const load = bufferedIo(dir);
    expect(await loadCommand(['civil', file, '--wait', '0'], env, load)).toBe(0);
    expect(load.stdout().split('\n')).toEqual([
      expect.stringMatching(/^civil: marriages-20261101\.csv → dataset marriages, load 1: accepted, \d+ row\(s\) loaded, 2 quarantined; now served\.$/),
      '  line 3: column DJRQ: not a date (YYYYMMDD or YYYY-MM-DD)',
      expect.stringMatching(/^ {2}line \d+: duplicate key GMSFHM \(first at line 2\)$/),
      'The file is kept as processed/marriages-20261101.csv.',
    ]);

    const loads = bufferedIo(dir);
    expect(await loadsCommand(['civil', '--json'], env, loads)).toBe(0);
    expect(JSON.parse(loads.stdout())).toEqual([
      expect.objectContaining({ id: 1, dataset: 'marriages', file: SEED_FILE_NAME, outcome: 'accepted', rowsQuarantined: 2, current: true }),
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
