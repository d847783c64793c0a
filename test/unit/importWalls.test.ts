import { startLinter, type Linter } from '../support/startLinter';

/**
 * The walls between folders (DESIGN.md) as eslint.config.mjs enforces them: each test lints a
 * made-up file at a real place in the tree and reads which wall refuses its import.
 */
const DEPARTMENTS = ['population', 'market', 'licenses', 'services', 'catalog'];

let linter: Linter;

beforeAll(() => {
  linter = startLinter(['walls', 'no-restricted-syntax']);
});

afterAll(async () => {
  await linter.close();
});

/** The walls (rule ids) that refuse `specifier` imported from `file`, each checked to name itself in its message. */
async function wallsRefusing(file: string, specifier: string): Promise<string[]> {
  const messages = await linter.lint(file, `import { probe } from '${specifier}';\nexport const used = probe;\n`);
  return messages.map(({ ruleId, message }) => {
    const wall = ruleId?.replace(/^walls\//, '');
    expect(message).toContain(`Wall "${wall}"`);
    expect(message).toContain(`'${specifier}'`);
    return ruleId ?? '(no rule)';
  });
}

describe('departments-apart', () => {
  it.each(DEPARTMENTS)('subgraphs/%s imports another department → refused by departments-apart', async (department) => {
    const other = DEPARTMENTS.find((name) => name !== department)!;
    expect(await wallsRefusing(`subgraphs/${department}/resolvers.ts`, `../${other}/definition`)).toEqual(['walls/departments-apart']);
  });

  it('a department file in a sub-folder climbs to subgraphs/ and down into another department → refused by departments-apart', async () => {
    expect(await wallsRefusing('subgraphs/services/review/reviewQuery.ts', '../../../subgraphs/population/loaders')).toEqual(['walls/departments-apart']);
  });

  it('a department imports its own files, the kit and schema/ → no wall', async () => {
    expect(await wallsRefusing('subgraphs/market/resolvers.ts', './loaders')).toEqual([]);
    expect(await wallsRefusing('subgraphs/market/resolvers.ts', '../kit/defineDepartment')).toEqual([]);
    expect(await wallsRefusing('subgraphs/market/resolvers.ts', '../../schema/contracts/errorCodes')).toEqual([]);
  });
});

describe('kit-below-departments', () => {
  it('subgraphs/kit imports a department → refused by kit-below-departments', async () => {
    expect(await wallsRefusing('subgraphs/kit/enforcement/guardFields.ts', '../../population/definition')).toEqual(['walls/kit-below-departments']);
  });
});

describe('exchange-between-kit-and-departments', () => {
  it('exchange/ imports a department → refused by exchange-between-kit-and-departments', async () => {
    expect(await wallsRefusing('exchange/adapter/createAdapterResolvers.ts', '../../subgraphs/hrss/standInSystem')).toEqual(['walls/exchange-between-kit-and-departments']);
  });

  it('the kit imports exchange/ → refused by exchange-between-kit-and-departments', async () => {
    expect(await wallsRefusing('subgraphs/kit/startSubgraph.ts', '../../exchange')).toEqual(['walls/exchange-between-kit-and-departments']);
  });

  it('a department imports exchange/ and exchange/ the kit and codes/ → no wall', async () => {
    expect(await wallsRefusing('subgraphs/hrss/index.ts', '../../exchange')).toEqual([]);
    expect(await wallsRefusing('exchange/adapterDepartment.ts', '../subgraphs/kit')).toEqual([]);
    expect(await wallsRefusing('exchange/adapterDepartment.ts', '../codes')).toEqual([]);
  });
});

describe('gateway-knows-departments-by-url', () => {
  it("gateway/server imports a department's code → refused by gateway-knows-departments-by-url", async () => {
    expect(await wallsRefusing('gateway/server/startGateway.ts', '../../subgraphs/population/definition')).toEqual(['walls/gateway-knows-departments-by-url']);
  });

  it('a gateway stage imports the kit → refused by gateway-knows-departments-by-url', async () => {
    expect(await wallsRefusing('gateway/metrics/useMetrics.ts', '../../subgraphs/kit/startSubgraph')).toEqual(['walls/gateway-knows-departments-by-url']);
  });

  it('the gateway imports cli/ → refused by gateway-knows-departments-by-url', async () => {
    expect(await wallsRefusing('gateway/limit/rate/slidingWindow.ts', '../../../cli/parseOptions')).toEqual(['walls/gateway-knows-departments-by-url']);
  });
});

describe('stages-below-server', () => {
  it.each(['authenticate', 'limit', 'policy', 'execute', 'audit', 'metrics', 'tracing'])('gateway/%s imports gateway/server → refused by stages-below-server', async (stage) => {
    expect(await wallsRefusing(`gateway/${stage}/probe.ts`, '../server/startGateway')).toEqual(['walls/stages-below-server']);
  });

  it('a stage imports gateway/request and gateway/config → no wall', async () => {
    expect(await wallsRefusing('gateway/policy/decideFields.ts', '../request/RequestContext')).toEqual([]);
    expect(await wallsRefusing('gateway/policy/decideFields.ts', '../config')).toEqual([]);
  });
});

describe('request-and-config-below-stages', () => {
  it('gateway/request imports a stage → refused by request-and-config-below-stages', async () => {
    expect(await wallsRefusing('gateway/request/RequestContext.ts', '../limit/operationLimits')).toEqual(['walls/request-and-config-below-stages']);
  });

  it('gateway/config imports gateway/server → refused by request-and-config-below-stages', async () => {
    expect(await wallsRefusing('gateway/config/GatewayConfig.ts', '../server/startGateway')).toEqual(['walls/request-and-config-below-stages']);
  });

  it('gateway/request imports gateway/config → no wall', async () => {
    expect(await wallsRefusing('gateway/request/RequestContext.ts', '../config/GatewayConfig')).toEqual([]);
  });
});

describe('policies-through-doors', () => {
  it.each([
    ['gateway/policy/decideFields.ts', '../../policies/engine/types'],
    ['subgraphs/kit/enforcement/enforcePolicies.ts', '../../../policies/publish/followPolicies'],
    ['cli/policy/policyIo.ts', '../../policies/signing/verifyPolicySignature'],
    ['schema/catalog/catalogEntries.ts', '../../policies/grants/types'],
    ['gateway/audit/auditPlugin.ts', '../../policies/masks/maskIdNumber'],
  ])('%s imports %s, behind a door → refused by policies-through-doors', async (file, specifier) => {
    expect(await wallsRefusing(file, specifier)).toEqual(['walls/policies-through-doors']);
  });

  it.each(['../../policies', '../../policies/index', '../../policies/grants', '../../policies/masks'])('gateway/policy imports the door %s → no wall', async (specifier) => {
    expect(await wallsRefusing('gateway/policy/decideFields.ts', specifier)).toEqual([]);
  });

  it('policies/ itself imports its engine → no wall', async () => {
    expect(await wallsRefusing('policies/grants/effectivePolicies.ts', '../engine/types')).toEqual([]);
  });
});

describe('masks-without-engine', () => {
  it('policies/masks imports policies/engine → refused by masks-without-engine', async () => {
    expect(await wallsRefusing('policies/masks/applyMask.ts', '../engine/types')).toEqual(['walls/masks-without-engine']);
  });
});

describe('schema-below-all', () => {
  it.each(['../../gateway/request', '../../subgraphs/kit/defineDepartment', '../../cli/parseOptions'])('schema/ imports %s → refused by schema-below-all', async (specifier) => {
    expect(await wallsRefusing('schema/contracts/gatewayToken.ts', specifier)).toEqual(['walls/schema-below-all']);
  });
});

describe('codes-stand-alone', () => {
  it.each(['../subgraphs/kit/defineDepartment', '../policies', '../gateway/request', '../schema/catalog/catalogEntries'])(
    'codes/ imports %s → refused by codes-stand-alone',
    async (specifier) => {
      expect(await wallsRefusing('codes/divisionOf.ts', specifier)).toEqual(['walls/codes-stand-alone']);
    },
  );

  it('codes/ imports its own files and schema/contracts → no wall', async () => {
    expect(await wallsRefusing('codes/tables/probe.ts', '../codeTable')).toEqual([]);
    expect(await wallsRefusing('codes/divisionOf.ts', '../schema/contracts/errorCodes')).toEqual([]);
  });
});

describe('test-stays-in-test', () => {
  it('production code imports test/ → refused by test-stays-in-test', async () => {
    expect(await wallsRefusing('cli/startCommand.ts', '../test/support/freePort')).toEqual(['walls/test-stays-in-test']);
  });

  it('a test imports test/support, a department and the policy engine → no wall', async () => {
    expect(await wallsRefusing('test/unit/probe.test.ts', '../support/freePort')).toEqual([]);
    expect(await wallsRefusing('test/unit/probe.test.ts', '../../subgraphs/population/definition')).toEqual([]);
    expect(await wallsRefusing('test/unit/probe.test.ts', '../../policies/engine/types')).toEqual([]);
  });
});

describe('several walls, and the ways round them', () => {
  it('a stage imports gateway/server and the policy engine → refused by both walls', async () => {
    const messages = await linter.lint(
      'gateway/limit/probe.ts',
      "import { a } from '../server/startGateway';\nimport { b } from '../../policies/engine/types';\nexport const used = [a, b];\n",
    );
    expect(messages.map(({ ruleId, line }) => [ruleId, line])).toEqual([
      ['walls/stages-below-server', 1],
      ['walls/policies-through-doors', 2],
    ]);
  });

  it('a re-export from behind a wall → refused like an import', async () => {
    const messages = await linter.lint('gateway/server/probe.ts', "export { definition } from '../../subgraphs/population/definition';\n");
    expect(messages.map(({ ruleId }) => ruleId)).toEqual(['walls/gateway-knows-departments-by-url']);
  });

  it('import() or a type import(…) of a path outside the folder → refused, since the walls do not see them', async () => {
    const messages = await linter.lint(
      'gateway/server/probe.ts',
      "export const later = () => import('../../subgraphs/population/definition');\nexport type Types = typeof import('../../policies/engine/types');\n",
    );
    expect(messages.map(({ ruleId, line }) => [ruleId, line])).toEqual([
      ['no-restricted-syntax', 1],
      ['no-restricted-syntax', 2],
    ]);
  });

  it('import() of a file in the same folder → no wall', async () => {
    expect(await linter.lint('cli/main.ts', "export const later = () => import('./startCommand');\n")).toEqual([]);
  });
});

describe('one error registry', () => {
  it('a registered code written as a bare string outside the registry → refused', async () => {
    const messages = await linter.lint('gateway/server/probe.ts', "export const refusal = { code: 'FORBIDDEN' };\n");
    expect(messages.map(({ ruleId, message }) => [ruleId, message.startsWith('One error registry')])).toEqual([['no-restricted-syntax', true]]);
  });

  it('a code named through CODES, or a code in a type → no finding', async () => {
    const source = "import { CODES } from '../../schema/contracts/errorCodes';\nexport const refusal = { code: CODES.FORBIDDEN };\nexport type Refused = { code: 'FORBIDDEN' };\n";
    expect(await linter.lint('gateway/server/probe.ts', source)).toEqual([]);
  });

  it('a string that is not a registered code → no finding', async () => {
    expect(await linter.lint('gateway/server/probe.ts', "export const word = 'FORBIDDEN_FRUIT';\n")).toEqual([]);
  });
});

describe('console-over-the-api', () => {
  it('the console imports server code → refused by console-over-the-api', async () => {
    expect(await wallsRefusing('console/app/pages/Audit.tsx', '../../../gateway/audit')).toEqual(['walls/console-over-the-api']);
  });

  it('the IDE imports its own files and packages → no wall', async () => {
    expect(await wallsRefusing('console/ide/main.tsx', './govgraphPlugin')).toEqual([]);
    expect(await wallsRefusing('console/ide/main.tsx', 'graphiql')).toEqual([]);
  });
});
