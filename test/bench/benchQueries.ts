/**
 * The benchmark's queries. Each runs through the gateway and, for the same data, as the
 * part its owning subgraph answers on its own (`direct`): the gap is the cost of the
 * gateway (planning, fetching from the other departments, merging).
 */
export interface BenchQuery {
  name: string;
  /** The subgraph `direct` is sent to. */
  owner: string;
  gateway: string;
  direct: string;
  /** Picks variables from the seeded data. */
  variables(gatewayUrl: string): Promise<Record<string, unknown>>;
}

async function post<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data: T };
  return body.data;
}

export const REVIEW_QUERY = /* GraphQL */ `
  query Review($id: ID!) {
    application(id: $id) {
      id
      status
      submittedAt
      item { code name timeLimitDays requiredLicenses }
      applicant {
        idNumber
        name
        householdAddress
        licenses { licenseNo kind status validUntil }
      }
      enterprise {
        creditCode
        name
        status
        licenses { licenseNo kind status validUntil }
      }
      events { stage actor at }
    }
  }
`;

export const BENCH_QUERIES: BenchQuery[] = [
  {
    name: 'review',
    owner: 'services',
    gateway: REVIEW_QUERY,
    direct: /* GraphQL */ `
      query Review($id: ID!) {
        application(id: $id) {
          id status submittedAt
          item { code name timeLimitDays requiredLicenses }
          applicant { idNumber }
          enterprise { creditCode }
          events { stage actor at }
        }
      }
    `,
    async variables(gatewayUrl) {
      const data = await post<{ people: { edges: { node: { applications: { id: string; status: string; enterprise: unknown }[] } }[] } }>(
        gatewayUrl,
        '{ people(first: 100) { edges { node { applications { id status enterprise { creditCode } } } } } }',
      );
      const applications = data.people.edges.flatMap((e) => e.node.applications);
      const withEnterprise = applications.find((a) => a.enterprise && a.status === 'ACCEPTED') ?? applications.find((a) => a.enterprise) ?? applications[0];
      return { id: withEnterprise.id };
    },
  },
  {
    name: 'licenses-100',
    owner: 'licenses',
    gateway: /* GraphQL */ `
      query Licenses {
        licenses(first: 100) {
          edges { node {
            licenseNo kind status issuer validUntil
            holder {
              ... on Person { idNumber name householdAddress }
              ... on Enterprise { creditCode name status }
            }
          } }
        }
      }
    `,
    direct: /* GraphQL */ `
      query Licenses {
        licenses(first: 100) {
          edges { node {
            licenseNo kind status issuer validUntil
            holder { ... on Person { idNumber } ... on Enterprise { creditCode } }
          } }
        }
      }
    `,
    variables: async () => ({}),
  },
];
