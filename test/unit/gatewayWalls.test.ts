import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The request path's walls, as DESIGN.md states them: each stage depends on `request/` and
 * `config/` below it, never on `server/` (which only assembles the stages) or `cli/`; and
 * `request/` and `config/` depend on no stage.
 */
const GATEWAY = path.resolve(__dirname, '../../gateway');
const STAGES = ['authenticate', 'limit', 'policy', 'execute', 'audit', 'metrics', 'tracing'];
const BELOW = ['request', 'config'];

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The gateway folders a file imports from (`server`, `request`, …), by resolving its relative imports. */
function gatewayFoldersImportedBy(root: string, file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g), ...text.matchAll(/require\(['"](\.[^'"]+)['"]\)/g)].map((m) => m[1]);
  return specifiers.flatMap((specifier) => {
    const target = path.relative(root, path.resolve(path.dirname(file), specifier));
    return target.startsWith('..') ? [] : [target.split(path.sep)[0]];
  });
}

function violations(folders: string[], forbidden: (folder: string) => boolean, root = GATEWAY): string[] {
  return folders.flatMap((own) =>
    sourcesUnder(path.join(root, own)).flatMap((file) =>
      gatewayFoldersImportedBy(root, file)
        .filter((folder) => folder !== own && forbidden(folder))
        .map((folder) => `${path.relative(root, file)} imports ${folder}/`),
    ),
  );
}

describe('gateway walls', () => {
  it('a stage imports server/ or cli/ → reported (none do)', () => {
    expect(violations(STAGES, (folder) => folder === 'server' || folder === 'cli')).toEqual([]);
  });

  it('request/ or config/ imports a stage, server/ or cli/ → reported (none do)', () => {
    expect(violations(BELOW, (folder) => !BELOW.includes(folder))).toEqual([]);
  });

  it('a stage file that imports server/ → the checker names it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-walls-'));
    fs.mkdirSync(path.join(root, 'policy'));
    fs.writeFileSync(path.join(root, 'policy', 'probe.ts'), "import { startGateway } from '../server/startGateway';\n");
    try {
      expect(violations(['policy'], (folder) => folder === 'server', root)).toEqual(['policy/probe.ts imports server/']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
