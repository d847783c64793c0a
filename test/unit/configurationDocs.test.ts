import fs from 'node:fs';
import path from 'node:path';
import { GATEWAY_ENV } from '../../gateway/config';

/** Every variable the gateway's configuration reads is in the operators' configuration table. */
describe('operators guide configuration table', () => {
  const guide = fs.readFileSync(path.resolve(__dirname, '../../docs/operators.md'), 'utf8');
  const start = guide.indexOf('\n## Configuration\n');
  const end = guide.indexOf('\n## ', start + 1);
  const section = start < 0 ? '' : guide.slice(start, end < 0 ? undefined : end);

  it('a variable the gateway reads → listed in the table of docs/operators.md', () => {
    const missing = Object.values(GATEWAY_ENV).filter((name) => !section.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
