import { Kind, parse, type ConstArgumentNode } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/**
 * The subgraphs a supergraph is composed of, as the join spec records them:
 * `enum join__Graph { POPULATION @join__graph(name: "population", url: "…") … }`.
 */
export function subgraphsOfSupergraph(supergraphSdl: string): SubgraphEndpoint[] {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphEnum = document.definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph');
  if (!graphEnum || graphEnum.kind !== Kind.ENUM_TYPE_DEFINITION) return [];
  return (graphEnum.values ?? []).flatMap((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = stringArgument(directive?.arguments, 'name');
    const url = stringArgument(directive?.arguments, 'url');
    return name ? [{ name, url: url ?? '' }] : [];
  });
}

function stringArgument(args: readonly ConstArgumentNode[] | undefined, name: string): string | undefined {
  const value = args?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}
