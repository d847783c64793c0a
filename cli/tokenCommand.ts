import path from 'node:path';
import { jwtSecretFile, loadJwtSecret, signUserToken, TTL_PATTERN } from '../gateway/authenticate';
import { isProductionMode } from '../schema/contracts/productionMode';
import { numberOption, parseOptions, UsageError } from './parseOptions';

/**
 * `govgraph token --sub S --roles r1,r2 --dept D --clearance N [--ttl 1h]`: prints a
 * development JWT the gateway started on this machine accepts (HS256 with its secret,
 * `GOVGRAPH_JWT_SECRET` or `<data dir>/jwt-secret`, created if absent except in production). Only the token goes
 * to stdout, so `TOKEN=$(npx govgraph token …)` works; the hint goes to stderr.
 * Leave out `--dept` for a citizen, who belongs to no department.
 */
export async function tokenCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    sub: { type: 'string' },
    roles: { type: 'string' },
    dept: { type: 'string' },
    clearance: { type: 'string' },
    ttl: { type: 'string' },
  });
  if (!values.sub) throw new UsageError('token: --sub is required (a staff or citizen ID)');
  const roles = (values.roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  if (!roles.length) throw new UsageError('token: --roles is required, comma-separated (e.g. --roles caseworker,reviewer)');
  if (values.clearance === undefined) throw new UsageError('token: --clearance is required (1 public … 4 restricted)');
  const clearance = numberOption(values.clearance, 'clearance', 0);
  if (!Number.isInteger(clearance) || clearance < 1 || clearance > 4) throw new UsageError(`token: --clearance must be 1, 2, 3 or 4, got '${values.clearance}'`);
  const ttl = values.ttl ?? '1h';
  if (!TTL_PATTERN.test(ttl)) throw new UsageError(`token: --ttl is a number and a unit (s, m, h, d), e.g. 30m or 24h; got '${ttl}'`);

  const env = process.env;
  const { key: secret, source } = loadJwtSecret({ file: jwtSecretFile(path.resolve(env.GOVGRAPH_DATA_DIR ?? '.data')), env, create: !isProductionMode(env) });
  const token = await signUserToken(
    secret,
    { sub: values.sub, roles, dept: values.dept || null, clearance },
    {
      ttl,
      issuer: process.env.GOVGRAPH_JWT_ISSUER || undefined,
      audience: process.env.GOVGRAPH_JWT_AUDIENCE || undefined,
    },
  );
  console.log(token);
  console.error(`Valid for ${ttl}, signed with the development secret (${source}). Send it as:  Authorization: Bearer <token>`);
  return 0;
}
