import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../schema/contracts/errorCodes';

function readmeErrorTable(): Map<string, number> {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split('## Errors')[1]?.split('\n## ')[0] ?? '';
  const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)];
  return new Map(rows.map((m) => [m[1], Number(m[2])]));
}

describe('error code registry', () => {
  it('README error table lists exactly the registered codes', () => {
    expect([...readmeErrorTable().keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('README error table gives each code its registered HTTP status', () => {
    const table = readmeErrorTable();
    for (const [code, entry] of Object.entries(ERROR_CODES)) expect([code, table.get(code)]).toEqual([code, entry.httpStatus]);
  });
});
