import { READER_SPEC_FORMAT } from '../../policies';

/** The usage line of each `policy` subcommand, apart from their code so that listing them loads none. */
export const CHECK_USAGE = `govgraph policy check [--dir DIR] [--supergraph FILE] [--write-backs FILE]
  --write-backs: the service items' write-back declarations the write rules are held against
  (default, against the shipped supergraph: subgraphs/services/writeBacks.yaml, skipped when absent)`;

export const EXPLAIN_USAGE = `govgraph policy explain --as SPEC [--purpose P] --query FILE [--variables JSON] [--operation NAME] [--dir DIR] [--supergraph FILE]
  SPEC: ${READER_SPEC_FORMAT}; FILE '-' reads the query from stdin; JSON '@file.json' reads a file
govgraph policy explain COORD [--write FROM --event E] [--dir DIR] [--supergraph FILE]
  one field (Person.householdAddress): what each role reads, who may write it on which events;
  with --write and --event, whether department FROM may write it on write-back event E`;

export const DIFF_USAGE = `govgraph policy diff OLD NEW [--format text|md] [--dir DIR] [--supergraph FILE]
  OLD, NEW: a policy directory, or a git revision (HEAD~1, main) whose DIR (default: policies) is read
  exit 0: no reader gains anything and no department may write more; 3: access or writing widens; 1: the policies do not load`;

export const MATRIX_USAGE = 'govgraph policy matrix [--format md|csv|html] [--dir DIR] [--supergraph FILE]';

export const PUBLISH_USAGE = `govgraph policy publish [--dir DIR] [--as NAME] [--redis URL] [--prefix P] [--supergraph FILE]
  checks DIR as \`policy check\` does, then stores it in Redis (--redis, else REDIS_URL) as the next version;
  every gateway and department started with REDIS_URL loads it. --as (default: $USER) is recorded as publisher.
  signed with GOVGRAPH_POLICY_SIGNING_JWK, else .data/keys/policy-signing.private.jwk.json (created in development).
  exit 0: published, or already the current version; 1: problems (nothing published), no signing key, or Redis unreachable`;

export const SCAFFOLD_USAGE = `govgraph policy scaffold --out DIR [--supergraph FILE] [--allow-public]
  writes a starting policy folder for the supergraph: vocabulary.yaml (its subgraphs as departments) and one
  file per subgraph, one rule per field, every field denied (read: []); --allow-public makes every field public.
  DIR must be new or empty. exit 0: written and passes \`policy check\`; 1: written with problems; 2: usage, or DIR not empty`;
