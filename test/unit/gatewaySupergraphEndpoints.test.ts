import { readGatewayConfig } from '../../gateway/config';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { healthUrlFor } from '../../gateway/server/checkSubgraphHealth';
import { resolveSubgraphUrl } from '../../gateway/server/resolveSubgraphUrl';
import { subgraphsOfSupergraph } from '../../gateway/server/subgraphsOfSupergraph';

describe('subgraphsOfSupergraph', () => {
  it('lists each subgraph with the URL composed into the supergraph', () => {
    const { supergraphSdl, errors } = composeServices([
      { name: 'alpha', url: 'http://alpha.internal/graphql', typeDefs: parse('type Query { a: Int }') },
      { name: 'beta', url: 'http://beta.internal/graphql', typeDefs: parse('type Query { b: Int }') },
    ]);
    expect(errors).toBeUndefined();
    expect(subgraphsOfSupergraph(supergraphSdl!)).toEqual([
      { name: 'alpha', url: 'http://alpha.internal/graphql' },
      { name: 'beta', url: 'http://beta.internal/graphql' },
    ]);
  });
});

describe('resolveSubgraphUrl', () => {
  it('an override for the department → the override, not the supergraph URL', () => {
    expect(resolveSubgraphUrl('alpha', 'http://baked/graphql', { alpha: 'http://override/graphql' })).toBe('http://override/graphql');
  });

  it('no override → the URL in the supergraph', () => {
    expect(resolveSubgraphUrl('beta', 'http://baked/graphql', { alpha: 'http://override/graphql' })).toBe('http://baked/graphql');
  });

  it('no URL known → refused naming the environment variable to set', () => {
    expect(() => resolveSubgraphUrl('beta', undefined, {})).toThrow('GOVGRAPH_BETA_URL');
  });
});

describe('gateway configuration of subgraph URLs', () => {
  it('GOVGRAPH_<NAME>_URL → an override for that department', () => {
    expect(readGatewayConfig({ GOVGRAPH_ALPHA_URL: 'http://from-env/graphql' }).subgraphUrls).toEqual({ alpha: 'http://from-env/graphql' });
  });
});

describe('healthUrlFor', () => {
  it('replaces a trailing /graphql by /health', () => {
    expect(healthUrlFor('http://127.0.0.1:4001/graphql')).toBe('http://127.0.0.1:4001/health');
  });

  it('appends /health to a URL without /graphql', () => {
    expect(healthUrlFor('http://gw.internal/population/')).toBe('http://gw.internal/population/health');
  });
});
