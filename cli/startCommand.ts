import fs from 'node:fs';
import path from 'node:path';
import { GRANT_PUBLIC_JWK_ENV, grantStoreFrom, grantStoreSettingsFromEnv, loadOrCreateGrantSigningKey } from '../policies/grants';
import { readSubgraphSources, SUPERGRAPH_FILE } from '../schema/composition/composeSupergraph';
import { loadOrCreateWriteBackSigningKey, WRITE_BACK_PUBLIC_JWK_ENV } from '../schema/contracts/writeBack';
import { loadOrCreatePolicySigningKey, POLICY_PUBLIC_JWK_ENV, policyStoreFromEnv } from '../policies';
import { jwtSecretFile, loadOrCreateJwtSecret, signUserToken } from '../gateway/authenticate';
import { loadGatewayKeys } from '../gateway/execute/loadGatewayKeys';
import { startGateway } from '../gateway/server/startGateway';
import { readGatewayConfig } from '../gateway/config';
import { build as buildConsole, CONSOLE_DIST, isBuilt as consoleIsBuilt } from '../console/build';
import { composeCommand } from './composeCommand';
import { departmentTlsEnv } from './departmentTlsEnv';
import { numberOption, parseOptions } from './parseOptions';
import { superviseDepartment, type SupervisedDepartment } from './superviseDepartment';

/**
 * The token a department calls the graph with (to check a fact another department owns):
 * a caseworker of that department, signed with the development secret, valid for a day.
 */
function serviceTokenFor(department: string, secret: Uint8Array): Promise<string> {
  return signUserToken(
    secret,
    { sub: `department:${department}`, roles: ['caseworker'], dept: department, clearance: 2 },
    {
      ttl: '24h',
      issuer: process.env.GOVGRAPH_JWT_ISSUER || undefined,
      audience: process.env.GOVGRAPH_JWT_AUDIENCE || undefined,
    },
  );
}

/**
 * `govgraph start [--scale N] [--seed S]`: every department in its own process (seeded on
 * first start), then the gateway. A department that exits is started again, with backoff
 * (`superviseDepartment`; its restarts show in the gateway's `/health`). Ctrl-C stops them all.
 */
