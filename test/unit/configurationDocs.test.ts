import fs from 'node:fs';
import path from 'node:path';
import { GATEWAY_ENV } from '../../gateway/config';

/** Every variable the gateway's configuration reads is in the README's configuration table. */
describe('README configuration table', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));

  it('a variable the gateway reads → listed in the table', () => {
    const missing = Object.values(GATEWAY_ENV).filter((name) => !section.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
