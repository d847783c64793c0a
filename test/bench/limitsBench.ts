import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { gatewayConfigOf } from '../../gateway/config';
import { countTokens } from '../../gateway/limit/countTokens';
import { documentRefusal } from '../../gateway/limit/documentRefusal';
import { requestRefusal } from '../../gateway/limit/requestRefusal';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { REVIEW_QUERY } from './benchQueries';

const ID = '11010519491231002X';
const fill = (tokens: number, around: number, item: string, perItem: number): string =>
  Array.from({ length: Math.floor((tokens - around) / perItem) }, (_, i) => item.replace('#', String(i))).join(' ');
// `query ($id: ID!) { person(idNumber: $id) {` and `} }`: 19 tokens; `{ person(idNumber: "…") {` and `} }`: 10.

/** Documents of the sizes the limits are meant for: the review query, and 5,000 tokens within and over the limits. */
const DOCUMENTS: Record<string, string> = {
  'review query (within)': REVIEW_QUERY,
  '5,000 tokens, within the limits': `query ($id: ID!) { person(idNumber: $id) { ${fill(5000, 19, 'name', 1)} } }`,
  '5,000 tokens, 1,660 aliases (refused)': `{ person(idNumber: "${ID}") { ${fill(5000, 10, 'a#: name', 3)} } }`,
  'issue 9 deep query (refused)': `{ people(first: 100) { edges { node { ${'applications { applicant { '.repeat(12)}name${' } }'.repeat(12)} } } } }`,
};

function microseconds(run: () => unknown, rounds: number): { median: number; p99: number } {
  for (let i = 0; i < Math.min(200, rounds); i++) run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(rounds / 2)], p99: times[Math.floor(rounds * 0.99)] };
}

/**
 * `npx tsx test/bench/limitsBench.ts [rounds]`: how long the limit stage takes to decide,
 * per document, against the real supergraph, with graphql-js's parse and standard
 * validation beside it for scale (the limits run after the first and before the second).
 */
export function runLimitsBench(rounds = 1000): void {
  const schema: GraphQLSchema = Supergraph.build(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const limits = gatewayConfigOf().limits;
  const request = { variables: { id: ID }, budget: limits.cost.budgets.default };
  const format = ({ median, p99 }: { median: number; p99: number }) => `${median.toFixed(0).padStart(6)} µs (p99 ${p99.toFixed(0)})`;
  console.log(`limit stage, median of ${rounds} runs, Node ${process.version}`);
  for (const [name, text] of Object.entries(DOCUMENTS)) {
    const document: DocumentNode = parse(text);
    const tokens = countTokens(text, Number.MAX_SAFE_INTEGER);
    const decideOnce = () =>
      countTokens(text, limits.maxTokens + 1) > limits.maxTokens
        ? 'MAX_TOKENS_EXCEEDED'
        : (documentRefusal(schema, document, limits) ?? requestRefusal(schema, document, request, limits))?.extensions.code;
    const refusal = decideOnce();
    const decide = microseconds(decideOnce, rounds);
    // A request whose document Apollo Server has cached: only what depends on the request.
    const cached = microseconds(() => requestRefusal(schema, document, request, limits), rounds);
    const parsing = microseconds(() => parse(text), Math.min(rounds, 200));
    const validation = microseconds(() => validate(schema, document), Math.min(rounds, 50));
    console.log(`\n${name}: ${tokens} tokens → ${refusal ?? 'allowed'}`);
    console.log(`  limits, first sight (tokens + document + request) ${format(decide)}`);
    if (!refusal) console.log(`  limits, document cached (request)                ${format(cached)}`);
    console.log(`  for scale: parse ${format(parsing)}, standard validation ${format(validation)}`);
  }
}

if (require.main === module) runLimitsBench(Number(process.argv[2] ?? 1000));