export async function startCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { scale: { type: 'string' }, seed: { type: 'string' } });
  const scale = numberOption(values.scale, 'scale', Number(process.env.GOVGRAPH_SCALE ?? 1));
  const seed = numberOption(values.seed, 'seed', Number(process.env.GOVGRAPH_SEED ?? 1));
  // One line per service on the console; JSON logs at info level on request.
  process.env.GOVGRAPH_LOG_LEVEL ??= 'warn';
  // Every gateway setting, read once here; a bad value stops start-up naming the variable.
  const config = readGatewayConfig(process.env);
  const development = config.mode === 'development';
  const gatewayPort = config.port;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  if (!fs.existsSync(SUPERGRAPH_FILE)) await composeCommand([]);
  // `npm ci` builds the IDE and console; a checkout installed without its scripts builds them here, once.
  if (config.webDir === CONSOLE_DIST && !consoleIsBuilt()) await buildConsole();
  // Before any department starts: each verifies gateway tokens with the public key file
  // this creates on first start, and calls the graph with a token from the dev secret.
  const gatewayKeys = await loadGatewayKeys(config);
  // With REDIS_URL every instance verifies published policies with the publisher's public key:
  // in development the pair is created here on first start (`policy publish` signs with its
  // private half); in production it is given (GOVGRAPH_POLICY_PUBLIC_JWK), never generated.
  const dataDir = config.dataDir;
  const policyStore = policyStoreFromEnv(process.env);
  if (policyStore && development && !process.env[POLICY_PUBLIC_JWK_ENV]) loadOrCreatePolicySigningKey({ dir: path.join(dataDir, 'keys'), env: process.env, create: true });
  // Every instance verifies the grants the catalog publishes with the catalog's public key:
  // in development the pair is created here on first start, before any department (the
  // catalog signs with its private half; the others would not start without the public one);
  // in production both are given (GOVGRAPH_GRANT_SIGNING_JWK, GOVGRAPH_GRANT_PUBLIC_JWK), never generated.
  if (development && !process.env[GRANT_PUBLIC_JWK_ENV]) loadOrCreateGrantSigningKey({ dir: path.join(dataDir, 'keys'), env: process.env, create: true });
  // The same for write-backs: services signs every event a completion writes back, each owning
  // department verifies it with the public half (production: GOVGRAPH_WRITE_BACK_*_JWK).
  if (development && !process.env[WRITE_BACK_PUBLIC_JWK_ENV]) loadOrCreateWriteBackSigningKey({ dir: path.join(dataDir, 'keys'), env: process.env, create: true });
  const sources = readSubgraphSources();
  // GOVGRAPH_TLS=1: the certificates exist (in development, created under .data/tls/ on first
  // start) and are checked before any department starts; each is told where its own are.
  const transportEnv = await departmentTlsEnv(config);
  // Tokens the gateway will accept can be minted here only with its HS256 secret; with an
  // identity provider (JWKS), or in production without an explicit secret, departments
  // use the GOVGRAPH_SERVICE_TOKEN they were given.
  const mintsServiceTokens = !process.env.GOVGRAPH_JWKS_URL && (development || !!process.env.GOVGRAPH_JWT_SECRET);
  const secret = mintsServiceTokens ? loadOrCreateJwtSecret({ file: jwtSecretFile(dataDir), env: process.env, create: development }) : undefined;
  const serviceTokens = await Promise.all(sources.map(async (source) => (secret ? serviceTokenFor(source.name, secret) : undefined)));

  // Where each department listens, told to all of them: the service platform delivers write-backs
  // there (an address given in the environment is kept).
  const scheme = config.tls.mode === 'off' ? 'http' : 'https';
  const departmentUrls = Object.fromEntries(
    sources.map((source) => {
      const variable = `GOVGRAPH_${source.name.toUpperCase()}_URL`;
      const port = process.env[`${source.name.toUpperCase()}_PORT`] ?? new URL(source.url).port;
      return [variable, process.env[variable] || `${scheme}://127.0.0.1:${port}/graphql`];
    }),
  );
  const departments: SupervisedDepartment[] = sources.map((source, i) =>
    superviseDepartment(source.name, {
      [`${source.name.toUpperCase()}_PORT`]: process.env[`${source.name.toUpperCase()}_PORT`] ?? new URL(source.url).port,
      GOVGRAPH_SEED: String(seed),
      GOVGRAPH_SCALE: String(scale),
      GOVGRAPH_GATEWAY_URL: gatewayUrl,
      ...departmentUrls,
      ...(serviceTokens[i] && { GOVGRAPH_SERVICE_TOKEN: serviceTokens[i] }),
      ...transportEnv,
    }),
  );
  const stopAll = (): void => {
    for (const d of departments) d.kill();
  };
  process.once('exit', stopAll);

  console.log('Starting departments (the first start seeds their databases)…');
  const urls = await Promise.allSettled(departments.map((d) => d.ready));
  const failures = urls.flatMap((r, i) => (r.status === 'rejected' ? [`${departments[i].name}: ${(r.reason as Error).message}`] : []));
  if (failures.length) {
    console.error(`govgraph did not start:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    stopAll();
    return 1;
  }
  const subgraphUrls: Record<string, string> = {};
  departments.forEach((d, i) => {
    subgraphUrls[d.name] = (urls[i] as PromiseFulfilledResult<string>).value;
    console.log(`  ${d.name.padEnd(12)} ${subgraphUrls[d.name]}`);
  });
  // GOVGRAPH_POLICIES=off (benchmarks only; refused in production) switches enforcement off in
  // the gateway (config.enforcePolicies) and in each department, which inherits the environment.
  // With REDIS_URL the gateway (and each department, which inherits the environment) follows
  // the policies published with `govgraph policy publish` instead of watching policies/,
  // and writes its audit records to the Redis stream every instance shares.
  const gateway = await startGateway({
    config,
    supergraphFile: SUPERGRAPH_FILE,
    subgraphUrls,
    watch: true,
    gatewayKeys,
    policyStore,
    // The access grants the catalog publishes (to Redis with REDIS_URL, else to .data/grants.json),
    // verified with GOVGRAPH_GRANT_PUBLIC_JWK or .data/keys/grant-signing.public.jwk.json.
    grants: { store: grantStoreFrom({ ...grantStoreSettingsFromEnv(process.env), dataDir }), keysDir: path.join(dataDir, 'keys'), env: process.env },
    supervision: () => Object.fromEntries(departments.map((d) => [d.name, d.status()])),
  });
  console.log(`  ${'gateway'.padEnd(12)} ${gateway.url}   ← query the graph here (open it in a browser for the query IDE)`);
  console.log(`  ${'console'.padEnd(12)} ${gateway.url.replace(/\/graphql$/, '/console')}   ← officers, staff and residents: catalog, applications, audit, my data`);
  console.log('Without a token you see public fields only. For a token:  npm run token -- --sub staff-0001 --roles caseworker --dept services --clearance 2');
  console.log('  and send it as  Authorization: Bearer <token>  (with  X-Purpose: application-review  or another declared purpose).');
  console.log('Press Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('Stopping…');
  // The gateway first: the requests it has in flight still need their departments.
  await gateway.close();
  await Promise.all(departments.map((d) => d.stop()));
  return 0;
}
