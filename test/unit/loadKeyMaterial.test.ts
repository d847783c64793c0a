import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKeyMaterial, parseTextSecret, type LoadKeyMaterialOptions } from '../../schema/contracts/keys/loadKeyMaterial';
import { importEd25519Jwk } from '../../schema/contracts/keys/importEd25519Jwk';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-key-material-'));
  file = path.join(dir, 'keys', 'some-key');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const parse = (text: string, source: string): string => new TextDecoder().decode(parseTextSecret(text, source, 32, 'make a longer one'));
const options = (overrides: Partial<LoadKeyMaterialOptions<string>> = {}): LoadKeyMaterialOptions<string> => ({ file, parse, missing: 'No test key: set TEST_KEY', ...overrides });

describe('loadKeyMaterial', () => {
  it('a value given → that value, the file not consulted', () => {
    expect(loadKeyMaterial(options({ given: { value: SECRET, source: 'TEST_KEY' }, create: () => ({ text: 'never-written' }) }))).toEqual({
      key: SECRET,
      source: 'TEST_KEY',
      created: false,
    });
  });

  it('an empty value given → the file', () => {
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, `${SECRET}\n`);
    expect(loadKeyMaterial(options({ given: { value: '', source: 'TEST_KEY' } }))).toEqual({ key: SECRET, source: file, created: false });
  });

  it('nothing anywhere, creation allowed → a new key in a file only its owner may read, in a directory only its owner may enter', () => {
    const loaded = loadKeyMaterial(options({ create: () => ({ text: SECRET, beside: { 'some-key.public': 'the public half' } }) }));
    expect({
      loaded,
      fileMode: fs.statSync(file).mode & 0o777,
      dirMode: fs.statSync(path.dirname(file)).mode & 0o777,
      beside: fs.readFileSync(path.join(path.dirname(file), 'some-key.public'), 'utf8'),
    }).toEqual({ loaded: { key: SECRET, source: file, created: true }, fileMode: 0o600, dirMode: 0o700, beside: 'the public half' });
  });

  it('a file written by another process first → that key, not a second one', () => {
    let created = 0;
    const create = () => {
      created += 1;
      // Another process wins the race while this one makes its key.
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, SECRET);
      return { text: 'the-loser-of-the-race-with-enough-characters' };
    };
    expect({ loaded: loadKeyMaterial(options({ create })), created }).toEqual({ loaded: { key: SECRET, source: file, created: false }, created: 1 });
  });

  it('nothing anywhere, creation not allowed → the caller’s message, no file made', () => {
    expect(() => loadKeyMaterial(options())).toThrow('No test key: set TEST_KEY');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a value that does not parse → an error naming where it came from, never the value', () => {
    const short = 'short-secret-value';
    let message = '';
    try {
      loadKeyMaterial(options({ given: { value: short, source: 'TEST_KEY' } }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect({ names: message.startsWith('TEST_KEY is 18 characters long'), repeats: message.includes(short) }).toEqual({ names: true, repeats: false });
  });

  it('a private key that is not JSON → an error naming the variable, never quoting the text', () => {
    const text = '{"kty":"OKP","d":"c2VjcmV0LXNlY3JldA"';
    let message = '';
    try {
      loadKeyMaterial({ given: { value: text, source: 'TEST_JWK' }, file, parse: (value, source) => importEd25519Jwk(value, source, 'gateway', 'private'), missing: 'none' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect({ names: message.startsWith('TEST_JWK is not JSON'), repeats: message.includes('c2VjcmV0LXNlY3JldA') }).toEqual({ names: true, repeats: false });
  });
});
