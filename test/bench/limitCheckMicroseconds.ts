import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { gatewayConfigOf } from '../../gateway/config';
import { requestRefusal } from '../../gateway/limit/requestRefusal';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';

/**
 * The median time, in µs, of what the operation limits check on every request once Apollo
 * Server has cached the document (its cost against the reader's budget, its variables), in
 * this process against the real supergraph: the part of stage 2 a gateway with the limits
 * raised still does (see `limitStageEnv`).
 */
export function limitCheckMicroseconds(query: string, variables: Record<string, unknown>, rounds = 2000): number {
  const schema = Supergraph.build(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const limits = gatewayConfigOf().limits;
  const document = parse(query);
  const request = { variables, budget: limits.cost.budgets.default };
  const times: number[] = [];
  for (let i = 0; i < rounds + 200; i++) {
    const started = process.hrtime.bigint();
    if (requestRefusal(schema, document, request, limits)) throw new Error('the limits refuse the benchmark query');
    if (i >= 200) times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}
