import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import { OTHER, type CpuCategory } from './summarizeCpuProfile';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The project's own code under `dir` (not its node_modules). */
const own = (dir: string): RegExp => new RegExp(`^${escape(pathToFileURL(path.join(PROJECT_ROOT, dir)).href)}(?:/|$)`);
/** An installed package, or a folder or file of one, `pattern` being a regular expression's source (nested node_modules too). */
const pkg = (pattern: string): RegExp => new RegExp(`/node_modules/${pattern}(?:/|$)`);

/**
 * The gateway's work, by category, for `summarizeCpuProfile`: each frame of a sample, from the
 * running one outwards, is tried against these in order, and the first match names the sample's
 * category. A frame no category claims (graphql-js's visitor and printer, Node's internals)
 * leaves the sample to its callers; V8 counts the builtins JSON.parse and JSON.stringify in the
 * function that called them. To split a category, or to claim something `other` lists, add a
 * category with the frames it owns.
 */
export const GATEWAY_CPU_CATEGORIES: CpuCategory[] = [
  {
    name: 'token signing',
    frames: [{ url: own('schema/contracts/gatewayToken') }, { url: /^node:internal\/crypto\/sig$/, functionName: /^sign/ }],
  },
  { name: 'audit sealing and writing', frames: [{ url: own('gateway/audit') }] },
  // The grants and masks the decision reads are in policies/ beside the engine.
  { name: 'policy decision', frames: [{ url: own('gateway/policy') }, { url: own('policies') }] },
  { name: 'limits', frames: [{ url: own('gateway/limit') }, { url: pkg('@escape\\.tech/graphql-armor[\\w-]*') }] },
  { name: 'authentication', frames: [{ url: own('gateway/authenticate') }, { url: pkg('jose') }] },
  { name: 'query planning', frames: [{ url: pkg('@apollo/query-planner') }, { url: pkg('@apollo/federation-internals') }] },
  {
    name: 'JSON',
    frames: [
      { functionName: /^JSON\.(parse|stringify)$/ },
      // Node's fetch reads each department's answer with this (it holds the JSON.parse), Apollo Server writes the client's with the other.
      { functionName: /^parseJSONFromBytes$/ },
      { functionName: /^prettyJSONStringify$/ },
      { url: pkg('body-parser') },
    ],
  },
  // The parser and the validation rules; the visitor the rules walk with counts for them (and for whoever else walks).
  { name: 'GraphQL parse/validate', frames: [{ url: pkg('graphql/language/(?!visitor|printer)[\\w.]+') }, { url: pkg('graphql/validation') }] },
  {
    name: 'execution',
    frames: [
      { url: pkg('@apollo/gateway') },
      { url: own('gateway/execute') },
      // The departments' circuit breakers (gateway/execute/DepartmentBreakers).
      { url: pkg('cockatiel') },
      { url: /^node:internal\/deps\/undici\// },
      { url: pkg('undici') },
      // Node's fetch reads bodies as web streams and bounds each fetch with an AbortSignal (whose
      // timer still fires after the answer): the gateway uses neither elsewhere.
      { url: /^node:internal\/webstreams\// },
      { url: /^node:internal\/abort_controller$/ },
    ],
  },
  {
    name: 'logging',
    frames: [
      { url: pkg('(pino|pino-[\\w-]+|@pinojs/[\\w-]+|sonic-boom|thread-stream|safe-stable-stringify)') },
      { url: own('gateway/server/requestLogPlugin.ts') },
      { url: own('schema/contracts/logger') },
    ],
  },
  // The HTTP server and Apollo Server's pipeline are `other`, and stop the walk: the request-body
  // limits middleware calls the rest of the chain, which would otherwise count as limits.
  { name: OTHER, frames: [{ url: pkg('(express|router|@as-integrations/express5|@apollo/server)') }] },
  { name: 'garbage collection', frames: [{ url: /^$/, functionName: /^\(garbage collector\)$/ }] },
  // `(program)`: V8 running native code with no JavaScript on the stack (mostly the event loop between requests).
  { name: 'idle', idle: true, frames: [{ url: /^$/, functionName: /^\((idle|program)\)$/ }] },
];
