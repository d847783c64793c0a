import { ConfigurationError, gatewayConfigOf, readGatewayConfig } from '../../gateway/config';

describe('limits configuration', () => {
  it("nothing set → the issue's defaults", () => {
    const { limits } = gatewayConfigOf();
    expect(limits).toEqual({
      maxDepth: 10,
      maxAliases: 30,
      maxRootFields: 20,
      maxDirectives: 50,
      maxFragments: 100,
      maxTokens: 5000,
      maxBodyBytes: 256 * 1024,
      batching: false,
      maxStringLength: 1000,
      longTextArguments: ['Query.explainMyAccess.query', 'Query.explainAccess.query', 'PolicyFileInput.content'],
      maxLongTextLength: 200_000,
      cost: { defaultListSize: 20, budgets: { anonymous: 1000, default: 10000 } },
    });
  });

  it('budgets and string length from the environment → read as numbers per role', () => {
    const { limits } = readGatewayConfig({ GOVGRAPH_COST_BUDGETS: 'anonymous=50,default=500,analyst=900', GOVGRAPH_MAX_STRING_LENGTH: '200' });
    expect([limits.cost.budgets, limits.maxStringLength]).toEqual([{ anonymous: 50, default: 500, analyst: 900 }, 200]);
  });

  it('budgets without `anonymous` → refused at start-up, naming the variable', () => {
    expect(() => readGatewayConfig({ GOVGRAPH_COST_BUDGETS: 'default=500' })).toThrow(/GOVGRAPH_COST_BUDGETS='default=500': the cost budgets need `anonymous` and `default`/);
  });

  it("an anonymous budget larger than a role's → refused", () => {
    expect(() => readGatewayConfig({ GOVGRAPH_COST_BUDGETS: 'anonymous=600,default=500' })).toThrow(ConfigurationError);
  });
});
