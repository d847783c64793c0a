import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The wall around policies/, as DESIGN.md states it: other folders enter it only through its
 * doors — policies/index.ts, and the grants/ and masks/ indexes — never into engine/,
 * publish/, signing/ or a single grants/ or masks/ file. Inside, the engine uses the masks and
 * the masks know nothing of the engine.
 */
const ROOT = path.resolve(__dirname, '../..');
const OUTSIDE = ['gateway', 'subgraphs', 'cli', 'schema', 'bin'];
const DOORS = ['policies', 'policies/grants', 'policies/masks'];

function sourcesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourcesUnder(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

/** Where a file's relative imports land inside policies/ (`policies/engine/types`, `policies`, …). */
function policyTargetsOf(root: string, file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g), ...text.matchAll(/(?:require|import)\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1]);
  return specifiers
    .map((specifier) =>
      path
        .relative(root, path.resolve(path.dirname(file), specifier))
        .split(path.sep)
        .join('/'),
    )
    .filter((target) => target === 'policies' || target.startsWith('policies/'));
}

function deepImports(root: string, folders: string[]): string[] {
  return folders.flatMap((folder) =>
    sourcesUnder(path.join(root, folder)).flatMap((file) =>
      policyTargetsOf(root, file)
        .filter((target) => !DOORS.includes(target.replace(/\/index$/, '')))
        .map((target) => `${path.relative(root, file)} imports ${target}`),
    ),
  );
}

/** The imports of the files under `from` that land under `into` (both relative to the root). */
function importsInto(root: string, from: string, into: string): string[] {
  return sourcesUnder(path.join(root, from)).flatMap((file) =>
    policyTargetsOf(root, file)
      .filter((target) => target === into || target.startsWith(`${into}/`))
      .map((target) => `${path.relative(root, file)} imports ${target}`),
  );
}

describe('policies/ doors', () => {
  it('gateway, subgraphs, cli, schema or bin importing past a door → reported (none do)', () => {
    expect(deepImports(ROOT, OUTSIDE)).toEqual([]);
  });

  it('a file that imports policies/engine/ → the checker names it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-doors-'));
    fs.mkdirSync(path.join(root, 'gateway'));
    fs.writeFileSync(path.join(root, 'gateway', 'probe.ts'), "import type { PolicySet } from '../policies/engine/types';\nimport { applyMask } from '../policies';\n");
    try {
      expect(deepImports(root, ['gateway'])).toEqual(['gateway/probe.ts imports policies/engine/types']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('masks/ importing engine/ → reported (none do)', () => {
    expect(importsInto(ROOT, 'policies/masks', 'policies/engine')).toEqual([]);
  });
});
