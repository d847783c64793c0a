/**
 * The benchmark's queries. Each runs through the gateway and, for the same data, as the
 * part its owning subgraph answers on its own (`direct`): the gap is the cost of the
 * gateway (planning, fetching from the other departments, merging).
 */
import type { Identity } from '../../policies';

export interface BenchQuery {
  name: string;
  /** Who runs it, and for what purpose (with policies on, what they may see decides the work). */
  reader: Identity;
  purpose: string;
  /** The subgraph `direct` is sent to. */
  owner: string;
  gateway: string;
  direct: string;
  /** Picks variables from the seeded data, asking the gateway with these headers. */
  variables(gatewayUrl: string, headers: Record<string, string>): Promise<Record<string, unknown>>;
}

/** Reads the seed to pick variables: may read everything the queries touch. */
export const SETUP_READER: Identity = { sub: 'bench-setup', roles: ['officer', 'caseworker', 'reviewer'], dept: 'population', clearance: 4 };

async function post<T>(url: string, query: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (response.status !== 200 || !body.data) throw new Error(`the bench could not pick its variables: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.data;
}

export const REVIEW_QUERY = /* GraphQL */ `
  query Review($id: ID!) {
    application(id: $id) {
      id
      status
      submittedAt
      item {
        code
        name
        timeLimitDays
        requiredLicenses
      }
      applicant {
        idNumber
        name
        householdAddress
        licenses {
          licenseNo
          kind
          status
          validUntil
        }
      }
      enterprise {
        creditCode
        name
        status
        licenses {
          licenseNo
          kind
          status
          validUntil
        }
      }
      events {
        stage
        actor
        at
      }
    }
  }
`;

export const BENCH_QUERIES: BenchQuery[] = [
  {
    name: 'review',
    owner: 'services',
    reader: { sub: 'bench-reviewer', roles: ['reviewer'], dept: 'market', clearance: 3 },
    purpose: 'application-review',
    gateway: REVIEW_QUERY,
    direct: /* GraphQL */ `
      query Review($id: ID!) {
        application(id: $id) {
          id
          status
          submittedAt
          item {
            code
            name
            timeLimitDays
            requiredLicenses
          }
          applicant {
            idNumber
          }
          enterprise {
            creditCode
          }
          events {
            stage
            actor
            at
          }
        }
      }
    `,
    async variables(gatewayUrl, headers) {
      const data = await post<{ people: { edges: { node: { applications: { id: string; status: string; enterprise: unknown }[] } }[] } }>(
        gatewayUrl,
        '{ people(first: 100) { edges { node { applications { id status enterprise { creditCode } } } } } }',
        headers,
      );
      const applications = data.people.edges.flatMap((e) => e.node.applications);
      const withEnterprise = applications.find((a) => a.enterprise && a.status === 'ACCEPTED') ?? applications.find((a) => a.enterprise) ?? applications[0];
      return { id: withEnterprise.id };
    },
  },
  {
    name: 'licenses-100',
    owner: 'licenses',
    reader: { sub: 'bench-caseworker', roles: ['caseworker'], dept: 'services', clearance: 2 },
    purpose: 'service-acceptance',
    gateway: /* GraphQL */ `
      query Licenses {
        licenses(first: 100) {
          edges {
            node {
              licenseNo
              kind
              status
              issuer
              validUntil
              holder {
                ... on Person {
                  idNumber
                  name
                  householdAddress
                }
                ... on Enterprise {
                  creditCode
                  name
                  status
                }
              }
            }
          }
        }
      }
    `,
    direct: /* GraphQL */ `
      query Licenses {
        licenses(first: 100) {
          edges {
            node {
              licenseNo
              kind
              status
              issuer
              validUntil
              holder {
                ... on Person {
                  idNumber
                }
                ... on Enterprise {
                  creditCode
                }
              }
            }
          }
        }
      }
    `,
    variables: async () => ({}),
  },
];
