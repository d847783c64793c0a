import path from 'node:path';
import { GATEWAY_PRIVATE_JWK_ENV, GATEWAY_PUBLIC_FILE, keysDir, rotateGatewayKeys } from '../schema/contracts/gatewayToken';
import { isProductionMode } from '../schema/contracts/productionMode';
import { parseOptions, UsageError } from './parseOptions';

const USAGE = 'usage: govgraph keys rotate';

/**
 * `govgraph keys rotate`: in development, a new gateway signing key under
 * `<GOVGRAPH_DATA_DIR or .data>/keys/`, the one it replaces kept in the published JWKS as the
 * previous key. Where the key is given (`GOVGRAPH_GATEWAY_PRIVATE_JWK`) or in production, it is
 * rotated where it is kept (see docs/department-token.md, "Rotation"), never here.
 */
export async function keysCommand(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals[0] !== 'rotate' || positionals.length > 1) throw new UsageError(USAGE);
  const env = process.env;
  if (isProductionMode(env))
    throw new Error('keys rotate changes the development key files; in production rotate GOVGRAPH_GATEWAY_PRIVATE_JWK where it is kept (docs/department-token.md)');
  if (env[GATEWAY_PRIVATE_JWK_ENV])
    throw new Error(`${GATEWAY_PRIVATE_JWK_ENV} is set: the gateway signs with that key, not the files; rotate it where it is kept (docs/department-token.md)`);
  const dir = keysDir(path.resolve(env.GOVGRAPH_DATA_DIR ?? '.data'));
  const { kid, previousKid } = await rotateGatewayKeys(dir);
  console.log(`gateway signing key ${kid} (previous ${previousKid}, still published until the next rotation)`);
  console.error(
    `Restart the gateway to sign with it. Departments following GOVGRAPH_GATEWAY_JWKS_URL pick it up by its kid; those reading ${path.join(dir, GATEWAY_PUBLIC_FILE)} on their next start.`,
  );
  return 0;
}
