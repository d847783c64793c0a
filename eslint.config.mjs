// ESLint for govgraph: the recommended JavaScript and TypeScript rules, three type-aware rules
// about promises, and the walls between folders that DESIGN.md states. Formatting is Prettier's
// job (eslint-config-prettier, last, switches off every rule that would fight it).
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** The folders directly under `dir`, read from the tree so that a new one is walled the day it appears. */
function foldersOf(dir) {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/** Every folder of subgraphs/ but the kit is a department. */
const DEPARTMENTS = foldersOf('subgraphs').filter((name) => name !== 'kit');
/** request/ (the per-request context) and config/ sit below every stage; server/ only assembles them. */
const BELOW_STAGES = ['request', 'config'];
/** Every other folder of gateway/ is a stage of the request path (authenticate, limit, policy, execute, audit, metrics, tracing). */
const STAGES = foldersOf('gateway').filter((name) => name !== 'server' && !BELOW_STAGES.includes(name));

// The walls match the import as written, which is always relative here (there are no path
// aliases): one or more `../` climb out of the importing folder, then the path goes down again.
const UP = String.raw`^(?:\.\./)+`;
const either = (names) => `(?:${names.join('|')})`;
const END = '(?:/|$)';

/**
 * Each wall is its own rule, so that a file behind several walls is checked against all of them
 * (flat config keeps only the last options of one rule) and the rule id in a report names the
 * wall. Every one is typescript-eslint's no-restricted-imports, which also sees
 * `import x = require()` and `export … from`.
 */
const WALLS = [
  'departments-apart',
  'kit-below-departments',
  'gateway-knows-departments-by-url',
  'stages-below-server',
  'request-and-config-below-stages',
  'policies-through-doors',
  'masks-without-engine',
  'schema-below-all',
  'codes-stand-alone',
  'exchange-between-kit-and-departments',
  'test-stays-in-test',
  'console-over-the-api',
];
const walls = {
  meta: { name: 'govgraph-walls' },
  rules: Object.fromEntries(WALLS.map((name) => [name, tseslint.plugin.rules['no-restricted-imports']])),
};

/**
 * One wall: in the files `where` names (globs, or { files, ignores }), an import matching a key of
 * `forbid` is refused with its message.
 */
function wall(name, where, forbid) {
  if (!WALLS.includes(name)) throw new Error(`eslint.config.mjs: unknown wall ${name}`);
  const { files, ignores = [] } = Array.isArray(where) ? { files: where } : where;
  const patterns = Object.entries(forbid).map(([regex, message]) => ({ regex, message: `Wall "${name}": ${message}`, caseSensitive: true }));
  return { name: `govgraph/walls/${name}`, files, ignores, plugins: { walls }, rules: { [`walls/${name}`]: ['error', { patterns }] } };
}

const SOURCES = ['**/*.{ts,tsx,js,mjs,cjs}'];
const OUTSIDE_POLICIES_AND_TEST = { files: SOURCES, ignores: ['policies/**', 'test/**'] };
const OUTSIDE_TEST = { files: SOURCES, ignores: ['test/**'] };
/** The registered error codes, read from the one registry (`  CODE: {` at the start of a line). */
const ERROR_CODES_FILE = 'schema/contracts/errorCodes.ts';
const ERROR_CODES = [...fs.readFileSync(path.join(ROOT, ERROR_CODES_FILE), 'utf8').matchAll(/^ {2}([A-Z][A-Z0-9_]*): \{/gm)].map((match) => match[1]);
/** The project's top-level folders other than codes/ and schema/: codes/ imports none of them. */
const OUTSIDE_CODES = foldersOf('.').filter((name) => !['codes', 'schema', 'node_modules'].includes(name));
/** The doors of policies/: its index, and the indexes of grants/ and masks/. */
const DOORS = ['index', 'grants', 'masks', 'grants/index', 'masks/index'];

const wallConfigs = [
  ...DEPARTMENTS.map((department) => {
    const others = DEPARTMENTS.filter((other) => other !== department);
    return wall('departments-apart', [`subgraphs/${department}/**`], {
      [`${UP}(?:subgraphs/)?${either(others)}${END}`]: `a department never imports another (subgraphs/${department} may not import subgraphs/${others.join(', subgraphs/')}); share code through subgraphs/kit or schema/, data through the graph.`,
    });
  }),
  wall('kit-below-departments', ['subgraphs/kit/**'], {
    [`${UP}(?:subgraphs/)?${either(DEPARTMENTS)}${END}`]: 'the kit imports no department; a department passes what the kit needs in its definition.',
  }),
  wall('gateway-knows-departments-by-url', ['gateway/**'], {
    [`${UP}subgraphs${END}`]: "the gateway never imports a department's code, nor the kit: it knows departments by URL and SDL (schema/composition).",
    [`${UP}cli${END}`]: 'the gateway never imports cli/; the CLI starts the gateway, not the other way round.',
  }),
  wall(
    'stages-below-server',
    STAGES.map((stage) => `gateway/${stage}/**`),
    { [`${UP}(?:gateway/)?server${END}`]: 'a stage never imports gateway/server (it only assembles the stages); take what you need from gateway/request or gateway/config.' },
  ),
  wall(
    'request-and-config-below-stages',
    BELOW_STAGES.map((folder) => `gateway/${folder}/**`),
    {
      [`${UP}(?:gateway/)?${either([...STAGES, 'server'])}${END}`]:
        'gateway/request and gateway/config import no stage and not gateway/server: every stage depends on them, never the reverse.',
    },
  ),
  wall('policies-through-doors', OUTSIDE_POLICIES_AND_TEST, {
    [String.raw`^\.{1,2}/(?:.*/)?policies/(?!${either(DOORS)}$)`]:
      "other folders enter policies/ only through its doors: 'policies' (its index), 'policies/grants' and 'policies/masks'; export what you need from one of them.",
  }),
  wall('masks-without-engine', ['policies/masks/**'], {
    [`${UP}(?:policies/)?engine${END}`]: 'policies/masks never imports policies/engine: the engine decides, a mask only transforms a value.',
  }),
  wall('schema-below-all', ['schema/**'], {
    [`${UP}${either(['gateway', 'subgraphs', 'cli'])}${END}`]: 'schema/ holds the contracts that gateway and departments share: it imports neither of them, nor cli/.',
  }),
  wall('codes-stand-alone', ['codes/**'], {
    [`${UP}(?:${either(OUTSIDE_CODES)}${END}|schema/(?!contracts${END}))`]:
      'codes/ holds the standard code tables that exchange/, the kit and departments share: it imports nothing of the project but schema/contracts.',
  }),
  wall('exchange-between-kit-and-departments', ['exchange/**'], {
    [`${UP}subgraphs/${either(DEPARTMENTS)}${END}`]:
      'exchange/ serves declared departments and imports none: a department calls adapterDepartment(__dirname) and passes what it needs (its stand-in seed).',
  }),
  wall('exchange-between-kit-and-departments', ['subgraphs/kit/**'], {
    [`${UP}exchange${END}`]: 'the kit never imports exchange/: exchange/ builds declared departments on the kit, not the other way round.',
  }),
  wall('console-over-the-api', ['console/ide/**', 'console/app/**', 'console/shared/**'], {
    [`${UP}${either(['gateway', 'subgraphs', 'policies', 'cli', 'exchange', 'codes', 'schema'])}${END}`]:
      'the IDE and console run in the browser and use the graph over HTTP, like any client: they import no server code.',
  }),
  wall('test-stays-in-test', OUTSIDE_TEST, {
    [String.raw`^(?:\./|(?:\.\./)+)test${END}`]: 'nothing outside test/ imports test/; move what production code needs out of test/.',
  }),
];

export default defineConfig(
  { name: 'govgraph/ignores', ignores: ['**/node_modules/', '.data/', 'coverage/', 'dist/', 'console/dist/', 'test/artifacts/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'govgraph/typescript',
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
    rules: {
      // Bugs the type checker does not report: a promise nobody awaits (its rejection is lost and
      // its work may outlive the request), a promise where a value or a void callback is expected.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `any` marks the deliberate edges with loosely typed libraries (Kysely<any> in migrations,
      // resolver maps, GraphQL response bodies in tests); tsc's strict mode checks the rest.
      '@typescript-eslint/no-explicit-any': 'off',
      // A leading underscore says "unused on purpose"; `const { secret: _secret, ...rest }` drops a key.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // require() only for loading on use (a command, an optional SDK) from the same folder or a
      // package; anything that climbs out with `../` is an import, so that the walls see it.
      '@typescript-eslint/no-require-imports': ['error', { allow: [String.raw`^(?!\.\./)`] }],
      // Literal runs of spaces in a regular expression match indentation in SDL and CLI tables;
      // `/ {2}/` would say the same thing less plainly.
      'no-regex-spaces': 'off',
    },
  },
  {
    name: 'govgraph/commonjs',
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { name: 'govgraph/esm', files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  ...wallConfigs,
  {
    // The walls cannot see import() or a type import(…); and an error code is written once, in its registry.
    name: 'govgraph/walls/no-way-round',
    ...OUTSIDE_TEST,
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['ImportExpression > Literal.source', 'TSImportType > Literal.source'].map((node) => ({
          selector: `${node}[value=/^\\.\\.\\//]`,
          message: 'Walls: the walls between folders check static imports only; import from outside this folder with a static `import`, not import() or a type import(…).',
        })),
        {
          selector: `:not(TSLiteralType) > Literal[value=/^(${ERROR_CODES.join('|')})$/]`,
          message: `One error registry: name a code through it (\`CODES.X\` from ${ERROR_CODES_FILE}), never as a bare string.`,
        },
      ],
    },
  },
  prettier,
);
